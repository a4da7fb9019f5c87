/**
 * The task pane's host in Excel: reads and writes the open return through the workbook layer's coarse ports (one
 * snapshot in, one plan out), decides with core's decision room against the Return Register, and reaches
 * SharePoint through modules imported on demand, so MSAL and the Graph client stay out of the pane's first bundle.
 * Each job has its own room: sign-in and the officer (host-session), the template library (host-library), the
 * workbook's reads and highlights (host-workbook), checking (host-check), live checking (host-live), the officer's
 * decisions (host-decisions), sync (host-sync), a new return (host-prefill) and the summary (host-summary).
 */
import type { KpiTemplate } from "../core/types";
import { builtInTemplates } from "../templates";
import { planProviderInput } from "../workbook";
import type { ReturnCheck, ReturnsHost } from "./host";
import { createChecker, currentReturn } from "./host-check";
import { createActions } from "./host-decisions";
import { browserCache, createLibrary, type TemplateCacheStore } from "./host-library";
import { createWatch } from "./host-live";
import { createNewReturn } from "./host-prefill";
import { createSession } from "./host-session";
import { createSummary } from "./host-summary";
import { createSync } from "./host-sync";
import { openWorkbook, type WorkbookPort } from "./host-workbook";

export type { WorkbookPort } from "./host-workbook";
export type { TemplateCacheStore } from "./host-library";
export { LIVE_CHECK_DELAY_MS } from "./host-live";

export interface ExcelHostOptions {
  readonly workbook: WorkbookPort;
  /** The page's query string: `?emulator=http://127.0.0.1:PORT` selects a local emulator (loopback only). */
  readonly search: string;
  readonly templates?: readonly KpiTemplate[];
  /** Where the template library is cached for offline use: the browser's localStorage unless a test gives its own. */
  readonly templateCache?: TemplateCacheStore;
  readonly now?: () => Date;
  /** The workbook's name or URL, recorded on every synced item. */
  readonly sourceWorkbook?: () => string;
  readonly liveCheckDelayMs?: number;
}

export function createExcelHost(options: ExcelHostOptions): ReturnsHost {
  const now = options.now ?? (() => new Date());
  const session = createSession(options.search);
  const library = createLibrary({
    session,
    builtIn: options.templates ?? builtInTemplates,
    cache: options.templateCache ?? browserCache(),
    now,
  });
  const book = openWorkbook(options.workbook);
  const checker = createChecker(session, library, book);
  const deps = { session, checker, book, now, sourceWorkbook: options.sourceWorkbook };

  return {
    templates: () => library.choices(),
    templateLibrary: () => library.templateLibrary(),
    account: () => session.account(),
    signIn: () => session.signIn(),
    // A Validate reads the register afresh (when it can be reached without asking) and highlights what it finds.
    checkReturn: async (): Promise<ReturnCheck> => (await checker.check("always", "fresh")).check,
    goTo: (location) => options.workbook.selectCell(location),
    watchReturn: createWatch(book, checker, options.liveCheckDelayMs),
    async saveCommentary(entries): Promise<ReturnCheck> {
      const { snapshot } = await currentReturn(checker, "skip");
      const kpis: Record<string, { commentary: string }> = {};
      const budget: Record<string, { commentary: string }> = {};
      for (const e of entries) {
        if (e.kpiId) kpis[e.kpiId] = { commentary: e.commentary };
        else if (e.lineId) budget[e.lineId] = { commentary: e.commentary };
      }
      await book.apply(planProviderInput(snapshot, { kpis, budget }));
      return (await checker.check("always", "cached")).check;
    },
    ...createActions(deps),
    ...createSync(deps),
    createReturn: createNewReturn(session, library, book),
    buildQuarterlySummary: createSummary(session, library, options.workbook),
    quarterReturns: async (period) =>
      (await import(/* webpackChunkName: "quarter-register" */ "./host-quarter")).quarterRegister({
        connect: () => session.sharePoint(),
        target: session.target,
        templates: () => library.templates(),
        now,
      })(period),
  };
}
