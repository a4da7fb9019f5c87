/**
 * Reaching the local Graph emulator from a test as the faces do: a client signed in with the emulator's token, the
 * target the command line's `--site … --graph-url …` flags name, and a port nobody listens on (an emulator that is
 * not running).
 */
import net from "node:net";
import { EMULATOR_TOKEN } from "../../src/auth/config";
import { createGraphClient, type GraphClient } from "../../src/sharepoint";
import type { GraphTarget } from "../../src/sharepoint/target";

/** A Graph client for `target`, signed in to the emulator. */
export function emulatorClient(target: GraphTarget): GraphClient {
  return createGraphClient(target, { getToken: async () => EMULATOR_TOKEN });
}

/** The target named by the command line's flags (`--site SITE --graph-url URL`), and a client for it. */
export function emulatorGraph(flags: readonly string[]): { target: GraphTarget; client: GraphClient } {
  const target = {
    site: flags[flags.indexOf("--site") + 1],
    baseUrl: flags[flags.indexOf("--graph-url") + 1],
  };
  return { target, client: emulatorClient(target) };
}

/** A port nobody listens on: bind one, note it, close it. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
