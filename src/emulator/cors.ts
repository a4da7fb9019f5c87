/**
 * CORS for the emulator: a task pane served from https://localhost:3000 calls the emulator straight from the browser,
 * so every answer carries CORS headers. Only this machine's origins are reflected: a page from anywhere else cannot
 * drive it.
 */
import { isLoopbackUrl } from "../sharepoint/target";

export const CORS_ALLOW_HEADERS = "Authorization, Content-Type, If-Match, Prefer";
export const CORS_ALLOW_METHODS = "GET, POST, PATCH, DELETE, OPTIONS";
/**
 * The headers Graph lets a page read cross-origin. Retry-After is not among them (reported to Microsoft in
 * https://github.com/microsoftgraph/microsoft-graph-docs-contrib/issues/2011), so a browser client cannot read how long
 * to wait on a top-level 429 and must fall back on its own backoff; inside a $batch the headers are in the body.
 */
const CORS_EXPOSE_HEADERS = "ETag, Location, request-id, client-request-id";

/** The CORS headers for a request from `origin` (none for a foreign or absent origin, so the browser refuses it). */
export function corsHeaders(origin: string | undefined): Record<string, string> {
  const vary = { Vary: "Origin" };
  if (!origin || !isLoopbackUrl(origin) || new URL(origin).origin !== origin) return vary;
  return {
    ...vary,
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Expose-Headers": CORS_EXPOSE_HEADERS,
  };
}

/** The answer to a preflight: the methods and headers allowed, for this machine's origins only. */
export function preflightHeaders(
  cors: Record<string, string>,
  privateNetwork: boolean,
): { allowed: boolean; headers: Record<string, string> } {
  const allowed = "Access-Control-Allow-Origin" in cors;
  if (!allowed) return { allowed, headers: cors };
  return {
    allowed,
    headers: {
      ...cors,
      "Access-Control-Allow-Methods": CORS_ALLOW_METHODS,
      "Access-Control-Allow-Headers": CORS_ALLOW_HEADERS,
      "Access-Control-Max-Age": "600",
      // Chrome's private network access check: a loopback page calling a loopback server.
      ...(privateNetwork ? { "Access-Control-Allow-Private-Network": "true" } : {}),
    },
  };
}
