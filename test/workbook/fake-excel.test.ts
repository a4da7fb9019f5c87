/**
 * The fake Excel's documented strictness, one test each: every one of these passed silently on the old, lenient fake
 * (text stored as given, any formula accepted, tables on the sheet they were called on, no undo count, no cell-edit
 * mode, no events from writes, no response limit, any validation text, any member). The fake cites its sources.
 * (That the table of requirement sets is current, and the fake's declared set the manifest's, is checked with the
 * manifest in test/manifest-schema.test.ts: those read files.)
 */
import {
  cellsOf,
  FakeExcelError,
  FakeWorkbook,
  RESPONSE_LIMIT,
  SheetModel,
  TableModel,
  type TableChange,
} from "../support/fake-excel";
import { fakeExcelEachTest } from "../support/fake-excel-each";

type Ctx = Excel.RequestContext;

let fake: FakeWorkbook;
fakeExcelEachTest((made) => {
  fake = made;
  fake.sheets.push(new SheetModel("KPIs"), new SheetModel("Other"));
});

const run = <T>(batch: (context: Ctx) => Promise<T>): Promise<T> => Excel.run(batch);

async function write(address: string, values: unknown[][], how: "values" | "formulas" = "values") {
  await run(async (context) => {
    const range = context.workbook.worksheets.getItem("KPIs").getRange(address);
    if (how === "values") range.values = values;
    else range.formulas = values;
    await context.sync();
  });
}

describe("text written through values and formulas is interpreted as Excel interprets it", () => {
  test("+, - and = start formulas; number-, percent-, date- and TRUE-looking text is converted", async () => {
    await write("A1:F1", [
      ["-5 fewer referrals: a worker left", "+12% on last year", "50%", "1/2", "1,234", "TRUE"],
    ]);
    const [[minus, plus, percent, half, thousands, yes]] = cellsOf(fake, "KPIs", "A1:F1");
    expect(minus.formula).toBe("=-5 fewer referrals: a worker left");
    expect(plus.formula).toBe("=+12% on last year");
    expect(percent.value).toBe(0.5);
    expect(typeof half.value).toBe("number");
    expect(thousands.value).toBe(1234);
    expect(yes.value).toBe(true);
  });

  test("a cell formatted as text (@) keeps what it is given, and null leaves a cell alone", async () => {
    await write("A2", [["keep me"]]);
    await run(async (context) => {
      const range = context.workbook.worksheets.getItem("KPIs").getRange("A1:B1");
      range.numberFormat = [["@", "@"]];
      range.values = [["-5 fewer referrals", "1/2"]];
      context.workbook.worksheets.getItem("KPIs").getRange("A2").values = [[null as unknown as string]];
      await context.sync();
    });
    const [[a, b]] = cellsOf(fake, "KPIs", "A1:B1");
    expect([a.value, a.formula, b.value]).toEqual(["-5 fewer referrals", null, "1/2"]);
    expect(cellsOf(fake, "KPIs", "A2")[0][0].value).toBe("keep me");
  });
});

describe("structured references", () => {
  test("a formula naming a table that does not exist yet is refused; once it exists it is accepted", async () => {
    await expect(write("B2", [["=SUM(KpiReturn[Actual])"]], "formulas")).rejects.toMatchObject({
      code: "InvalidArgument",
    });
    fake.tables.push(new TableModel("KpiReturn", fake.sheets[0], 1, 1, 3, 2));
    await write("B5", [["=SUM(KpiReturn[Actual])"]], "formulas");
    expect(cellsOf(fake, "KPIs", "B5")[0][0].formula).toBe("=SUM(KpiReturn[Actual])");
  });

  test("[@Column] outside any table is refused", async () => {
    await expect(write("H9", [["=[@Actual]*2"]], "formulas")).rejects.toMatchObject({
      code: "InvalidArgument",
    });
  });
});

test("tables.add with no sheet in the address lands on the active sheet, whichever sheet it was called on", async () => {
  fake.activeSheet = "Other";
  await run(async (context) => {
    context.workbook.worksheets.getItem("KPIs").tables.add("A1:B3", true);
    context.workbook.worksheets.getItem("KPIs").tables.add("'KPIs'!D1:E3", true);
    await context.sync();
  });
  expect(fake.tables.map((t) => t.sheet.name)).toEqual(["Other", "KPIs"]);
});

test("protect, unprotect, deleting, renaming and hiding sheets are counted as clearing undo; formatting is not", async () => {
  await run(async (context) => {
    const sheet = context.workbook.worksheets.getItem("Other");
    sheet.protection.protect();
    sheet.protection.unprotect();
    sheet.getRange("A1").format.fill.color = "#FFFF00";
    sheet.visibility = "Hidden" as Excel.SheetVisibility;
    sheet.name = "Renamed";
    await context.sync();
  });
  expect(fake.undoClearing).toEqual([
    "WorksheetProtection.protect",
    "WorksheetProtection.unprotect",
    "Worksheet.visibility",
    "Worksheet.name",
  ]);
  expect(fake.undoClears).toBe(4);
});

