/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "require"]}
 */
// The workbook checks' examples are real .xlsx returns (ExcelJS): its uuid must load as Node's build, not the browser's.
/**
 * Every finding the checks can raise, read by each of its two readers: the provider's view and the officer's view show
 * it without check ids (outside "Details"), internal sheet, table or template names, raw version numbers or record
 * formats; the provider reads requests addressed to them and nothing addressed to the officer; the officer reads the
 * finding and none of the requests made of the provider.
 */
import "@testing-library/jest-dom";
import * as React from "react";
import { render } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type { Finding } from "../../src/core/types";
import { ProviderView } from "../../src/taskpane/components/ProviderView";
import { findingMessage, versionWords } from "../../src/taskpane/plain-words";
import { checkOf, fakeHost } from "./fixtures";
import {
  INTERNAL,
  RAW_VERSION,
  RULE_ID,
  TO_OFFICER,
  TO_PROVIDER,
  bareDashes,
  visibleText,
} from "./pane-words";
import { everyFinding } from "./every-finding";
import { renderOfficer } from "./render-officer";

let findings: Finding[];
beforeAll(() => {
  findings = everyFinding();
});

/** The findings whose text, as `read`, matches `pattern`, with the text: an empty list passes. */
function offenders(read: (f: Finding) => string, pattern: RegExp): string[] {
  return findings.map((f) => `${f.ruleId}: ${read(f)}`).filter((t) => pattern.test(t.replace(/^\S+: /, "")));
}

describe("each finding in its reader's words", () => {
  it("covers every check that can fire, both the engine's and the workbook's", () => {
    const ids = new Set(findings.map((f) => f.ruleId));
    for (const id of [
      "PREV-CHANGE-Q",
      "METADATA-CONTRACT",
      "TABLE-MISSING",
      "TEMPLATE-VERSION",
      "COLUMN-RENAMED",
    ])
      expect(ids).toContain(id);
    // Some of them are written with the names the pane must not show: the sweep below is not sweeping clean text.
    expect(findings.some((f) => INTERNAL.test(f.message))).toBe(true);
    expect(findings.some((f) => RAW_VERSION.test(f.message))).toBe(true);
    expect(findings.some((f) => /Ask the provider/.test(f.message))).toBe(true);
  });

  it("the provider's: no internal names or raw versions, nothing addressed to the officer", () => {
    const read = (f: Finding) => findingMessage(f, "provider");
    expect(offenders(read, INTERNAL)).toEqual([]);
    expect(offenders(read, RAW_VERSION)).toEqual([]);
    expect(offenders(read, TO_OFFICER)).toEqual([]);
    expect(offenders(read, RULE_ID)).toEqual([]);
    // Still the requests made of them.
    expect(
      findings.filter((f) => /^Please /m.test(read(f)) || / Please /.test(read(f))).length,
    ).toBeGreaterThan(20);
  });

  it("the officer's: no internal names or raw versions, no request made of the provider", () => {
    const read = (f: Finding) => findingMessage(f, "officer");
    expect(offenders(read, INTERNAL)).toEqual([]);
    expect(offenders(read, RAW_VERSION)).toEqual([]);
    expect(offenders(read, TO_PROVIDER)).toEqual([]);
    expect(offenders(read, RULE_ID)).toEqual([]);
    for (const f of findings) expect(read(f).length).toBeGreaterThan(15);
  });

  it("says a template's version plainly, and the provider is told what the officer was told to ask", () => {
    expect(["1.0.0", "1.1.0", "0.9.0", "1.0.2", "2.10.0"].map(versionWords)).toEqual([
      "version 1",
      "version 1.1",
      "version 0.9",
      "version 1.0.2",
      "version 2.10",
    ]);
    const contract = findings.find(
      (f) => f.ruleId === "METADATA-CONTRACT" && /Ask the provider/.test(f.message),
    )!;
    expect(findingMessage(contract, "provider")).toMatch(/Please use the return workbook you were sent\.$/);
    expect(findingMessage(contract, "officer")).toMatch(
      /Ask the provider to use the return they were sent\.$/,
    );
    const version = findings.find((f) => f.ruleId === "TEMPLATE-VERSION")!;
    expect(findingMessage(version, "provider")).toMatch(/version 0\.9 of its template.*against version 1\./);
  });

  it("tells a provider what the Return Register's checks mean for them, and the officer what to ask", () => {
    const issued = findings.find(
      (f) => f.ruleId === "REGISTER-ISSUED-CHANGED" && /^"referrals": Target/.test(f.message),
    )!;
    expect(findingMessage(issued, "provider")).toBe(
      '"referrals": Target was issued as 100 but the workbook holds 90. Only the yellow cells are yours to change; please put it back.',
    );
    expect(findingMessage(issued, "officer")).toBe(
      '"referrals": Target was issued as 100 (Return Register) but the workbook holds 90.',
    );
    const unknown = findings.find((f) => f.ruleId === "REGISTER-UNKNOWN")!;
    expect(findingMessage(unknown, "provider")).toMatch(
      /^The commissioning team issued no return from "[^"]+" for 2022-23 Q\d on this template\. Please use the return workbook you were sent\.$/,
    );
    const name = findings.find((f) => f.ruleId === "REGISTER-PROVIDER-NAME")!;
    expect(findingMessage(name, "provider")).toMatch(/^This workbook names your organisation "[^"]+"; the commissioning team knows you as "Example provider"/);
  });
});

describe("every finding, rendered in each view", () => {
  it("the provider's view", () => {
    // One query explained, so the view says by whom: the provider reads it as theirs.
    const first = findings.findIndex((f) => f.severity === "query");
    const shown = findings.map((f, i): Finding => (i === first ? { ...f, explainedBy: "commentary" } : f));
    const check = checkOf("idva", shown, { status: "draft" });
    render(
      <FluentProvider theme={webLightTheme}>
        <ProviderView host={fakeHost(check)} check={check} onCheck={jest.fn()} />
      </FluentProvider>,
    );
    const text = visibleText();
    expect(text.split("(select its cell)")).toHaveLength(findings.length + 1);
    for (const pattern of [INTERNAL, RAW_VERSION, TO_OFFICER, RULE_ID]) expect(text).not.toMatch(pattern);
    expect(text).toContain("Explained in your commentary.");
    expect(bareDashes()).toEqual([]);
  });

  it("the officer's view", () => {
    renderOfficer(checkOf("idva", findings, { status: "submitted" }));
    const text = visibleText();
    expect(text.split("(select its cell)")).toHaveLength(findings.length + 1);
    for (const pattern of [INTERNAL, RAW_VERSION, RULE_ID]) expect(text).not.toMatch(pattern);
    // The officer's view speaks to the officer ("you" is them); what it must not carry are the provider's requests.
    expect(text).not.toMatch(/\bPlease\b|\bIf you meant\b|yours to change/);
    expect(bareDashes()).toEqual([]);
  });
});
