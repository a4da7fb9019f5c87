/** @jest-environment jsdom */
/**
 * What an officer reads in the pane, and what the pane shows when there is nothing to show. Outside the findings'
 * "Details": no check ids, no internal sheet or table names, no sentence addressed to the provider, no date written
 * in figures. Empty data says so in words: a budget line with no award gets a sentence (no bar, no marker), a KPI with
 * no actual reads "Not reported", a line or KPI with no rating reads "Not rated", never a bare "–".
 */
import "@testing-library/jest-dom";
import { screen, within } from "@testing-library/react";
import { figuresHash } from "../../src/core/approval";
import { kpiFinding } from "../../src/core/rules/rule";
import { validateReturn } from "../../src/core/validate";
import { parseCell } from "../../src/core/values";
import type { BudgetFigure, Finding, Return } from "../../src/core/types";
import { KPI_TABLE, METADATA_SHEET } from "../../src/workbook/contract";
import { checkOf, idvaQuery } from "./fixtures";
import { RULE_ID, bareDashes, visibleText } from "./pane-words";
import { renderOfficer } from "./render-officer";

const INTERNAL_NAMES = new RegExp(`${METADATA_SHEET}|${KPI_TABLE}\\b`);

describe("an officer's words", () => {
  it("says a void approval, a structural problem and a provider's query without ids, internal names or figures for dates", () => {
    const asApproved = checkOf("idva", [], { status: "synced" }).ret!;
    const approval = { by: "Dana Officer", at: "2022-10-12T09:00:00Z", hash: figuresHash(asApproved) };
    const kpis = asApproved.kpis.map((k, i) => (i === 0 ? { ...k, actual: parseCell(1) } : k));
    const ret: Return = { ...asApproved, kpis, approval };
    const found = validateReturn(ret, checkOf("idva", []).template!).findings;
    const structural = kpiFinding(
      { id: "METADATA-UNREADABLE", severity: "error" },
      "referrals",
      0,
      `The "${METADATA_SHEET}" sheet says this is a ${KPI_TABLE} table of 12 rows. Please use the return workbook you were sent.`,
    );
    const query: Finding = {
      ...idvaQuery,
      message: `${idvaQuery.message} Please amend, or explain in the Commentary column.`,
    };
    const findings = [...found, structural, query];
    expect(findings.map((f) => f.ruleId)).toContain("APPROVAL-VOID");
    renderOfficer(checkOf("idva", findings, { status: "synced", patch: { approval, kpis } }));

    const text = visibleText();
    expect(text).toMatch(/approved by Dana Officer on 12 Oct 2022, 10:00/);
    expect(text).not.toMatch(RULE_ID);
    expect(text).not.toMatch(INTERNAL_NAMES);
    expect(text).not.toMatch(/Please (amend|use)/);
    expect(text).not.toMatch(/\d{1,2}\/\d{1,2}\/\d{4}/);
    // The ids are one click away, for whoever asks.
    const details = [...document.querySelectorAll("details")].map((d) => d.textContent ?? "").join(" ");
    expect(details).toContain("Check: APPROVAL-VOID");
    expect(details).toContain("Check: METADATA-UNREADABLE");
  });
});

describe("empty states", () => {
  const csp = () => checkOf("csp-budget", [], { provider: "Shropshire CSP" });

  it("a budget line with no award says so in a sentence, with no bar or marker", () => {
    const check = csp();
    const [first, ...rest] = check.validation!.budget;
    const noAward: BudgetFigure = { ...first, awarded: null, utilisation: null, rag: null };
    renderOfficer({ ...check, validation: { ...check.validation!, budget: [noAward, ...rest] } });
    const list = screen.getByRole("list", { name: "Budget utilisation against profile" });
    const line = within(list).getByText(first.label).closest("li") as HTMLElement;
    expect(within(line).queryByRole("img")).not.toBeInTheDocument();
    expect(line).toHaveTextContent(
      /no award is recorded for this line, so there is nothing to measure it against|No award and no spending recorded/,
    );
    expect(line).toHaveTextContent("Not rated");
    expect(line).not.toHaveTextContent(/–/);
    // Lines with an award still draw their bar.
    expect(within(list).queryAllByRole("img")).toHaveLength(rest.filter((b) => (b.awarded ?? 0) > 0).length);
  });

  it("a KPI with no actual reads Not reported, and no rating reads Not rated, never a bare dash", () => {
    const check = checkOf("idva", []);
    const [first, ...rest] = check.validation!.figures;
    const blank = { ...first, actual: null, variance: null, variancePct: null, rag: null };
    renderOfficer({ ...check, validation: { ...check.validation!, figures: [blank, ...rest] } });
    const list = screen.getByRole("list", { name: "KPI summary" });
    const card = within(list).getByText(first.label).closest("li") as HTMLElement;
    expect(card).toHaveTextContent("ActualNot reported");
    expect(card).toHaveTextContent("Not rated");
    expect(card.textContent).not.toMatch(/(^|[^\w])–([^\w]|$)/);
    expect(bareDashes()).toEqual([]);
  });
});
