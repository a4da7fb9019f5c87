import {
  budgetListSchema,
  columnDefinition,
  columnKindOf,
  KEY_COLUMN,
  kpiListSchema,
} from "../../src/sharepoint/schema";
import { kpiFields, kpiItemFromFields } from "../../src/sharepoint/list-fields";
import { listDateTime, listNumber } from "../../src/sharepoint/list-values";
import { type KpiListItem } from "../../src/sharepoint/list-items";

const row: KpiListItem = {
  key: "West Mercia Women's Aid|idva|2022-23 Q2|referrals",
  returnKey: "West Mercia Women's Aid|idva|2022-23 Q2",
  provider: "West Mercia Women's Aid",
  service: "IDVA service",
  serviceArea: "Domestic Abuse",
  period: "2022-23 Q2",
  kpiId: "referrals",
  label: "Total referrals",
  unit: "count",
  actual: 492,
  target: 450,
  variance: 42,
  variancePct: 9.333333333333334,
  previous: null,
  lastYear: 465,
  changeVsPreviousPct: null,
  changeVsPreviousPoints: null,
  changeVsLastYearPct: 5.806451612903226,
  changeVsLastYearPoints: null,
  rag: "green",
  direction: "improving",
  commentary: "",
  approvedBy: "officer@example.org",
  approvedAt: "2022-10-14T09:30:00Z",
  approvalHash: "abc",
  syncedBy: "officer@example.org",
  syncedAt: "2022-10-15T10:00:00Z",
  templateId: "idva",
  templateVersion: "1.0.0",
  sourceWorkbook: "idva.xlsx",
};

describe("list schema", () => {
  test.each([kpiListSchema, budgetListSchema])(
    "$displayName has a unique, indexed key and no duplicate columns",
    (schema) => {
      const names = schema.columns.map((c) => c.name);
      expect(new Set(names).size).toBe(names.length);
      const key = schema.columns.find((c) => c.name === KEY_COLUMN);
      expect(key?.unique && key.indexed).toBe(true);
    },
  );

  test("every column's Graph definition reads back as the same kind", () => {
    for (const col of [...kpiListSchema.columns, ...budgetListSchema.columns]) {
      expect([col.name, columnKindOf(columnDefinition(col))]).toEqual([col.name, col.kind]);
    }
  });

  test("a row survives the trip to list fields and back, percentages stored as fractions", () => {
    const fields = kpiFields(row);
    expect(fields.VariancePct).toBeCloseTo(0.0933333, 6);
    expect(fields.Rag).toBe("Green");
    const back = kpiItemFromFields(fields);
    expect(back.variancePct).toBeCloseTo(row.variancePct as number, 9);
    expect({ ...back, variancePct: 0, changeVsLastYearPct: 0 }).toEqual({
      ...row,
      variancePct: 0,
      changeVsLastYearPct: 0,
    });
  });

  test("numbers and times are normalised the way SharePoint returns them", () => {
    expect(listNumber(0.1 + 0.2)).toBe(0.3);
    expect(listNumber(Number.NaN)).toBeNull();
    expect(listDateTime("2022-10-14T09:30:00.123Z")).toBe("2022-10-14T09:30:00Z");
  });
});
