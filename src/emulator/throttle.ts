/**
 * Throttling with memory, as SharePoint does it: once a client has been answered 429 or 503 with Retry-After, it is
 * refused until the wait has passed, and every request it sends early is refused again and counted (throttled
 * requests count against the usage limits, so not honouring Retry-After brings more throttling). Optionally a budget
 * of resource units a minute per client, charged with the published costs.
 * Source: https://learn.microsoft.com/en-us/sharepoint/dev/general-development/how-to-avoid-getting-throttled-or-blocked-in-sharepoint-online
 * ("How to handle throttling", "Resource units").
 */

export interface BudgetPlan {
  /** Resource units one client may spend in any minute (e.g. 1,200: the smallest tenant). */
  readonly unitsPerMinute: number;
}

export type ThrottleVerdict = { readonly ok: true } | { readonly ok: false; readonly retryAfter: number };

export class ThrottleWindows {
  private until = new Map<string, number>();
  private spent = new Map<string, { at: number; units: number }[]>();
  /** Requests (and sub-requests) that arrived while their client's window was open. */
  early = 0;
  /** 429s the budget gave (not injected faults). */
  overBudget = 0;
  /** Resource units charged against the budget (refused requests included). */
  unitsCharged = 0;

  constructor(
    private budget: BudgetPlan | undefined,
    /** Milliseconds one second of Retry-After (and one sixtieth of the budget's minute) lasts: 1,000 in real time. */
    private secondMs = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  configure(budget: BudgetPlan | undefined, secondMs: number): void {
    this.budget = budget;
    this.secondMs = secondMs;
    this.until.clear();
    this.spent.clear();
  }

  /** The client was answered 429/503 asking it to wait `seconds`: refuse it until then. */
  open(client: string, seconds: number): void {
    if (!(seconds > 0)) return;
    const end = this.now() + seconds * this.secondMs;
    this.until.set(client, Math.max(this.until.get(client) ?? 0, end));
  }

  /**
   * May this client's request (costing `units`) go ahead? An early one is refused with the wait still to run; one over
   * the budget opens a window for the time until enough units free up. Refused requests are charged as well.
   */
  admit(client: string, units: number, opts: { insideAdmittedBatch?: boolean } = {}): ThrottleVerdict {
    const at = this.now();
    const until = this.until.get(client) ?? 0;
    // A $batch is admitted (or refused) as it arrives; its sub-requests were all sent before any of them was answered,
    // so a window one of them opens does not make its siblings early.
    if (at < until && !opts.insideAdmittedBatch) {
      this.early += 1;
      this.charge(client, at, units);
      return { ok: false, retryAfter: Math.max(1, Math.ceil((until - at) / this.secondMs)) };
    }
    if (!this.budget || units === 0) return { ok: true };
    const minute = 60 * this.secondMs;
    const log = (this.spent.get(client) ?? []).filter((s) => s.at > at - minute);
    this.spent.set(client, log);
    let used = log.reduce((n, s) => n + s.units, 0);
    if (used + units <= this.budget.unitsPerMinute) {
      log.push({ at, units });
      this.unitsCharged += units;
      return { ok: true };
    }
    // Wait until the oldest charges leave the minute and this request fits.
    let freeAt = at;
    for (const s of log) {
      if (used + units <= this.budget.unitsPerMinute) break;
      used -= s.units;
      freeAt = s.at + minute;
    }
    this.overBudget += 1;
    const seconds = Math.max(1, Math.ceil((freeAt - at) / this.secondMs));
    this.open(client, seconds);
    this.charge(client, at, units);
    return { ok: false, retryAfter: seconds };
  }

  private charge(client: string, at: number, units: number): void {
    if (!this.budget || units === 0) return;
    this.unitsCharged += units;
    const log = this.spent.get(client) ?? [];
    log.push({ at, units });
    this.spent.set(client, log);
  }
}
