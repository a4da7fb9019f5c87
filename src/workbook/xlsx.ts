/**
 * The .xlsx executor (Node, ExcelJS): takes a snapshot of a return file and applies plans to it, for the command
 * line, the tests and the fixtures. It reads and writes exactly what the office-js executor does in Excel: reading in
 * `xlsx-snapshot.ts`, applying a plan in `xlsx-apply.ts`; here the file is opened, checked and saved.
 */
import { promises as fs } from "node:fs";
import ExcelJS from "exceljs";
import { UserError } from "../core/errors";
import { writeFileAtomic } from "./atomic-write";
import { describeFsError } from "../core/file-errors";
import { describeContents, inspectPackage, type PackageContent } from "./package";
import type { WorkbookPlan } from "./plan";
import type { WorkbookSnapshot } from "./snapshot";
import { applyPlan } from "./xlsx-apply";
import { snapshotOf } from "./xlsx-snapshot";

export interface XlsxReturnWorkbook {
  /** What the file holds that this executor cannot write back; `save` refuses while there is any. */
  readonly notKept: readonly PackageContent[];
  snapshot(): WorkbookSnapshot;
  apply(plan: WorkbookPlan): void;
  save(path: string): Promise<void>;
  toBuffer(): Promise<Buffer>;
}

class ExcelJsReturnWorkbook implements XlsxReturnWorkbook {
  /** Set once a plan writes a formula (a new return's computed cells): see toBuffer. */
  private wroteFormulas = false;

  constructor(
    private readonly workbook: ExcelJS.Workbook,
    /** The file as the user knows it, for messages. */
    private readonly name: string,
    /** What the file holds that a rewrite would lose (see package.ts); a save refuses rather than drop it. */
    readonly notKept: readonly PackageContent[] = [],
    /** The file asked to be computed when opened: a rewrite keeps asking (see toBuffer). */
    private readonly computeOnOpen = false,
  ) {
    for (const ws of workbook.worksheets) {
      for (const table of ws.getTables() as unknown as { table?: { style?: unknown } }[]) {
        // LibreOffice writes tables without a style element, and ExcelJS cannot write such a table back.
        const model = table.table;
        if (model && !model.style) {
          model.style = {
            theme: "TableStyleLight9",
            showRowStripes: true,
            showFirstColumn: false,
            showLastColumn: false,
            showColumnStripes: false,
          };
        }
      }
    }
  }

  snapshot(): WorkbookSnapshot {
    return snapshotOf(this.workbook, this.name);
  }

  apply(plan: WorkbookPlan): void {
    applyPlan(this.workbook, plan, () => {
      this.wroteFormulas = true;
    });
  }

  async save(path: string): Promise<void> {
    if (this.notKept.length > 0) throw new UserError(cannotKeepMessage(this.name, this.notKept), this.name);
    const buffer = await this.toBuffer();
    try {
      await writeFileAtomic(path, buffer);
    } catch (err) {
      throw new UserError(`Could not write "${path}": ${describeFsError(err)}.`, path);
    }
  }

  async toBuffer(): Promise<Buffer> {
    // Formulas this executor wrote have no stored result, so Excel and LibreOffice are told to compute every formula
    // when the file opens, as they were when the file itself asked to be. A provider's file saved by Excel or Calc
    // (which store results) is not: a formula typed into it (a WEBSERVICE call, a DDE link) must not be run by the
    // officer's spreadsheet because the add-in rewrote the file.
    if (this.wroteFormulas || this.computeOnOpen) this.workbook.calcProperties.fullCalcOnLoad = true;
    const out = await this.workbook.xlsx.writeBuffer();
    return Buffer.from(out as ArrayBuffer);
  }
}

/** Why a workbook holding what this executor cannot write back is left untouched, naming what it holds. */
export function cannotKeepMessage(name: string, notKept: readonly PackageContent[]): string {
  return (
    `"${name}" holds ${describeContents(notKept)}, which the command line cannot keep when it writes the workbook, ` +
    "so nothing was written. Make the change in Excel with the KPI Returns add-in, or remove what is named and try again."
  );
}

/** Opens a return workbook. A missing, unreadable or non-xlsx file is a UserError naming the file. */
export async function openXlsx(path: string): Promise<XlsxReturnWorkbook> {
  let buffer: Buffer;
  try {
    buffer = await fs.readFile(path);
  } catch (err) {
    throw new UserError(`Could not open "${path}": ${describeFsError(err)}.`, path);
  }
  return xlsxFromBuffer(buffer, path);
}

/** Reads a workbook already in memory; `name` is used in error messages. */
export async function xlsxFromBuffer(
  buffer: Buffer | ArrayBuffer | Uint8Array,
  name = "the workbook",
): Promise<XlsxReturnWorkbook> {
  const bytes = buffer instanceof ArrayBuffer ? new Uint8Array(buffer) : buffer;
  // The package is looked at first: what is not a workbook is named, hostile sizes are refused in bounded time.
  const inspected = await inspectPackage(bytes, name);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(inspected.bytes as unknown as ArrayBuffer);
  } catch {
    throw new UserError(
      `"${name}" could not be read as an Excel workbook: the file is damaged or incomplete.`,
      name,
    );
  }
  return new ExcelJsReturnWorkbook(workbook, name, inspected.notKept, inspected.fullCalcOnLoad);
}

/** An empty workbook, ready for a new return's plan. */
export function newXlsx(): XlsxReturnWorkbook {
  return new ExcelJsReturnWorkbook(new ExcelJS.Workbook(), "the new return");
}
