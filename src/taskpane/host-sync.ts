/**
 * Sync from the task pane, gated by the Return Register exactly as the command line's: the workbook's figures go to
 * the lists only when the register shows the return approved, the figures hash to what was approved and nothing
 * stands that the register's overrides do not clear; the register then records it synced only when every item
 * landed. Progress is counted item by item as the writes settle, for the pane's live region.
 */
import { UserError } from "../core/errors";
import type { ReturnSyncResult } from "../sharepoint";
import type { GraphTarget } from "../sharepoint/target";
import { planReturnState } from "../workbook";
import type { ListLink, ReturnsHost, SyncPreview, SyncProgress, SyncOutcome } from "./host";
import { currentReturn, type Checker } from "./host-check";
import type { Session } from "./host-session";
import type { OpenWorkbook } from "./host-workbook";

function listLinks(urls: { kpi: string; budget: string }, t: GraphTarget): ListLink[] {
  return [
    { label: t.lists?.kpi ?? "KPI Returns", url: urls.kpi },
    { label: t.lists?.budget ?? "Budget Returns", url: urls.budget },
  ];
}

function previewOf(r: ReturnSyncResult): SyncPreview {
  const { create, update, unchanged, conflict } = r.plan;
  return {
    counts: { create, update, unchanged, conflict },
    conflicts: r.conflicts,
    refused: r.refused ?? null,
  };
}

export function createSync(deps: {
  session: Session;
  checker: Checker;
  book: OpenWorkbook;
  now: () => Date;
  sourceWorkbook?: () => string;
}): Pick<ReturnsHost, "previewSync" | "syncReturn"> {
  const { session, checker, book, now } = deps;

  const run = async (dryRun: boolean, onProgress?: SyncProgress) => {
    // Syncing is an officer's act, recorded in the register: signed in first, even to preview.
    const officer = await session.officer();
    const { read } = await currentReturn(checker, "skip");
    const { sp, client } = await session.sharePoint();
    const act = { officer, at: now().toISOString() };
    const run = await sp.syncWithRegister(
      client,
      session.target,
      [
        {
          ret: read.ret,
          template: read.template,
          workbookFindings: read.findings,
          sourceWorkbook: deps.sourceWorkbook?.() ?? "",
        },
      ],
      { dryRun, syncedBy: officer.name, act, now, ...(onProgress ? { onProgress } : {}) },
    );
    return { run, r: run.result.returns[0] };
  };

  return {
    async previewSync(): Promise<SyncPreview> {
      return previewOf((await run(true)).r);
    },

    async syncReturn(onProgress: SyncProgress): Promise<SyncOutcome> {
      const { run: done, r } = await run(false, onProgress);
      if (r.refused) throw new UserError(r.refused);
      // The failure itself, so the pane words it from its own figures (how long it kept trying, while doing what).
      if (done.result.throttled) throw done.result.throttled;
      if (r.plan.failed > 0) {
        throw new UserError(
          `${r.plan.failed} items could not be written after several tries; nothing was lost or duplicated. Choose Sync again to finish.`,
        );
      }
      // The register records the return synced only when every item landed; the workbook gets its copy.
      const stamp = done.stamps.get(0);
      if (stamp) await book.apply(planReturnState(stamp));
      return { ...previewOf(r), lists: listLinks(done.result.listUrls, session.target) };
    },
  };
}
