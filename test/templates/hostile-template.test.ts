/**
 * A template from the KPI Templates list (or its cache) is untrusted data: a hostile one — script in its labels,
 * huge lists, `__proto__` keys, a formula, control characters — is refused with a plain message naming the item, or,
 * where its text is merely odd, carried as inert text; either way nothing else changes.
 */
import {
  entriesFromStored,
  entryFromStored,
  templateHash,
  templateJson,
  type StoredTemplate,
} from "../../src/core/template-library";
import { loadTemplate } from "../../src/core/template";
import { TEMPLATE_LIMITS } from "../../src/core/template-vocabulary";
import { templateFromSheets } from "../../src/core/template-sheets-read";
import { builtInTemplates, findTemplate } from "../../src/templates";
import { templateGridFromBuffer, templateWorkbookBuffer } from "../../src/workbook/template-xlsx";

const idva = findTemplate("idva")!;

/** A list item holding `json`, with the hash of what it would load as (so only the content is on trial). */
function stored(json: string, id = "idva", version = "9.0.0"): StoredTemplate {
  let hash = "";
  try {
    hash = templateHash(loadTemplate(JSON.parse(json), "x"));
  } catch {
    hash = "not-loadable";
  }
  return { templateId: id, version, status: "Published", json, hash };
}

const asJson = (t: unknown): string => JSON.stringify(t);
const base = JSON.parse(templateJson(idva)) as Record<string, unknown>;
const withVersion = (extra: Record<string, unknown>): Record<string, unknown> => ({
  ...base,
  version: "9.0.0",
  ...extra,
});

describe("a hostile template changes nothing", () => {
  const before = JSON.stringify(builtInTemplates);

  afterEach(() => {
    // No prototype was polluted, and the built-in set is as it was.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, "polluted")).toBe(false);
    expect(JSON.stringify(builtInTemplates)).toBe(before);
  });

  it("refuses __proto__ keys at the top, in a KPI and in a tolerance", () => {
    const cases = [
      `{"__proto__": {"polluted": true}, ${asJson(withVersion({})).slice(1)}`,
      asJson(withVersion({})).replace('"id":"referrals"', '"__proto__":{"polluted":true},"id":"referrals"'),
      asJson(withVersion({ tolerance: { ...idva.tolerance } })).replace(
        '"tolerance":{',
        '"tolerance":{"__proto__":{"polluted":true},',
      ),
      asJson(withVersion({})).replace(
        '"id":"referrals"',
        '"constructor":{"prototype":{"polluted":true}},"id":"referrals"',
      ),
    ];
    for (const json of cases) {
      expect(() => entryFromStored(stored(json))).toThrow(
        /KPI Templates item idva@9\.0\.0 is not used: .*(unknown field|has unknown field)/,
      );
    }
  });

  it("refuses huge lists and oversized JSON with a plain size message, before parsing", () => {
    const huge = asJson(
      withVersion({ kpis: Array.from({ length: 5000 }, (_, i) => ({ ...idva.kpis[0], id: `k${i}` })) }),
    );
    expect(() => entryFromStored(stored(huge))).toThrow(
      `The KPI Templates item idva@9.0.0 is not used: its JSON is ${huge.length} characters; the most a template may have is ${TEMPLATE_LIMITS.jsonChars}.`,
    );
    const manyKpis = withVersion({
      kpis: Array.from({ length: TEMPLATE_LIMITS.kpis + 1 }, (_, i) => ({
        id: `k${i}`,
        label: "x",
        unit: "count",
        guidance: "g",
      })),
    });
    expect(() => loadTemplate(manyKpis, "x")).toThrow(
      `"kpis" has ${TEMPLATE_LIMITS.kpis + 1} KPIs; the most a template may have is ${TEMPLATE_LIMITS.kpis}.`,
    );
    const allowed = withVersion({
      kpis: [{ ...idva.kpis[0], allowedValues: Array.from({ length: 5000 }, (_, i) => i) }],
    });
    expect(() => loadTemplate(allowed, "x")).toThrow(/allowedValues that are not a list of 1 to 100 numbers/);
    const longLabel = withVersion({ kpis: [{ ...idva.kpis[0], label: "x".repeat(10_000) }] });
    expect(() => loadTemplate(longLabel, "x")).toThrow(/"label" is 10000 characters long; the most is 255/);
  });

  it("refuses a formula, control characters, JSON that is not JSON, and a hash that does not match", () => {
    const formula = withVersion({
      kpis: [{ ...idva.kpis[0], label: '=HYPERLINK("http://evil.example","Click")' }],
    });
    expect(() => loadTemplate(formula, "x")).toThrow(/starts with "=", which Excel would take for a formula/);
    const escape = withVersion({ title: "Safe\u001b[2J title" });
    expect(() => loadTemplate(escape, "x")).toThrow(/holds control characters/);
    expect(() => entryFromStored(stored("{ not json"))).toThrow(
      "its template JSON cannot be read (it is not valid JSON).",
    );
    const good = asJson(withVersion({}));
    expect(() => entryFromStored({ ...stored(good), hash: "0".repeat(64) })).toThrow(
      /no longer matches the hash/,
    );
    expect(() => entryFromStored(stored(good, "idva", "9.9.9"))).toThrow(
      /its JSON is template idva@9\.0\.0, not the idva@9\.9\.9/,
    );
  });

  it("keeps script in a label as inert text: shown as written, and written into a workbook as text, never markup or a formula", async () => {
    const script = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const json = asJson(
      withVersion({ kpis: [{ ...idva.kpis[0], label: script, guidance: script }, ...idva.kpis.slice(1)] }),
    );
    const { entries, refused } = entriesFromStored([stored(json)]);
    expect(refused).toEqual([]);
    expect(entries[0].template.kpis[0].label).toBe(script);
    const bytes = await templateWorkbookBuffer(entries[0].template);
    const read = templateFromSheets(await templateGridFromBuffer(bytes, "t.xlsx"), "t.xlsx");
    expect(read.template?.kpis[0].label).toBe(script);
  });

  it("one bad item among good ones is refused alone, each with one plain line", () => {
    const good = stored(asJson(withVersion({})));
    const bad = stored(`{"__proto__": {"polluted": true}}`, "idva", "9.1.0");
    const { entries, refused } = entriesFromStored([good, bad, { ...good, version: "" }]);
    expect(entries.map((e) => e.template.version)).toEqual(["9.0.0"]);
    expect(refused).toHaveLength(2);
    for (const line of refused) expect(line).not.toMatch(/\n|at Object|TypeError/);
  });
});
