/**
 * JSON $batch as Graph defines it (https://learn.microsoft.com/en-us/graph/json-batching): the body checked whole
 * (at most 20 requests, unique ids, dependsOn naming earlier requests), then each sub-request answered on its own,
 * against the throttling limits and the fault dice, in order, a failed dependency answering 424.
 */
import { resourceUnits } from "../sharepoint/units";
import type { EmulatorContext } from "./context";
import { route } from "./routes";
import { fromError, json, type Answer } from "./shapes";
import { GraphHttpError } from "./state";

const MAX_BATCH = 20;

/** A 429 or 503 as Graph sends it: its error code and how long to wait. */
export function throttledAnswer(status: 429 | 503, retryAfter: number, message: string): Answer {
  return json(
    status,
    { error: { code: status === 429 ? "TooManyRequests" : "serviceNotAvailable", message } },
    { "Retry-After": String(retryAfter) },
  );
}
/** A JSON $batch body as Graph defines it, or a GraphHttpError saying what is wrong with it. */
function checkBatch(body: unknown): Record<string, unknown>[] {
  const requests = (body as { requests?: unknown } | null | undefined)?.requests;
  if (!Array.isArray(requests) || requests.length === 0) {
    throw new GraphHttpError(400, "BadRequest", "A $batch body needs a non-empty requests array.");
  }
  // https://learn.microsoft.com/en-us/graph/json-batching: at most 20 requests; each id unique in the batch
  // (case-insensitive), else the whole batch fails with 400; dependsOn names other requests of the batch.
  if (requests.length > MAX_BATCH) {
    throw new GraphHttpError(
      400,
      "BadRequest",
      `A $batch may hold at most ${MAX_BATCH} requests, not ${requests.length}.`,
    );
  }
  const ids = new Set<string>();
  for (const raw of requests as unknown[]) {
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
      throw new GraphHttpError(400, "BadRequest", "Each $batch request must be an object.");
    }
    const r = raw as Record<string, unknown>;
    if (typeof r.id !== "string" || !r.id || typeof r.method !== "string" || typeof r.url !== "string") {
      throw new GraphHttpError(400, "BadRequest", "Each batch request needs id, method and url as text.");
    }
    const id = r.id.toLowerCase();
    if (ids.has(id))
      throw new GraphHttpError(400, "BadRequest", `The batch request id "${r.id}" is used twice.`);
    ids.add(id);
    if (
      r.headers !== undefined &&
      (!r.headers || typeof r.headers !== "object" || Array.isArray(r.headers))
    ) {
      throw new GraphHttpError(
        400,
        "BadRequest",
        `Batch request "${r.id}" has headers that are not an object.`,
      );
    }
    if (r.dependsOn !== undefined) {
      const deps = r.dependsOn;
      if (
        !Array.isArray(deps) ||
        deps.some((d) => typeof d !== "string" || !ids.has(d.toLowerCase()) || d.toLowerCase() === id)
      ) {
        throw new GraphHttpError(
          400,
          "BadRequest",
          `Batch request "${r.id}" depends on a request not before it in the batch.`,
        );
      }
    }
  }
  return requests as Record<string, unknown>[];
}

function headersOf(raw: Record<string, unknown>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries((raw.headers ?? {}) as Record<string, unknown>))
    headers[k.toLowerCase()] = String(v);
  return headers;
}

/** One sub-request's answer: its dependencies, the throttle windows, the dice, then the router. */
function answerOne(
  ctx: EmulatorContext,
  raw: Record<string, unknown>,
  statusById: ReadonlyMap<string, number>,
  client: string,
  scopes: readonly string[],
): Answer {
  const method = String(raw.method);
  const url = String(raw.url);
  const headers = headersOf(raw);
  const deps = Array.isArray(raw.dependsOn) ? (raw.dependsOn as string[]) : [];
  const succeeded = (d: string) => {
    const status = statusById.get(d.toLowerCase()) ?? 0;
    return status >= 200 && status < 300;
  };
  if (!deps.every(succeeded)) {
    return json(424, {
      error: { code: "FailedDependency", message: "A request this one depends on failed." },
    });
  }
  // Each request inside a batch is evaluated on its own against the throttling limits.
  const verdict = ctx.windows.admit(client, resourceUnits(method, url), { insideAdmittedBatch: true });
  if (!verdict.ok)
    return throttledAnswer(429, verdict.retryAfter, "The client is throttled: wait for Retry-After.");
  const fault = ctx.dice.forSubRequest();
  if (fault.kind === "status") {
    ctx.stats.subFaulted += 1;
    ctx.windows.open(client, fault.retryAfter);
    return throttledAnswer(fault.status, fault.retryAfter, "Injected fault.");
  }
  // json-batching: "headers … required when body is specified"; the body needs its Content-Type.
  if (raw.body !== undefined && !headers["content-type"]) {
    return json(400, {
      error: {
        code: "BadRequest",
        message: "A batch request with a body must give its Content-Type header.",
      },
    });
  }
  try {
    return route(ctx, {
      method,
      url: url.startsWith("/") ? url : `/${url}`,
      headers,
      body: raw.body,
      scopes,
    });
  } catch (err) {
    return fromError(err);
  }
}

/** Answers a $batch: 200 with one response per sub-request, in order, or a 400 for a malformed body. */
export function runBatch(
  ctx: EmulatorContext,
  body: unknown,
  client: string,
  scopes: readonly string[],
): Answer {
  const requests = checkBatch(body);
  const statusById = new Map<string, number>();
  const responses: Record<string, unknown>[] = [];
  for (const raw of requests) {
    const id = String(raw.id);
    ctx.stats.subRequests += 1;
    const answer = answerOne(ctx, raw, statusById, client, scopes);
    statusById.set(id.toLowerCase(), answer.status);
    responses.push({
      id,
      status: answer.status,
      headers: answer.headers,
      ...(answer.body !== undefined ? { body: answer.body } : {}),
    });
  }
  return json(200, { responses });
}