test("a protected sheet takes highlights only where its options allow formatting cells and editing objects", async () => {
  fake.sheets[0].protected = true;
  const fill = () =>
    run(async (context) => {
      context.workbook.worksheets.getItem("KPIs").getRange("A1").format.fill.color = "#FFFF00";
      await context.sync();
    });
  await expect(fill()).rejects.toMatchObject({ code: "InvalidOperation" });
  fake.sheets[0].protectionOptions = { allowFormatCells: true };
  await fill();
  expect(cellsOf(fake, "KPIs", "A1")[0][0].fill).toBe("#FFFF00");
});

describe("cell-edit mode", () => {
  test("a batch fails while the user is typing in a cell, unless run with delayForCellEdit, which waits", async () => {
    fake.startCellEdit();
    await expect(run(async (context) => context.sync())).rejects.toMatchObject({
      code: "InvalidOperationInCellEditMode",
    });
    let done = false;
    const delayed = Excel.run({ delayForCellEdit: true }, async (context) => {
      context.workbook.worksheets.getItem("KPIs").getRange("A1").values = [[7]];
      await context.sync();
      done = true;
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(done).toBe(false);
    fake.endCellEdit();
    await delayed;
    expect(cellsOf(fake, "KPIs", "A1")[0][0].value).toBe(7);
  });
});

describe("change events", () => {
  const watch = async (seen: TableChange[]) => {
    fake.tables.push(new TableModel("KpiReturn", fake.sheets[0], 1, 1, 4, 3));
    await run(async (context) => {
      context.workbook.tables
        .getItem("KpiReturn")
        .onChanged.add(async (e) => void seen.push(e as TableChange));
      await context.sync();
    });
  };

  test("a write through the API raises onChanged (source Local) after its batch; none while events are off", async () => {
    const seen: TableChange[] = [];
    await watch(seen);
    await write("B2:B3", [[1], [2]]);
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual([
      expect.objectContaining({ address: "B2:B3", source: "Local", tableId: "KpiReturn" }),
    ]);
    await run(async (context) => {
      context.runtime.enableEvents = false;
      context.workbook.worksheets.getItem("KPIs").getRange("C2").values = [[3]];
      context.runtime.enableEvents = true;
      await context.sync();
    });
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toHaveLength(1);
  });

  test("a co-author's edit raises onChanged with source Remote", async () => {
    const seen: TableChange[] = [];
    await watch(seen);
    await fake.editTable("KpiReturn", "B3", [[9]], "RangeEdited", "Remote");
    expect(seen).toEqual([expect.objectContaining({ source: "Remote", address: "B3" })]);
  });
});

test("a response over 5 MB is refused (ResponsePayloadSizeLimitExceeded)", async () => {
  const sheet = fake.sheets[0];
  const long = "x".repeat(30000);
  for (let r = 1; r <= 200; r++) sheet.cell(r, 1).value = long;
  await expect(
    run(async (context) => {
      context.workbook.worksheets.getItem("KPIs").getRange("A1:A200").load("values");
      await context.sync();
    }),
  ).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
  expect(fake.responses.at(-1)).toBeGreaterThan(RESPONSE_LIMIT);
});

describe("data validation", () => {
  const validate = (apply: (dv: Excel.DataValidation) => void) =>
    run(async (context) => {
      apply(context.workbook.worksheets.getItem("KPIs").getRange("A1").dataValidation);
      await context.sync();
    });

  test("an error alert's message is held to 225 characters and its title to 32", async () => {
    await expect(
      validate(
        (dv) => (dv.errorAlert = { showAlert: true, style: "Stop", title: "T", message: "m".repeat(226) }),
      ),
    ).rejects.toBeInstanceOf(FakeExcelError);
    await expect(
      validate(
        (dv) => (dv.errorAlert = { showAlert: true, style: "Stop", title: "t".repeat(33), message: "m" }),
      ),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
    await validate(
      (dv) => (dv.errorAlert = { showAlert: true, style: "Stop", title: "t", message: "m".repeat(225) }),
    );
  });

  test("a list source is comma-separated: a value with a comma becomes two entries", async () => {
    await validate((dv) => (dv.rule = { list: { inCellDropDown: true, source: "Yes, fully,No" } }));
    expect(cellsOf(fake, "KPIs", "A1")[0][0].validation?.list).toEqual(["Yes", "fully", "No"]);
  });
});

describe("requirement sets", () => {
  test("a member above the manifest's ExcelApi set is refused until isSetSupported has said yes", async () => {
    const notes = () =>
      run(async (context) => {
        context.workbook.notes.load("items/content");
        await context.sync();
      });
    await expect(notes()).rejects.toMatchObject({ code: "ApiNotFound" });
    expect(fake.refusedMembers).toEqual(["Workbook.notes"]);
    expect(Office.context.requirements.isSetSupported("ExcelApi", "1.18")).toBe(true);
    await notes();
  });

  test("a member this Excel lacks is refused even after asking", async () => {
    fake.apiVersion = 6;
    expect(Office.context.requirements.isSetSupported("ExcelApi", "1.7")).toBe(false);
    await expect(
      run(async (context) => {
        context.workbook.worksheets.getItem("KPIs").tabColor = "#FF0000";
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ApiNotFound" });
  });
});
