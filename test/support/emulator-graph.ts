/**
 * Reaching the local Graph emulator from a test as the faces do: a client signed in with the emulator's token, the
 * target the command line's `--site … --graph-url …` flags name, a raw request to it, and a port nobody listens on
 * (an emulator that is not running).
 */
import net from "node:net";
import { EMULATOR_TOKEN } from "../../src/auth/config";
import type { RunningEmulator } from "../../src/emulator";
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

/** The emulator's answer to one request: status, headers and the JSON body (`{}` when there is none). */
export interface EmulatorReply {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/**
 * One request to a running emulator, as Graph's callers send it: bearer token (the emulator's unless another is
 * given), JSON body (a string is sent as it is, for malformed bodies). A full URL (a next link) is requested as given.
 */
export async function emulatorCall(
  emu: RunningEmulator,
  method: string,
  pathOrUrl: string,
  body?: unknown,
  headers: Record<string, string> = {},
  token: string = EMULATOR_TOKEN,
): Promise<EmulatorReply> {
  const url = pathOrUrl.startsWith("http") ? pathOrUrl : `${emu.url}${pathOrUrl}`;
  const res = await fetch(url, {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}
