/** What the emulator counts about the traffic it receives, for tests and the bench. */

export interface EmulatorStats {
  /** HTTP requests received (a $batch counts once). */
  total: number;
  /** Requests that only read: GETs, and batches of GETs only. */
  reads: number;
  /** Requests that wrote or tried to: POST/PATCH/DELETE, and batches holding any of them. */
  writes: number;
  batches: number;
  subRequests: number;
  /** CORS preflights (OPTIONS) from a browser; not in `total`, as they do no Graph work. */
  preflights: number;
  /** Requests answered with an injected fault (429, 503 or a reset). */
  faulted: number;
  /** Sub-requests inside a $batch answered with an injected 429 or 503. */
  subFaulted: number;
  itemsCreated: number;
  itemsUpdated: number;
  /** Requests and sub-requests that came inside a throttle window, before their Retry-After had passed. */
  earlyRequests: number;
  /** 429s given because a client went over its resource-unit budget. */
  overBudget: number;
  /** Resource units charged against the budget (0 when no budget is set). */
  unitsCharged: number;
  /** Requests refused 403 accessDenied for want of a scope. */
  forbidden: number;
  /** The distinct User-Agent headers seen, for checking how a client decorates its traffic. */
  userAgents: string[];
}

export function emptyStats(): EmulatorStats {
  return {
    total: 0,
    reads: 0,
    writes: 0,
    batches: 0,
    subRequests: 0,
    preflights: 0,
    faulted: 0,
    subFaulted: 0,
    itemsCreated: 0,
    itemsUpdated: 0,
    earlyRequests: 0,
    overBudget: 0,
    unitsCharged: 0,
    forbidden: 0,
    userAgents: [],
  };
}

/** True when a request writes or may write: anything but GET, and a $batch holding anything but GETs. */
export function isWrite(method: string, pathname: string, body: unknown): boolean {
  if (method === "GET") return false;
  if (/\/\$batch$/.test(pathname)) {
    const requests = (body as { requests?: unknown } | null | undefined)?.requests;
    return (
      !Array.isArray(requests) ||
      requests.some((r) => String((r as { method?: unknown } | null)?.method).toUpperCase() !== "GET")
    );
  }
  return true;
}
