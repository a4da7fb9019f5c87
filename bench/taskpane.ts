/**
 * The task pane at the widths Excel opens it: `taskpane.axeViolations` counts axe-core's violations (each rule and
 * element once per view and colour scheme) over every view the navigation offers, in light, dark and forced colours;
 * `taskpane.overflowPx` is the widest sideways scroll (the page or any scroll container) over those views at 270, 320
 * and 350 px. Goal for both: 0. Measured in Debian's Chromium on the production build, by the same sweep the browser
 * test asserts on (test/browser/pane-checks.ts). Without Chromium nothing is measured, and the bench says so.
 */
import { buildIfStale, freshProductionBuild, webBuild } from "../test/support/builds";
import {
  CHROMIUM,
  haveChromium,
  openPaneSession,
  preparedWorkbook,
  receivedEntry,
} from "../test/browser/pane-harness";
import { figures, sweepPane } from "../test/browser/pane-checks";
import type { BenchArea } from "./areas";

export const area: BenchArea = {
  name: "taskpane",
  measure: async () => {
    if (!haveChromium()) {
      const why = `taskpane: Chromium is not installed at ${CHROMIUM}: taskpane.axeViolations and taskpane.overflowPx were NOT measured`;
      if (process.env.KPI_RETURNS_REQUIRE_TOOLS === "1")
        throw new Error(`${why} (apt-get install chromium).`);
      process.stderr.write(`\n*** ${why} (apt-get install chromium); they are reported as null. ***\n\n`);
      return { "taskpane.axeViolations": null, "taskpane.overflowPx": null };
    }
    buildIfStale(webBuild, (line) => process.stderr.write(`taskpane: ${line}\n`));
    const session = await openPaneSession(freshProductionBuild(), 320);
    try {
      const looks = await sweepPane(session, [
        {
          name: "Victim Advice Line",
          workbook: await preparedWorkbook("victim-advice-line"),
          url: "https://example.org/returns/VAL Q2.xlsx",
          register: receivedEntry("victim-advice-line"),
        },
        {
          name: "IDVA",
          workbook: await preparedWorkbook("idva"),
          url: "https://example.org/returns/IDVA Q2.xlsx",
          register: receivedEntry("idva"),
        },
        {
          name: "Herefordshire CSP",
          workbook: await preparedWorkbook("csp-budget", { provider: "Herefordshire CSP" }),
          url: "https://example.org/returns/Herefordshire CSP Q2.xlsx",
          register: receivedEntry("csp-budget", "Herefordshire CSP"),
        },
        {
          name: "Victim Advice Line (draft)",
          workbook: await preparedWorkbook("victim-advice-line", { draft: true }),
          url: "https://example.org/returns/VAL Q2 draft.xlsx",
        },
      ]);
      const { axeViolations, overflowPx } = figures(looks);
      return { "taskpane.axeViolations": axeViolations, "taskpane.overflowPx": overflowPx };
    } finally {
      await session.close();
    }
  },
};
