/**
 * Signing in from the command line when GRAPH_TOKEN is not set and the target is a real tenant. Until the Node
 * device-code token source (src/auth/node.ts) lands, this says plainly what to do instead.
 */
import type { TokenSource } from "../sharepoint/target";
import { ExitCode, CliFailure } from "./exit";
import type { CliIo } from "./io";

export async function deviceCodeTokenSource(
  _io: CliIo,
  _purpose: "items" | "provision",
): Promise<TokenSource> {
  throw new CliFailure(
    "Signing in with a device code is not available in this build: set GRAPH_TOKEN to a Microsoft Graph access token.",
    ExitCode.unreachable,
  );
}
