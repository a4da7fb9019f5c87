/**
 * The task pane's host in Excel: reads and writes the open return through the workbook layer's coarse ports
 * (one snapshot in, one plan out), decides with core, and reaches SharePoint through the sync module, which is
 * imported on demand so MSAL and the Graph client stay out of the pane's first bundle.
 */
import { buildConfig, resolveGraphTarget } from "../auth/config";
import { createTokenSource } from "../auth/token-source";
import { UserError, describeError } from "../core/errors";
import * as lifecycle from "../core/lifecycle";
import { formatPeriod, parsePeriod, previousQuarter, sameQuarterLastYear } from "../core/period";
import type { Finding, KpiTemplate, Location, Return } from "../core/types";
import { validateReturn } from "../core/validate";
import type { GraphTarget, SignInTokenSource } from "../sharepoint/target";
import { builtInTemplates } from "../templates";
import {
  builtInEntry,
  entriesFromStored,
  parseTemplateCache,
  templatesForChecking,
  templateSummary,
  templateToIssue,
  type StoredTemplate,
  type TemplateEntry,
} from "../core/template-library";
import {
  KPI_SHEET,
  LiveCheck,
  planAnnotations,
  planNewReturn,
  planProviderInput,
  planReturnState,
  readReturn,
  type ReturnEdit,
  type ReturnSetup,
  type RowRead,
  type TableSnapshot,
  type WorkbookPlan,
  type WorkbookSnapshot,
} from "../workbook";
import type {
  Account,
  CommentaryEntry,
  NewReturnOutcome,
  NewReturnRequest,
  ReturnCheck,
  ReturnsHost,
  SummaryOutcome,
  SyncOutcome,
  SyncPreview,
  SyncProgress,
  TemplateChoice,
  TemplateLibrary,
} from "./host";
import type { SummaryLayout } from "./summary-sheet";

/** The workbook, as the host needs it: coarse operations, each a small fixed number of Excel round trips. */
export interface WorkbookPort {
  readSnapshot(): Promise<WorkbookSnapshot>;
  applyPlan(plan: WorkbookPlan): Promise<void>;
  selectCell(location: Location): Promise<void>;
  writeSummary(layout: SummaryLayout): Promise<{ sheet: string; charts: number }>;
  /**
   * Writes highlights without anything that clears the user's undo (live checking); resolves false when it could
   * not. Absent where there is no undo to keep (an .xlsx file): applyPlan is used.
   */
  applyHighlights?(plan: WorkbookPlan): Promise<boolean>;
  /** Reports edits inside the return's tables; resolves to a function that stops. Absent where nothing can watch. */
  watchEdits?(onEdit: (edit: ReturnEdit) => void): Promise<() => Promise<void>>;
  /** Re-reads some body rows of a table (live checking of a local edit). */
  readRows?(table: TableSnapshot, rows: readonly number[]): Promise<RowRead[]>;
}

/** How long edits must pause before live checking re-checks (typing across a row makes one check). */
export const LIVE_CHECK_DELAY_MS = 600;

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

/** A small text store for the template library's offline cache. */
export interface TemplateCacheStore {
  read(): string | null;
  write(text: string): void;
}

const TEMPLATE_CACHE_KEY = "kpi-returns.template-cache";

/** localStorage, when the pane has it (a locked-down browser may not): the cache is then simply not kept. */
function browserCache(): TemplateCacheStore {
  const storage = (): Storage | null => {
    try {
      return typeof localStorage === "undefined" ? null : localStorage;
    } catch {
      return null;
    }
  };
  return {
    read: () => {
      try {
        return storage()?.getItem(TEMPLATE_CACHE_KEY) ?? null;
      } catch {
        return null;
      }
    },
    write: (text) => {
      try {
        storage()?.setItem(TEMPLATE_CACHE_KEY, text);
      } catch {
        // Full or refused: the pane works on without an offline copy.
      }
    },
  };
}

/** A loaded, validated return: what every operation after a check works from. */
interface Current {
  readonly snapshot: WorkbookSnapshot;
  readonly ret: Return;
  readonly template: KpiTemplate;
  /** What only the workbook shows (a formula typed over, an issued figure changed): its errors block approval. */
  readonly structural: readonly Finding[];
}

type SharePoint = typeof import("../sharepoint");

