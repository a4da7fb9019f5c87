/**
 * How the command line reaches SharePoint: the Graph target from --site/--graph-url, the bearer token (GRAPH_TOKEN,
 * a fixed token for a local emulator, or a device-code sign-in), and Graph failures turned into exit codes.
 */
import { GRAPH_BASE_URL, ITEM_SCOPES, OFFICER_SCOPES, PROVISION_SCOPES, REMIND_SCOPES } from "../auth/config";
import { UserError } from "../core/errors";
import {
  DEFAULT_EMULATOR_PORT,
  isLoopbackUrl,
  type GraphTarget,
  type TokenSource,
} from "../sharepoint/target";
import type { GraphClient } from "../sharepoint";
import { GraphThrottledError } from "../sharepoint/throttled";
import { ExitCode, CliFailure } from "./exit";
import { readVersion } from "./version";
import type { CliIo } from "./io";

export interface GraphFlags {
  readonly site: string;
  readonly graphUrl?: string;
}

/**
 * The Graph base URL: --graph-url, else KPI_GRAPH_URL, else KPI_GRAPH_BASE_URL (the name the add-in's build reads, so
 * one environment serves both), else Microsoft Graph itself. A bare origin gets "/v1.0".
 */
export function graphBaseUrl(flags: GraphFlags, io: CliIo): string {
  const [source, given] = flags.graphUrl
    ? ["--graph-url", flags.graphUrl]
    : io.env.KPI_GRAPH_URL
      ? ["KPI_GRAPH_URL", io.env.KPI_GRAPH_URL]
      : io.env.KPI_GRAPH_BASE_URL
        ? ["KPI_GRAPH_BASE_URL", io.env.KPI_GRAPH_BASE_URL]
        : ["--graph-url", GRAPH_BASE_URL];
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new CliFailure(
      `${source} "${given}" is not a URL (e.g. http://127.0.0.1:${DEFAULT_EMULATOR_PORT}/v1.0).`,
      ExitCode.badInput,
      source,
    );
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopbackUrl(given))) {
    // A token must never cross the network in clear text; plain http is only for the emulator on this machine.
    throw new CliFailure(
      `${source} "${given}" must use https (plain http is allowed only for an emulator on 127.0.0.1 or localhost).`,
      ExitCode.badInput,
      source,
    );
  }
  const trimmed = given.replace(/\/+$/, "");
  return url.pathname === "/" || url.pathname === "" ? `${trimmed}/v1.0` : trimmed;
}

export function graphTarget(flags: GraphFlags, io: CliIo): GraphTarget {
  const site = flags.site.trim();
  if (!site) throw new CliFailure("--site must name the SharePoint site.", ExitCode.badInput, "--site");
  return { baseUrl: graphBaseUrl(flags, io), site };
}

/**
 * The fixed emulator token for an emulator on this machine (so a real token never goes there), else GRAPH_TOKEN,
 * else a device-code sign-in (src/auth/node.ts). Tokens are never printed or written anywhere.
 */
/** What a command does with Graph, and so the least scopes it asks for (README, section The Return Register). */
export type GraphPurpose = "items" | "provision" | "officer" | "remind";

const SCOPES: Record<GraphPurpose, readonly string[]> = {
  items: ITEM_SCOPES,
  provision: PROVISION_SCOPES,
  officer: OFFICER_SCOPES,
  remind: REMIND_SCOPES,
};

export async function tokenSourceFor(
  target: GraphTarget,
  io: CliIo,
  purpose: GraphPurpose,
): Promise<TokenSource> {
  const { nodeTokenSource } = await import("../auth/node");
  return nodeTokenSource(target, {
    env: io.env,
    scopes: SCOPES[purpose],
    say: (line) => io.err(`${line}\n`),
  });
}

export interface GraphConnection {
  readonly client: GraphClient;
  readonly target: GraphTarget;
}

export async function connectGraph(
  flags: GraphFlags,
  io: CliIo,
  purpose: GraphPurpose = "items",
): Promise<GraphConnection> {
  const target = graphTarget(flags, io);
  const tokens = await tokenSourceFor(target, io, purpose);
  const { createGraphClient, decoratedUserAgent } = await import("../sharepoint");
  const userAgent = decoratedUserAgent(organisation(target, io), "KPIReturns", readVersion());
  return { client: createGraphClient(target, tokens, { userAgent }), target };
}

/**
 * The company named in the User-Agent: KPI_ORGANISATION when set, else the tenant's name from the site's host
 * ("contoso" for contoso.sharepoint.com), so SharePoint can tell this organisation's traffic apart.
 */
export function organisation(target: GraphTarget, io: CliIo): string {
  const given = io.env.KPI_ORGANISATION?.trim();
  if (given) return given;
  const host = target.site.includes(":") ? target.site.slice(0, target.site.indexOf(":")) : "";
  return host.split(".")[0] || "unknown";
}

/** Runs a Graph step; "could not reach", throttling past every retry and Graph's refusals become exit 3, each one plain line. */
export async function withGraph<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    if (err instanceof CliFailure) throw err;
    // The Graph SDK may wrap the client's own "could not reach" answer in another message: keep only the answer.
    const unreachable =
      err instanceof Error ? /Could not reach Microsoft Graph at .*$/.exec(err.message) : null;
    if (unreachable) throw new CliFailure(unreachable[0], ExitCode.unreachable);
    if (err instanceof GraphThrottledError) throw new CliFailure(err.message, ExitCode.unreachable);
    if (err instanceof UserError && /^Microsoft Graph refused/.test(err.message)) {
      throw new CliFailure(err.message, ExitCode.unreachable, err.where);
    }
    throw err;
  }
}
