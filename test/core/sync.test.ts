import fc from "fast-check";
import {
  contentHash,
  listKey,
  normaliseFieldValue,
  planSync,
  type ExistingItem,
  type ListItemDraft,
} from "../../src/core/sync";

const draft = (key: string, actual: number | null, commentary = ""): ListItemDraft => ({
  key,
  content: { ItemKey: key, Actual: actual, Commentary: commentary },
});

/** An item as sync would have written it: its fields plus the hash of them. */
const written = (d: ListItemDraft, id: string, eTag = `"g${id},1"`): ExistingItem => ({
  id,
  eTag,
  key: d.key,
  fields: { ...d.content, Created: "2022-10-01T00:00:00Z", "@odata.etag": eTag },
  syncHash: contentHash(d.content),
});

describe("planSync", () => {
  test("creates what the list lacks, leaves what matches, updates what changed (with the eTag read)", () => {
    const a = draft("a", 1);
    const b = draft("b", 2);
    const c = draft("c", 3);
    const plan = planSync(
      [a, { ...b, content: { ...b.content, Actual: 20 } }, c],
      [written(b, "2", '"e2"'), written(c, "3")],
    );
    expect(plan.creates.map((x) => x.key)).toEqual(["a"]);
    expect(plan.unchanged).toEqual(["c"]);
    expect(plan.updates).toEqual([
      {
        key: "b",
        id: "2",
        eTag: '"e2"',
        changes: { Actual: 20 },
        hash: contentHash({ ...b.content, Actual: 20 }),
      },
    ]);
    expect(plan.conflicts).toEqual([]);
    expect(plan.creates[0].hash).toBe(contentHash(a.content));
  });

  test("an item edited by hand after the last sync is a conflict, never an update", () => {
    const b = draft("b", 2);
    const edited: ExistingItem = { ...written(b, "2"), fields: { ...b.content, Actual: 99 } };
    const plan = planSync([{ ...b, content: { ...b.content, Actual: 5 } }], [edited]);
    expect(plan.updates).toEqual([]);
    expect(plan.conflicts).toHaveLength(1);
    expect(plan.conflicts[0]).toMatchObject({ key: "b", id: "2", fields: ["Actual"] });
    expect(plan.conflicts[0].reason).toMatch(/edited in SharePoint/);
  });

  test("an item with no sync hash that differs is a conflict; one that already matches is unchanged", () => {
    const b = draft("b", 2);
    const byHand: ExistingItem = { ...written(b, "2"), syncHash: null };
    expect(planSync([{ ...b, content: { ...b.content, Actual: 3 } }], [byHand]).conflicts[0].reason).toMatch(
      /not written by sync/,
    );
    expect(planSync([b], [byHand]).unchanged).toEqual(["b"]);
  });

  test("duplicate keys in the list or in the return are conflicts; items the return no longer has are reported, not deleted", () => {
    const a = draft("a", 1);
    const plan = planSync(
      [a, draft("z", 1), draft("z", 2)],
      [written(a, "1"), written(a, "2"), written(draft("gone", 1), "3")],
    );
    expect(plan.conflicts.map((c) => c.key).sort()).toEqual(["a", "gone", "z"]);
    expect(plan.creates).toEqual([]);
    expect(plan.updates).toEqual([]);
  });

  test("missing, null and empty fields are all 'nothing'; numbers compare as SharePoint keeps them", () => {
    const d: ListItemDraft = {
      key: "k",
      content: { ItemKey: "k", Actual: 0.1 + 0.2, Commentary: "", Target: null },
    };
    const item: ExistingItem = {
      id: "1",
      eTag: "e",
      key: "k",
      fields: { ItemKey: "k", Actual: 0.3 },
      syncHash: contentHash(d.content),
    };
    expect(planSync([d], [item]).unchanged).toEqual(["k"]);
    expect(normaliseFieldValue(undefined)).toBeNull();
    expect(normaliseFieldValue(-0)).toBe(0);
  });

  test("a column added later (empty on old items) does not make old items look edited", () => {
    const old = draft("k", 1);
    const item = written(old, "1");
    const newer: ListItemDraft = { key: "k", content: { ...old.content, Actual: 2, NewColumn: "x" } };
    const plan = planSync([newer], [item]);
    expect(plan.conflicts).toEqual([]);
    expect(plan.updates[0].changes).toEqual({ Actual: 2, NewColumn: "x" });
  });

  test("property: planning what the list already holds, as sync wrote it, is all unchanged; every draft lands in exactly one bucket", () => {
    const value = fc.oneof(
      fc.constant(null),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.string(),
    );
    const drafts = fc.uniqueArray(
      fc.record({ key: fc.string({ minLength: 1, maxLength: 8 }), a: value, b: value }),
      // Keys are one key whatever their case (the list's text comparison ignores case), so "e" and "E" are one key.
      { selector: (r) => listKey(r.key), maxLength: 30 },
    );
    fc.assert(
      fc.property(drafts, fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }), (rows, present) => {
        const desired = rows.map((r) => ({ key: r.key, content: { ItemKey: r.key, A: r.a, B: r.b } }));
        const existing = desired.filter((_, i) => present[i]).map((d, i) => written(d, String(i)));
        const plan = planSync(desired, existing);
        expect(plan.updates).toEqual([]);
        expect(plan.conflicts).toEqual([]);
        expect(plan.unchanged.length).toBe(existing.length);
        expect(plan.creates.length + plan.unchanged.length).toBe(desired.length);
      }),
    );
  });
});