export function createExcelHost(options: ExcelHostOptions): ReturnsHost {
  const builtIn = (options.templates ?? builtInTemplates).map(builtInEntry);
  const now = options.now ?? (() => new Date());
  const { workbook } = options;
  const { target, mode } = resolveGraphTarget(options.search, buildConfig());
  const cache = options.templateCache ?? browserCache();
  /**
   * The library's versions: from this computer's cache at first (checked as untrusted data, like the list itself),
   * then from the KPI Templates list once it has been read.
   */
  const cachedItems = (): readonly StoredTemplate[] =>
    target.site ? (parseTemplateCache(cache.read(), target.site)?.items ?? []) : [];
  let library: readonly TemplateEntry[] = entriesFromStored(cachedItems()).entries;
  let libraryRead = false;
  const catalogue = (): TemplateEntry[] => [...builtIn, ...library];
  /** Every version a return may have been issued with, retired ones included. */
  const templates = (): KpiTemplate[] => templatesForChecking(catalogue());
  let tokens: Promise<SignInTokenSource> | null = null;
  let signedInAs: string | null = mode === "emulator" ? "Emulator user" : null;

  const tokenSource = (): Promise<SignInTokenSource> => {
    tokens ??= createTokenSource(mode).catch((err: unknown) => {
      tokens = null; // let a later attempt (after fixing the cause) try again
      throw err;
    });
    return tokens;
  };

  /** The Graph client and the sync module, loaded on first use. */
  const sharePoint = async (): Promise<{
    sp: SharePoint;
    client: ReturnType<SharePoint["createGraphClient"]>;
  }> => {
    if (mode === "tenant" && !target.site) {
      throw new UserError(
        "This add-in was built without a SharePoint site (KPI_SITE), so it has no lists to sync to. Rebuild it with KPI_SITE set, or open it with ?emulator=http://127.0.0.1:PORT.",
      );
    }
    const [sp, source] = await Promise.all([
      import(/* webpackChunkName: "sharepoint" */ "../sharepoint"),
      tokenSource(),
    ]);
    if (mode === "tenant" && source.signedInAs() === null) {
      throw new UserError("Sign in to SharePoint first: choose Sign in at the top of the pane.");
    }
    return { sp, client: sp.createGraphClient(target, source) };
  };

  /** Reads the KPI Templates list, keeps it for this session and caches it on this computer for offline use. */
  const refreshLibrary = async (): Promise<void> => {
    const { client } = await sharePoint();
    const { readTemplateList } = await import(
      /* webpackChunkName: "sharepoint" */ "../sharepoint/template-list"
    );
    const list = await readTemplateList(client, target);
    const items = list?.items ?? [];
    library = entriesFromStored(items).entries;
    libraryRead = true;
    cache.write(JSON.stringify({ site: target.site, readAt: now().toISOString(), items }));
  };

  const actor = () => ({ by: signedInAs ?? "Unnamed officer (not signed in)", at: now().toISOString() });

  /** Live checks running: every full read hands them the snapshot to merge their next local edit into. */
  const watchers = new Set<LiveCheck>();
  /** Full reads started so far; a live check built on an older read than the newest is dropped. */
  let reads = 0;
  let latest: WorkbookSnapshot | null = null;
  /** The highlights last written (the plan as JSON), so a live check rewrites them only when they change. */
  let annotated: string | null = null;

  const readAll = async (): Promise<WorkbookSnapshot> => {
    reads += 1;
    const snapshot = await workbook.readSnapshot();
    latest = snapshot;
    for (const w of watchers) w.start(snapshot);
    return snapshot;
  };

  /** Writes a plan that is not highlights: what is highlighted in the sheet is then no longer known. */
  const apply = (plan: WorkbookPlan): Promise<void> => {
    annotated = null;
    return workbook.applyPlan(plan);
  };

  /**
   * Highlights findings in the sheet. While the provider types (live), only in ways that keep their undo: where the
   * sheet's protection does not allow that, the highlights wait for the next Validate.
   */
  const annotate = async (
    snapshot: WorkbookSnapshot,
    findings: readonly Finding[],
    when: "always" | "live",
  ) => {
    const plan = planAnnotations(snapshot, findings);
    const key = JSON.stringify(plan);
    if (when !== "always" && key === annotated) return;
    annotated = null;
    if (when === "live" && workbook.applyHighlights) {
      if (await workbook.applyHighlights(plan)) annotated = key;
      return;
    }
    await workbook.applyPlan(plan);
    annotated = key;
  };

  /** Reads the return out of a snapshot and validates it; highlights its findings as told. */
  const evaluate = async (
    snapshot: WorkbookSnapshot,
    highlight: "always" | "live" | "never",
  ): Promise<ReturnCheck & { current: Current | null }> => {
    let read = readReturn(snapshot, templates());
    if (!libraryRead && read.findings.some((f) => f.ruleId === "TEMPLATE-UNKNOWN")) {
      // A return issued from a library version this pane has not seen yet: read the library once, then again.
      await refreshLibrary().catch(() => null);
      read = readReturn(snapshot, templates());
    }
    if (!read.ret || !read.template) {
      return {
        ret: read.ret,
        template: read.template,
        validation: null,
        findings: read.findings,
        current: null,
      };
    }
    const validation = validateReturn(read.ret, read.template);
    const findings: Finding[] = [...read.findings, ...validation.findings];
    if (highlight !== "never") await annotate(snapshot, findings, highlight);
    return {
      ret: read.ret,
      template: read.template,
      validation,
      findings,
      current: { snapshot, ret: read.ret, template: read.template, structural: read.findings },
    };
  };

  /** Reads and validates the return; highlights its findings in the sheet unless told not to. */
  const check = async (highlight: "always" | "never" = "always") => evaluate(await readAll(), highlight);

  const withoutCurrent = ({ current: _current, ...rest }: ReturnCheck & { current: Current | null }) => rest;

  const publicCheck = async (): Promise<ReturnCheck> => withoutCurrent(await check());

  /** The return as it stands now; a workbook with no readable return gets a plain error. */
  const current = async (): Promise<Current> => {
    // Only to act on: the re-check after the action highlights what is then true.
    const c = await check("never");
    if (!c.current) {
      const why = c.findings.find((f) => f.severity === "error")?.message;
      throw new UserError(
        `${why ?? "This workbook holds no return."} Open the provider's return workbook, or start one from New return.`,
      );
    }
    return c.current;
  };

  /** Moves the return on and records it in the workbook, then re-checks. */
  const record = async (step: (c: Current) => Return): Promise<ReturnCheck> => {
    const c = await current();
    await apply(planReturnState(step(c)));
    return publicCheck();
  };

  const syncInput = (c: Current) => ({
    ret: c.ret,
    template: c.template,
    validation: validateReturn(c.ret, c.template),
    sourceWorkbook: options.sourceWorkbook?.() ?? "",
  });

  const listLinks = (urls: { kpi: string; budget: string }, t: GraphTarget) => [
    { label: t.lists?.kpi ?? "KPI Returns", url: urls.kpi },
    { label: t.lists?.budget ?? "Budget Returns", url: urls.budget },
  ];

  return {
    templates(): readonly TemplateChoice[] {
      const ids = [...new Set(catalogue().map((e) => e.template.id))];
      return ids
        .map((id) => templateToIssue(catalogue(), id)?.template)
        .filter((t): t is KpiTemplate => t !== undefined)
        .map((t) => ({ id: t.id, title: t.title, serviceArea: t.serviceArea }));
    },

    async templateLibrary(): Promise<TemplateLibrary> {
      let from: TemplateLibrary["from"] = "built-in";
      let notice: string | null = null;
      if (!target.site) notice = "No SharePoint site is set, so only the built-in templates are listed.";
      else {
        try {
          await refreshLibrary();
          from = "list";
        } catch (err) {
          from = library.length > 0 ? "cache" : "built-in";
          notice =
            `${describeError(err, "")} ${from === "cache" ? "Showing the templates saved on this computer." : "Showing the built-in templates."}`.trim();
        }
      }
      const entries = catalogue().map(templateSummary);
      return { entries, from, notice };
    },

    quarterReturns: async (period) =>
      (await import(/* webpackChunkName: "quarter" */ "./quarter-register")).quarterRegister({
        connect: sharePoint,
        target,
        templates,
        now,
      })(period),

    account(): Account {
      return { mode, signedInAs };
    },

    async signIn(): Promise<Account> {
      signedInAs = await (await tokenSource()).signIn();
      return { mode, signedInAs };
    },

    checkReturn: publicCheck,

    goTo: (location) => workbook.selectCell(location),

    async watchReturn(onCheck, onError): Promise<() => void> {
      const { watchEdits, readRows } = workbook;
      if (!watchEdits || !readRows) return () => undefined; // e.g. an .xlsx file: nothing is edited under us
      let stopped = false;
      let basis = 0; // the full read this check builds on
      const halt = () => new Error("Live checking has stopped.");
      const live = new LiveCheck({
        delayMs: options.liveCheckDelayMs ?? LIVE_CHECK_DELAY_MS,
        readSnapshot: () => {
          if (stopped) throw halt();
          basis = reads + 1;
          return readAll();
        },
        readRows: (table, rows) => {
          if (stopped) throw halt();
          basis = reads;
          return readRows(table, rows);
        },
        onSnapshot: async (snapshot, edits) => {
          // A full read since (Validate, an approval…) has seen these edits too, and its check is the one shown.
          if (stopped || basis !== reads) return;
          // A co-author's edits are checked and shown here, but highlighted by their own pane: two panes writing
          // highlights over each other's typing would fight.
          const result = withoutCurrent(await evaluate(snapshot, edits.local ? "live" : "never"));
          if (!stopped) onCheck(result);
        },
        onError: (err) => {
          if (!stopped) onError(err);
        },
      });
      live.start(latest);
      watchers.add(live);
      const unwatch = await watchEdits((edit) => live.notify(edit));
      return () => {
        stopped = true;
        watchers.delete(live);
        // The pane is closing or moving on; a failure to unregister leaves a handler whose checks are ignored.
        unwatch().catch(() => undefined);
      };
    },

    async saveCommentary(entries: readonly CommentaryEntry[]): Promise<ReturnCheck> {
      const c = await current();
      const kpis: Record<string, { commentary: string }> = {};
      const budget: Record<string, { commentary: string }> = {};
      for (const e of entries) {
        if (e.kpiId) kpis[e.kpiId] = { commentary: e.commentary };
        else if (e.lineId) budget[e.lineId] = { commentary: e.commentary };
      }
      await apply(planProviderInput(c.snapshot, { kpis, budget }));
      return publicCheck();
    },

    submit: () => record((c) => lifecycle.submit(c.ret, actor())),

    overrideQuery: (finding, reason) =>
      record((c) =>
        lifecycle.overrideQuery(c.ret, {
          ruleId: finding.ruleId,
          subject: finding.kpiId ?? finding.lineId ?? "",
          reason,
          ...actor(),
        }),
      ),

    withdrawOverride: (finding) =>
      record((c) =>
        lifecycle.withdrawOverride(
          c.ret,
          { ruleId: finding.ruleId, subject: finding.kpiId ?? finding.lineId ?? "" },
          actor(),
        ),
      ),

    approve: (comment) =>
      record((c) => {
        // The officer's validation is a step of its own in the lifecycle; approving implies it.
        const validated = c.ret.status === "submitted" ? lifecycle.markValidated(c.ret, actor()) : c.ret;
        return lifecycle.approve(validated, c.template, {
          ...actor(),
          comment: comment || undefined,
          workbookFindings: c.structural,
        });
      }),

    returnToProvider: (reasons) => record((c) => lifecycle.returnToProvider(c.ret, { ...actor(), reasons })),

    reopen: () => record((c) => lifecycle.reopenReturn(c.ret, actor())),

    async previewSync(): Promise<SyncPreview> {
      const c = await current();
      const { sp, client } = await sharePoint();
      const input = syncInput(c);
      const refused = sp.refusalOf(input);
      if (refused)
        return { counts: { create: 0, update: 0, unchanged: 0, conflict: 0 }, conflicts: [], refused };
      const result = await sp.syncReturns(client, target, [input], {
        dryRun: true,
        syncedBy: actor().by,
        now,
      });
      const r = result.returns[0];
      return { counts: r.plan, conflicts: r.conflicts, refused: r.refused ?? null };
    },

    async syncReturn(onProgress: SyncProgress): Promise<SyncOutcome> {
      const c = await current();
      const { sp, client } = await sharePoint();
      const result = await sp.syncReturns(client, target, [syncInput(c)], {
        syncedBy: actor().by,
        now,
        onProgress,
      });
      const r = result.returns[0];
      if (r.refused) throw new UserError(r.refused);
      if (result.totals.failed > 0) {
        throw new UserError(
          `${result.totals.failed} items could not be written after several tries; nothing was lost or duplicated. Choose Sync again to finish.`,
        );
      }
      if (c.ret.status === "approved") await apply(planReturnState(lifecycle.markSynced(c.ret, actor())));
      return {
        counts: r.plan,
        conflicts: r.conflicts,
        refused: null,
        lists: listLinks(result.listUrls, target),
      };
    },

    async createReturn(request: NewReturnRequest): Promise<NewReturnOutcome> {
      const template = templateToIssue(catalogue(), request.templateId, request.templateVersion)?.template;
      if (!template)
        throw new UserError(
          `There is no published template "${request.templateId}${request.templateVersion ? `@${request.templateVersion}` : ""}". Choose one from the list.`,
        );
      const period = formatPeriod(parsePeriod(request.period));
      const snapshot = await readAll();
      if (snapshot.metadata !== null) {
        throw new UserError(
          "This workbook already holds a return. Start the new return in a new, blank workbook (File > New), then open KPI Returns there.",
        );
      }
      const setup: ReturnSetup = {
        template,
        provider: request.provider,
        period,
        ...(signedInAs !== null
          ? await priorFigures(await sharePoint(), template, request.provider, period)
          : {}),
      };
      await apply(planNewReturn(setup));
      const prefilled = ["targets", "previous", "lastYear", "awarded", "previousSpent"].reduce(
        (n, k) => n + Object.keys((setup as unknown as Record<string, object | undefined>)[k] ?? {}).length,
        0,
      );
      return { sheet: KPI_SHEET, prefilled };
    },

    async buildQuarterlySummary(period: string): Promise<SummaryOutcome> {
      const canonical = formatPeriod(parsePeriod(period));
      const { sp, client } = await sharePoint();
      const [kpiItems, budgetItems] = await Promise.all([
        sp.readKpiItems(client, target, { period: canonical }),
        sp.readBudgetItems(client, target, { period: canonical }),
      ]);
      if (kpiItems.length === 0 && budgetItems.length === 0) {
        throw new UserError(
          `The lists hold no approved figures for ${canonical} yet. Approve and sync that quarter's returns, then build the summary.`,
        );
      }
      // The report model and its sheet layout are needed only here: loaded on demand, out of the pane's first script.
      const [{ buildQuarterlyReport }, { layoutSummary }] = await Promise.all([
        import(/* webpackChunkName: "summary-report" */ "../report/model"),
        import(/* webpackChunkName: "summary-report" */ "./summary-sheet"),
      ]);
      // Each service by the template it was issued with: the library's as well as the built-in ones.
      const report = buildQuarterlyReport(kpiItems, budgetItems, canonical, { templates: templates() });
      const written = await workbook.writeSummary(layoutSummary(report));
      return { sheet: written.sheet, charts: written.charts, returns: report.sources.returns };
    },
  };

  /**
   * Targets and prior figures for a new return from the lists: last quarter's actuals and targets, the same quarter
   * last year's actuals, and (within the financial year) the award and spend so far.
   */
  async function priorFigures(
    { sp, client }: Awaited<ReturnType<typeof sharePoint>>,
    template: KpiTemplate,
    provider: string,
    period: string,
  ): Promise<Partial<ReturnSetup>> {
    const p = parsePeriod(period);
    const before = formatPeriod(previousQuarter(p));
    const lastYear = formatPeriod(sameQuarterLastYear(p));
    const mine = <T extends { provider: string; templateId: string }>(items: T[]) =>
      items.filter((i) => i.provider.trim() === provider.trim() && i.templateId === template.id);
    const [prevKpis, lastYearKpis, prevBudget] = await Promise.all([
      sp.readKpiItems(client, target, { period: before }).then(mine),
      sp.readKpiItems(client, target, { period: lastYear }).then(mine),
      p.quarter > 1 ? sp.readBudgetItems(client, target, { period: before }).then(mine) : Promise.resolve([]),
    ]);
    const targets: Record<string, number> = {};
    const previous: Record<string, number> = {};
    const lastYearFigures: Record<string, number> = {};
    const awarded: Record<string, number> = {};
    const previousSpent: Record<string, number> = {};
    for (const i of prevKpis) {
      // A quarter's target carries over unless the officer changes it; annual targets are the same all year.
      if (i.target !== null) targets[i.kpiId] = i.target;
      if (i.actual !== null) previous[i.kpiId] = i.actual;
    }
    for (const i of lastYearKpis) if (i.actual !== null) lastYearFigures[i.kpiId] = i.actual;
    for (const i of prevBudget) {
      if (i.awarded !== null) awarded[i.lineId] = i.awarded;
      if (i.spentToDate !== null) previousSpent[i.lineId] = i.spentToDate;
    }
    return { targets, previous, lastYear: lastYearFigures, awarded, previousSpent };
  }
}
