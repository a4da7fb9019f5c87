/**
 * A thin fake of Excel's JavaScript object model for tests: Excel.run, workbook.worksheets, tables, ranges, notes,
 * protection, table change events and the little of charts the quarterly summary uses, with office-js's load/sync
 * semantics. It COUNTS context.sync calls, measures
 * each request's size (and refuses one over Excel on the web's 5 MB limit), and THROWS when code reads a property
 * it did not load and sync, so the executors are held to batched loads and a small, fixed number of round trips.
 * It stores formulas but does not calculate them (LibreOffice checks the formulas; see libreoffice.test.ts).
 *
 * Where Microsoft documents Excel as stricter than a naive fake, this one is strict too, each with its source: text
 * typed through values/formulas is interpreted as Excel interprets it, formulas must name tables that exist, a table
 * added without a sheet in its address lands on the active sheet, undo-clearing calls are counted, batches fail in
 * cell-edit mode unless delayed, writes and co-authors raise change events, responses are held to 5 MB, data
 * validation texts to Excel's limits, and members above the requirement set declared in the manifest are refused
 * unless the code asked isSetSupported first (the table comes from @types/office-js, see excel-api-sets.ts).
 */
import { cellAddress, columnLetter, columnNumber } from "../../src/workbook/a1";
import { EXCEL_API_SETS } from "./excel-api-sets";

type Scalar = string | number | boolean;

export class FakeExcelError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
  }
}

const notLoaded = (property: string): Error =>
  new Error(
    `The property '${property}' is not available. Before reading the property's value, call the load method on the ` +
      `containing object and call "context.sync()" on the associated request context.`,
  );

export interface CellModel {
  value: Scalar;
  formula: string | null;
  numberFormat: string;
  fill: string | null;
  bold?: boolean;
  italic?: boolean;
  fontColour?: string;
  fontSize?: number;
  wrap?: boolean;
  alignment?: string;
  locked: boolean;
  validation?: { rule: unknown; prompt?: unknown; errorAlert?: unknown; list?: string[] };
}

export class SheetModel {
  visibility = "Visible";
  tabColor = "";
  protected = false;
  protectionOptions: unknown = null;
  frozenRows = 0;
  readonly cells = new Map<string, CellModel>();
  readonly columnWidths = new Map<number, number>();
  /** Columns whose widths were fitted to their contents (autofitColumns). */
  readonly autofitted = new Set<number>();
  readonly charts: ChartModel[] = [];
  constructor(public name: string) {}
  cell(row: number, column: number): CellModel {
    const key = `${row},${column}`;
    let c = this.cells.get(key);
    if (!c) {
      c = { value: "", formula: null, numberFormat: "General", fill: null, locked: true };
      this.cells.set(key, c);
    }
    return c;
  }
  peek(row: number, column: number): CellModel | undefined {
    return this.cells.get(`${row},${column}`);
  }
}

export interface TableChange {
  address: string;
  changeType: string;
  tableId: string;
  worksheetId: string;
  type: string;
  source: string;
}

export class TableModel {
  style = "TableStyleMedium2";
  readonly handlers = new Set<(e: TableChange) => Promise<unknown> | void>();
  constructor(
    public name: string,
    public sheet: SheetModel,
    public top: number,
    public left: number,
    public bottom: number,
    public right: number,
  ) {}
}

/** A chart as the fake keeps it: what it plots (a range on a sheet), how, and the titles and place it was given. */
export interface ChartModel {
  name: string;
  readonly type: string;
  readonly source: { sheet: string; address: string };
  readonly seriesBy: string;
  title: string | null;
  /** Top-left and bottom-right cells the chart covers, as set by setPosition. */
  position: { from: string; to: string } | null;
  valueAxis: { title: string | null; numberFormat: string | null };
  categoryAxis: { title: string | null; numberFormat: string | null };
  legend: { position: string | null; visible: boolean };
}

/** The chart types and series orientations office-js accepts that the fake knows (others are refused). */
const CHART_TYPES = new Set([
  "BarClustered",
  "BarStacked",
  "ColumnClustered",
  "ColumnStacked",
  "Line",
  "LineMarkers",
  "Pie",
]);
const SERIES_BY = new Set(["Auto", "Columns", "Rows"]);

export interface NoteModel {
  sheet: SheetModel;
  row: number;
  column: number;
  content: string;
}

interface Box {
  sheet: SheetModel;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const MAX_ROW = 1048576;
const MAX_COLUMN = 16384;
/**
 * Excel on the web refuses requests and responses over 5 MB ("Resource limits and performance optimization for
 * Office Add-ins", Excel add-ins: https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins).
 */
export const REQUEST_LIMIT = 5 * 1024 * 1024;
export const RESPONSE_LIMIT = 5 * 1024 * 1024;
/**
 * Data validation texts: error-alert title 32 and message 225 characters, prompt title 32 and message 255
 * ([MS-XLSB] 2.5.37 DValStrings: https://learn.microsoft.com/openspecs/office_file_formats/ms-xlsb/b8894965-c186-4bba-8a0b-8ec2a37a1cbe).
 */
export const VALIDATION_LIMITS = { alertTitle: 32, alertMessage: 225, promptTitle: 32, promptMessage: 255 };

/** "A5", "A5:M11", "G:G", "'KPIs'!A5" → a box on `sheet` (or on the sheet the address names). */
function parseBox(address: string, fallback: SheetModel | null, wb: FakeWorkbook): Box {
  let sheet = fallback;
  let bare = address;
  const bang = address.lastIndexOf("!");
  if (bang >= 0) {
    const name = address.slice(0, bang).replace(/^'|'$/g, "").replace(/''/g, "'");
    sheet = wb.sheet(name) ?? null;
    bare = address.slice(bang + 1);
    if (!sheet) throw new FakeExcelError("ItemNotFound", `No sheet "${name}".`);
  }
  if (!sheet) throw new FakeExcelError("InvalidArgument", `Address "${address}" names no sheet.`);
  const cols = /^\$?([A-Z]{1,3}):\$?([A-Z]{1,3})$/i.exec(bare);
  if (cols)
    return { sheet, top: 1, bottom: MAX_ROW, left: columnNumber(cols[1]), right: columnNumber(cols[2]) };
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(bare);
  if (!m) throw new FakeExcelError("InvalidArgument", `"${address}" is not a range address.`);
  const left = columnNumber(m[1]);
  const top = Number(m[2]);
  const right = m[3] ? columnNumber(m[3]) : left;
  const bottom = m[4] ? Number(m[4]) : top;
  if (right > MAX_COLUMN || bottom > MAX_ROW)
    throw new FakeExcelError("InvalidArgument", `"${address}" is off the sheet.`);
  return { sheet, top, left, bottom, right };
}

function boxAddress(box: Box): string {
  const a = cellAddress(box.top, box.left);
  const name = /^[A-Za-z_][A-Za-z0-9_]*$/.test(box.sheet.name)
    ? box.sheet.name
    : `'${box.sheet.name.replace(/'/g, "''")}'`;
  return box.top === box.bottom && box.left === box.right
    ? `${name}!${a}`
    : `${name}!${a}:${cellAddress(box.bottom, box.right)}`;
}

function eachCell(box: Box, visit: (row: number, column: number) => void): void {
  for (let r = box.top; r <= box.bottom; r++) for (let c = box.left; c <= box.right; c++) visit(r, c);
}

/** The workbook the fake holds, with the counters tests assert on. */
export class FakeWorkbook {
  readonly sheets: SheetModel[] = [];
  readonly tables: TableModel[] = [];
  readonly notes: NoteModel[] = [];
  /** context.sync calls since the last reset. */
  syncs = 0;
  /** Size of each request sent, in bytes (JSON of the queued commands). */
  requests: number[] = [];
  /** Whether calculation was suspended for each request. */
  calculationSuspended: boolean[] = [];
  /** ExcelApi requirement sets this Excel supports, as the highest minor version of 1.x. */
  apiVersion = 18;
  /**
   * The ExcelApi set the manifest declares (<Set Name="ExcelApi" MinVersion="1.8"/>; test/manifest.test.ts checks they
   * agree). A member of a later set may be used only after isSetSupported said yes ("Specify Office applications and
   * API requirements": https://learn.microsoft.com/office/dev/add-ins/develop/specify-office-hosts-and-api-requirements).
   */
  declaredApiVersion = 8;
  /** The highest ExcelApi version isSetSupported has answered yes for. */
  checkedApiVersion = 0;
  /** Members refused for being above the declared set, as "Type.member". */
  readonly refusedMembers: string[] = [];
  selection: { sheet: string; address: string } | null = null;
  activeSheet: string | null = null;
  /**
   * Calls that clear the user's undo stack, as "Type.member", in order. "Undo support with the Excel JavaScript API"
   * (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-undo-capabilities) lists them: among those
   * this fake has, WorksheetProtection.protect/unprotect and Worksheet.delete on every platform, and setting
   * Worksheet.name or Worksheet.visibility on Windows and Mac.
   */
  readonly undoClearing: string[] = [];
  /** Whether the user is typing in a cell (Excel's cell-edit mode): see FakeContext.sync. */
  cellEditing = false;
  private readonly editEnded: (() => void)[] = [];
  /** Size of each response returned (bytes of the loaded values as JSON). */
  responses: number[] = [];
  /** Whether the add-in has events switched on (Runtime.enableEvents; on by default). */
  eventsEnabled = true;
  /** Every onChanged event raised, in order (whether or not a handler was registered). */
  readonly events: TableChange[] = [];

  get undoClears(): number {
    return this.undoClearing.length;
  }
  /** The user starts typing in a cell: batches without delayForCellEdit now fail; delayed ones wait. */
  startCellEdit(): void {
    this.cellEditing = true;
  }
  /** The user presses Enter: delayed batches run. */
  endCellEdit(): void {
    this.cellEditing = false;
    for (const resume of this.editEnded.splice(0)) resume();
  }
  /** Resolves when cell-edit mode ends. */
  untilCellEditEnds(): Promise<void> {
    return new Promise((resolve) => this.editEnded.push(resolve));
  }

  sheet(name: string): SheetModel | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }
  table(name: string): TableModel | undefined {
    return this.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
  }
  resetCounts(): void {
    this.syncs = 0;
    this.requests = [];
    this.responses = [];
    this.calculationSuspended = [];
    this.undoClearing.splice(0);
  }

  /**
   * Excel.run: a fresh request context per batch (or the given object's context, as office-js allows), or run
   * options ({ delayForCellEdit }) then the batch.
   */
  run = async <T>(first: unknown, second?: unknown): Promise<T> => {
    const batch = (typeof first === "function" ? first : second) as (ctx: FakeContext) => Promise<T>;
    const given =
      typeof first === "function"
        ? null
        : (first as { context?: FakeContext; delayForCellEdit?: boolean } | FakeContext);
    if (given instanceof FakeContext) return batch(given);
    if (given?.context instanceof FakeContext) return batch(given.context);
    return batch(new FakeContext(this, given?.delayForCellEdit === true));
  };

  /** Whether code may use a member ("Type.member", "Type.member=" for setting): refuses it if not, as Excel would. */
  requireMember(type: string, member: string, setting: boolean): void {
    const needed = Math.max(
      EXCEL_API_SETS[`${type}.${member}`] ?? 1,
      setting ? (EXCEL_API_SETS[`${type}.${member}=`] ?? 1) : 1,
    );
    const name = `${type}.${member}`;
    if (needed > this.apiVersion)
      throw new FakeExcelError("ApiNotFound", `${name} needs ExcelApi 1.${needed}, which this Excel lacks.`);
    if (needed > this.declaredApiVersion && needed > this.checkedApiVersion) {
      this.refusedMembers.push(name);
      throw new FakeExcelError(
        "ApiNotFound",
        `${name} needs ExcelApi 1.${needed}, above the manifest's ExcelApi 1.${this.declaredApiVersion}, and the ` +
          `add-in did not check isSetSupported("ExcelApi", "1.${needed}") first.`,
      );
    }
  }

  /** Installs this fake as the global Excel and Office for the code under test; returns the uninstaller. */
  install(): () => void {
    const g = globalThis as unknown as Record<string, unknown>;
    const before = { Excel: g.Excel, Office: g.Office };
    g.Excel = { run: this.run };
    g.Office = {
      context: {
        requirements: {
          isSetSupported: (name: string, version: string) => {
            const minor = Number(version.split(".")[1] ?? 0);
            const yes = name === "ExcelApi" && minor <= this.apiVersion;
            if (yes) this.checkedApiVersion = Math.max(this.checkedApiVersion, minor);
            return yes;
          },
        },
      },
    };
    return () => {
      g.Excel = before.Excel;
      g.Office = before.Office;
    };
  }

  /**
   * Simulates the user (or, with source "Remote", a co-author) editing cells of a table: its onChanged handlers run,
   * as Excel would call them. Co-authors' edits raise the event with source "Remote" (Excel.EventSource:
   * https://learn.microsoft.com/javascript/api/excel/excel.eventsource).
   */
  async editTable(
    name: string,
    address: string,
    values?: Scalar[][],
    changeType = "RangeEdited",
    source: "Local" | "Remote" = "Local",
  ): Promise<void> {
    const table = this.table(name);
    if (!table) throw new Error(`fake: no table ${name}`);
    if (values) {
      const box = parseBox(address, table.sheet, this);
      eachCell(box, (r, c) => {
        const cell = table.sheet.cell(r, c);
        cell.value = values[r - box.top]?.[c - box.left] ?? "";
        cell.formula = null;
      });
    }
    const event: TableChange = {
      address: address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address,
      changeType,
      tableId: table.name,
      worksheetId: table.sheet.name,
      type: "TableChanged",
      source,
    };
    this.events.push(event);
    for (const handler of [...table.handlers]) await handler(event);
  }

  /** Raises onChanged on every table a write through the API touched (only while the add-in has events on). */
  raiseWriteEvents(box: Box): void {
    if (!this.eventsEnabled) return;
    for (const table of this.tables) {
      if (table.sheet !== box.sheet) continue;
      const top = Math.max(box.top, table.top);
      const bottom = Math.min(box.bottom, table.bottom);
      const left = Math.max(box.left, table.left);
      const right = Math.min(box.right, table.right);
      if (top > bottom || left > right) continue;
      const address =
        top === bottom && left === right
          ? cellAddress(top, left)
          : `${cellAddress(top, left)}:${cellAddress(bottom, right)}`;
      const event: TableChange = {
        address,
        changeType: "RangeEdited",
        tableId: table.name,
        worksheetId: table.sheet.name,
        type: "TableChanged",
        source: "Local",
      };
      this.events.push(event);
      // Excel calls handlers after the batch that changed the data, not inside it.
      for (const handler of [...table.handlers]) void Promise.resolve().then(() => handler(event));
    }
  }

  /** Inserts a table row as a user would (the table grows, cells below move down). */
  insertTableRow(name: string, atBodyRow: number): void {
    const table = this.table(name);
    if (!table) throw new Error(`fake: no table ${name}`);
    const at = table.top + 1 + atBodyRow;
    const moved = new Map<string, CellModel>();
    for (const [key, cell] of table.sheet.cells) {
      const [r, c] = key.split(",").map(Number);
      moved.set(r >= at && c >= table.left && c <= table.right ? `${r + 1},${c}` : key, cell);
    }
    table.sheet.cells.clear();
    for (const [k, v] of moved) table.sheet.cells.set(k, v);
    table.bottom += 1;
  }
}

/** A queued command: it changes the model, and may return the bytes it adds to the response (a load). */
type Op = () => void | number;

/** A request context: queues commands and loads, and runs them on sync. */
export class FakeContext {
  readonly workbook: FakeWorkbookProxy;
  readonly application: { suspendApiCalculationUntilNextSync: () => void };
  readonly runtime: { enableEvents: boolean };
  private queue: { bytes: number; op: Op }[] = [];
  private suspended = false;
  readonly tracked: ClientObject[] = [];
  constructor(
    readonly wb: FakeWorkbook,
    readonly delayForCellEdit = false,
  ) {
    this.workbook = guarded(new FakeWorkbookProxy(this), "Workbook", wb);
    this.application = guarded(
      {
        suspendApiCalculationUntilNextSync: () => {
          this.suspended = true;
          this.enqueue(50, () => undefined);
        },
      },
      "Application",
      wb,
    );
    const enqueue = (bytes: number, op: Op) => this.enqueue(bytes, op);
    this.runtime = guarded(
      {
        get enableEvents(): boolean {
          throw notLoaded("enableEvents");
        },
        set enableEvents(on: boolean) {
          enqueue(50, () => void (wb.eventsEnabled = on));
        },
      },
      "Runtime",
      wb,
    );
  }
  enqueue(bytes: number, op: Op): void {
    this.queue.push({ bytes, op });
  }
  async sync(): Promise<void> {
    // "When false, if the user is in cell edit when the batch request is processed by the host, the batch
    // automatically fails. When true, ... the batch request is delayed until the user exits cell edit mode."
    // (Excel.RunOptions.delayForCellEdit: https://learn.microsoft.com/javascript/api/excel/excel.runoptions). The
    // failure's code is InvalidOperationInCellEditMode ("Error handling with the application-specific JavaScript
    // APIs": https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling).
    if (this.wb.cellEditing) {
      if (!this.delayForCellEdit) {
        this.queue = [];
        throw new FakeExcelError(
          "InvalidOperationInCellEditMode",
          "The operation isn't available while Excel is in Edit cell mode.",
        );
      }
      await this.wb.untilCellEditEnds();
    }
    this.wb.syncs += 1;
    const batch = this.queue;
    const bytes = batch.reduce((n, q) => n + q.bytes, 0);
    this.queue = [];
    this.wb.requests.push(bytes);
    this.wb.calculationSuspended.push(this.suspended);
    this.suspended = false;
    if (bytes > REQUEST_LIMIT) {
      throw new FakeExcelError(
        "RequestPayloadSizeLimitExceeded",
        `The request payload size (${bytes} bytes) has exceeded the limit.`,
      );
    }
    const pending = this.tracked.splice(0);
    let response = 0;
    for (const { op } of batch) response += op() ?? 0;
    // OrNullObject proxies learn whether they exist on the sync after they were made.
    for (const obj of pending) obj.settle();
    this.wb.responses.push(response);
    if (response > RESPONSE_LIMIT) {
      throw new FakeExcelError(
        "ResponsePayloadSizeLimitExceeded",
        `The response payload size (${response} bytes) has exceeded the limit.`,
      );
    }
    await Promise.resolve();
  }
  track(obj: ClientObject): void {
    this.tracked.push(obj);
  }
}

/**
 * Wraps a fake object so using a member checks its ExcelApi requirement set (FakeWorkbook.requireMember). Only names
 * @types/office-js tags above ExcelApi 1.1 are checked, so the fake's own private fields pass untouched.
 */
function guarded<T extends object>(target: T, type: string, wb: FakeWorkbook): T {
  return new Proxy(target, {
    get(obj, key, receiver) {
      if (typeof key === "string" && `${type}.${key}` in EXCEL_API_SETS) wb.requireMember(type, key, false);
      return Reflect.get(obj, key, receiver);
    },
    set(obj, key, value, receiver) {
      if (
        typeof key === "string" &&
        (`${type}.${key}` in EXCEL_API_SETS || `${type}.${key}=` in EXCEL_API_SETS)
      )
        wb.requireMember(type, key, true);
      return Reflect.set(obj, key, value, receiver);
    },
  });
}

function bytesOf(...parts: unknown[]): number {
  return JSON.stringify(parts).length + 100;
}

/** What loaded values add to a response: their JSON, as office-js sends them. */
function responseBytes(values: unknown[]): number {
  return JSON.stringify(values).length;
}

abstract class ClientObject {
  protected readonly loadedProps = new Map<string, unknown>();
  private nullKnown: boolean | undefined;
  constructor(
    readonly context: FakeContext,
    private readonly locate: () => unknown,
    private readonly orNull = false,
  ) {
    // Every member used through the object is checked against its requirement set (see guarded).
    const self = guarded(this, this.excelType(), context.wb);
    context.track(self);
    return self;
  }
  /** The office-js class this object stands for, e.g. "Range". */
  protected abstract excelType(): string;
  get isNullObject(): boolean {
    if (this.nullKnown === undefined) throw notLoaded("isNullObject");
    return this.nullKnown;
  }
  /** Called on sync: a null object learns it is one; others learn they are not. */
  settle(): void {
    if (this.nullKnown !== undefined) return;
    try {
      this.nullKnown = this.locate() === null;
    } catch {
      this.nullKnown = true;
    }
  }
  protected model<T>(): T {
    const found = this.locate();
    if (found === null || found === undefined) {
      throw new FakeExcelError(
        this.orNull ? "InvalidOperation" : "ItemNotFound",
        "The requested resource doesn't exist.",
      );
    }
    return found as T;
  }
  protected abstract readProperty(name: string): unknown;
  protected abstract defaultProperties(): string[];
  load(names?: string | string[] | { select?: string }): this {
    const list =
      names === undefined
        ? this.defaultProperties()
        : typeof names === "string"
          ? names.split(",")
          : Array.isArray(names)
            ? names
            : (names.select ?? "").split(",");
    const props = list.map((n) => n.trim()).filter((n) => n !== "");
    for (const p of props) this.context.wb.requireMember(this.excelType(), p, false);
    this.context.enqueue(bytesOf(props), () => {
      if (this.orNull) {
        const found = this.locate();
        this.nullKnown = found === null;
        if (found === null) return 0;
      }
      for (const p of props) this.loadedProps.set(p, this.readProperty(p));
      this.nullKnown = false;
      return responseBytes(props.map((p) => this.loadedProps.get(p)));
    });
    return this;
  }
  /** Loads properties now, inside a sync (items of a loaded collection are loaded with it); returns their size. */
  loadNow(props: string[]): number {
    for (const p of props) this.loadedProps.set(p, this.readProperty(p));
    this.settle();
    return responseBytes(props.map((p) => this.loadedProps.get(p)));
  }
  protected loaded<T>(name: string): T {
    if (!this.loadedProps.has(name)) throw notLoaded(name);
    return this.loadedProps.get(name) as T;
  }
  protected write(bytes: number, op: Op): void {
    this.context.enqueue(bytes, op);
  }
}

/** What a protected sheet's options may still allow (Excel.WorksheetProtectionOptions). */
type Allowance = "allowFormatCells" | "allowFormatColumns" | "allowEditObjects";

/**
 * A protected sheet refuses changes its protection options do not allow: formatting cells needs allowFormatCells,
 * column widths allowFormatColumns, notes allowEditObjects (Excel.WorksheetProtectionOptions:
 * https://learn.microsoft.com/javascript/api/excel/excel.worksheetprotectionoptions; "Protect a worksheet", which
 * puts adding or editing notes under Edit objects: https://support.microsoft.com/office/protect-a-worksheet-bb975799-b3b4-4ab9-8be8-5d10fd7c6c8b).
 */
function assertEditable(box: Box, what: string, allowedBy?: Allowance): void {
  if (!box.sheet.protected) return;
  const options = (box.sheet.protectionOptions ?? {}) as Partial<Record<Allowance, boolean>>;
  if (allowedBy && options[allowedBy] === true) return;
  throw new FakeExcelError(
    "InvalidOperation",
    `${what} on protected sheet "${box.sheet.name}" is not allowed.`,
  );
}

function assertUnlocked(box: Box): void {
  if (!box.sheet.protected) return;
  eachCell(box, (r, c) => {
    if (box.sheet.peek(r, c)?.locked ?? true) {
      throw new FakeExcelError("InvalidOperation", `The cell ${cellAddress(r, c)} is on a protected sheet.`);
    }
  });
}

function checkShape(box: Box, values: unknown): unknown[][] {
  const rows = box.bottom - box.top + 1;
  const cols = box.right - box.left + 1;
  if (
    !Array.isArray(values) ||
    values.length !== rows ||
    values.some((r) => !Array.isArray(r) || r.length !== cols)
  ) {
    throw new FakeExcelError(
      "InvalidArgument",
      `The number of rows or columns in the input array doesn't match the size of the range.`,
    );
  }
  return values as unknown[][];
}

class RangeFormatProxy {
  readonly fill: { color: string; clear: () => void };
  readonly font: { bold: boolean; italic: boolean; color: string; size: number };
  readonly protection: { locked: boolean };
  constructor(private readonly range: RangeProxy) {
    const wb = range.context.wb;
    const set = (what: string, apply: (c: CellModel) => void, check = true): void =>
      range.writeCells(bytesOf(what), (box) => {
        if (check) assertEditable(box, "Formatting", "allowFormatCells");
        eachCell(box, (r, c) => apply(box.sheet.cell(r, c)));
      });
    this.fill = {
      set color(v: string) {
        set(v, (c) => (c.fill = v));
      },
      get color(): string {
        throw notLoaded("color");
      },
      clear: () => set("clear", (c) => (c.fill = null)),
    };
    this.fill = guarded(this.fill, "RangeFill", wb);
    this.font = {
      set bold(v: boolean) {
        set("b", (c) => (c.bold = v));
      },
      set italic(v: boolean) {
        set("i", (c) => (c.italic = v));
      },
      set color(v: string) {
        set(v, (c) => (c.fontColour = v));
      },
      set size(v: number) {
        set("s", (c) => (c.fontSize = v));
      },
    } as RangeFormatProxy["font"];
    this.font = guarded(this.font, "RangeFont", wb);
    // Locking cells is not formatting: a protected sheet refuses it whatever its options.
    this.protection = {
      set locked(v: boolean) {
        range.writeCells(bytesOf("l"), (box) => {
          assertEditable(box, "Locking cells");
          eachCell(box, (r, c) => (box.sheet.cell(r, c).locked = v));
        });
      },
    } as RangeFormatProxy["protection"];
    this.protection = guarded(this.protection, "FormatProtection", wb);
    return guarded(this, "RangeFormat", wb);
  }
  set wrapText(v: boolean) {
    this.range.writeCells(bytesOf("w"), (box) => {
      assertEditable(box, "Formatting", "allowFormatCells");
      eachCell(box, (r, c) => (box.sheet.cell(r, c).wrap = v));
    });
  }
  set horizontalAlignment(v: string) {
    this.range.writeCells(bytesOf(v), (box) => {
      assertEditable(box, "Formatting", "allowFormatCells");
      eachCell(box, (r, c) => (box.sheet.cell(r, c).alignment = v));
    });
  }
  set columnWidth(v: number) {
    this.range.writeCells(bytesOf(v), (box) => {
      assertEditable(box, "Changing column widths", "allowFormatColumns");
      for (let c = box.left; c <= box.right; c++) box.sheet.columnWidths.set(c, v);
    });
  }
  autofitColumns(): void {
    this.range.writeCells(50, (box) => {
      assertEditable(box, "Changing column widths", "allowFormatColumns");
      for (let c = box.left; c <= box.right; c++) box.sheet.autofitted.add(c);
    });
  }
}

/** Refuses a data validation text longer than Excel keeps (VALIDATION_LIMITS). */
function checkLength(text: unknown, limit: number, what: string): void {
  if (typeof text === "string" && text.length > limit)
    throw new FakeExcelError(
      "InvalidArgument",
      `The ${what} is ${text.length} characters; Excel's limit is ${limit}.`,
    );
}

/**
 * A list rule's source string is "comma-separated number, boolean, or date" values (Excel.ListDataValidation.source:
 * https://learn.microsoft.com/javascript/api/excel/excel.listdatavalidation), so a value containing a comma becomes
 * two entries; a source starting with "=" is a range reference, whose cells are the entries.
 */
function listEntries(wb: FakeWorkbook, sheet: SheetModel, source: unknown): string[] | undefined {
  if (typeof source !== "string") return undefined;
  if (!source.startsWith("=")) return source.split(",").map((v) => v.trim());
  const box = parseBox(source.slice(1).replace(/\$/g, ""), sheet, wb);
  const entries: string[] = [];
  eachCell(box, (r, c) => {
    const v = box.sheet.peek(r, c)?.value ?? "";
    if (v !== "") entries.push(String(v));
  });
  return entries;
}

class DataValidationProxy {
  constructor(private readonly range: RangeProxy) {
    return guarded(this, "DataValidation", range.context.wb);
  }
  private set(bytes: number, apply: (c: CellModel, box: Box) => void): void {
    this.range.writeCells(bytes, (box) => {
      assertEditable(box, "Data validation");
      eachCell(box, (r, c) => apply(box.sheet.cell(r, c), box));
    });
  }
  clear(): void {
    this.set(50, (c) => delete c.validation);
  }
  set rule(rule: unknown) {
    const wb = this.range.context.wb;
    this.set(bytesOf(rule), (c, box) => {
      const source = (rule as { list?: { source?: unknown } } | null)?.list?.source;
      const list = listEntries(wb, box.sheet, source);
      c.validation = { ...(c.validation ?? {}), rule, ...(list ? { list } : {}) };
    });
  }
  set prompt(prompt: unknown) {
    const p = prompt as { title?: unknown; message?: unknown } | null;
    this.set(bytesOf(prompt), (c) => {
      checkLength(p?.title, VALIDATION_LIMITS.promptTitle, "input prompt's title");
      checkLength(p?.message, VALIDATION_LIMITS.promptMessage, "input prompt's message");
      c.validation = { ...(c.validation ?? { rule: null }), prompt };
    });
  }
  set errorAlert(errorAlert: unknown) {
    const a = errorAlert as { title?: unknown; message?: unknown } | null;
    this.set(bytesOf(errorAlert), (c) => {
      checkLength(a?.title, VALIDATION_LIMITS.alertTitle, "error alert's title");
      checkLength(a?.message, VALIDATION_LIMITS.alertMessage, "error alert's message");
      c.validation = { ...(c.validation ?? { rule: null }), errorAlert };
    });
  }
}

/** "12", "-3.5", "1,234", "50%", "1.5E3" as Excel reads number-looking text (null when it is not one). */
function numberFromText(text: string): { value: number; percent: boolean } | null {
  const m = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)?(\.\d+)?(?:E([+-]?\d+))?(%?)$/i.exec(text.trim());
  if (!m || (m[2] === undefined && m[3] === undefined)) return null;
  const n = Number(`${m[1]}${(m[2] ?? "0").replace(/,/g, "")}${m[3] ?? ""}${m[4] ? `e${m[4]}` : ""}`);
  if (!Number.isFinite(n)) return null;
  return m[5] ? { value: n / 100, percent: true } : { value: n, percent: false };
}

/** "1/2", "1-2-12", "01/02/2023" as Excel (en-GB: day first) reads date-looking text: its serial day number. */
function dateFromText(text: string): number | null {
  const m = /^(\d{1,2})[/-](\d{1,2})(?:[/-](\d{2}|\d{4}))?$/.exec(text.trim());
  if (!m) return null;
  const day = Number(m[1]);
  const month = Number(m[2]);
  const year =
    m[3] === undefined ? new Date().getUTCFullYear() : m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate())
    return null;
  return Math.round((Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86400000);
}

/**
 * Structured references in a formula: every "Name[" must name a table that exists, and a bare "[@Col]" or
 * "[[#This Row],…]" only works inside a table ("Using structured references with Excel tables":
 * https://support.microsoft.com/office/using-structured-references-with-excel-tables-f5ed2452-2337-4f71-bed3-c8ae6d2b276e;
 * Excel refuses a formula naming a table it does not have, as a typed formula is refused with "There's a problem
 * with this formula").
 */
function checkTableReferences(
  wb: FakeWorkbook,
  formula: string,
  sheet: SheetModel,
  row: number,
  column: number,
): void {
  const unquoted = formula.replace(/"[^"]*"/g, '""');
  for (const m of unquoted.matchAll(/([A-Za-z_\\][A-Za-z0-9_.]*)\[/g)) {
    if (!wb.table(m[1]))
      throw new FakeExcelError(
        "InvalidArgument",
        `The formula ${formula} names table ${m[1]}, which doesn't exist.`,
      );
  }
  if (/(^|[^A-Za-z0-9_.\]])\[(@|\[#This Row\])/i.test(unquoted)) {
    const inside = wb.tables.some(
      (t) => t.sheet === sheet && row > t.top && row <= t.bottom && column >= t.left && column <= t.right,
    );
    if (!inside)
      throw new FakeExcelError(
        "InvalidArgument",
        `The formula ${formula} refers to this row of a table it is not in.`,
      );
  }
}

/**
 * Puts what was written through Range.values or Range.formulas into a cell, as Excel interprets it: "If the
 * returned value starts with a plus ("+"), minus ("-"), or equal sign ("="), Excel interprets this value as a
 * formula" (Excel.Range.values: https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-values-member),
 * and number-, percent-, date- and TRUE/FALSE-looking text becomes a number, date or boolean as if typed ("Set and get
 * range values, text, or formulas": https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-ranges-set-get-values).
 * A cell formatted as text ("@") keeps what it is given as text ("Format numbers as text":
 * https://support.microsoft.com/office/format-numbers-as-text-583160db-e239-4c8c-a1ad-0b41b8e0a6a6).
 * null leaves the cell as it was ("Null input in 2-D Array", https://learn.microsoft.com/office/dev/add-ins/excel/performance#update-all-cells-in-a-range).
 */
function enterCell(wb: FakeWorkbook, box: Box, row: number, column: number, input: unknown): void {
  if (input === null || input === undefined) return;
  const cell = box.sheet.cell(row, column);
  cell.formula = null;
  if (typeof input !== "string" || cell.numberFormat === "@") {
    cell.value = input as Scalar;
    return;
  }
  if (
    input.startsWith("=") ||
    ((input.startsWith("+") || input.startsWith("-")) && numberFromText(input) === null)
  ) {
    const formula = input.startsWith("=") ? input : `=${input}`;
    checkTableReferences(wb, formula, box.sheet, row, column);
    cell.formula = formula;
    cell.value = "";
    return;
  }
  const number = numberFromText(input);
  if (number) {
    cell.value = number.value;
    if (number.percent && cell.numberFormat === "General") cell.numberFormat = "0%";
    return;
  }
  const date = dateFromText(input);
  if (date !== null) {
    cell.value = date;
    if (cell.numberFormat === "General") cell.numberFormat = "dd/mm/yyyy";
    return;
  }
  if (/^(true|false)$/i.test(input.trim())) {
    cell.value = input.trim().toLowerCase() === "true";
    return;
  }
  cell.value = input;
}

export class RangeProxy extends ClientObject {
  constructor(
    context: FakeContext,
    private readonly box: () => Box,
  ) {
    super(context, box);
  }
  protected excelType(): string {
    return "Range";
  }
  protected defaultProperties(): string[] {
    return ["address", "values", "formulas", "numberFormat", "rowCount", "columnCount"];
  }
  protected readProperty(name: string): unknown {
    const box = this.box();
    const grid = (read: (c: CellModel | undefined) => unknown): unknown[][] => {
      const rows: unknown[][] = [];
      for (let r = box.top; r <= box.bottom; r++) {
        const row: unknown[] = [];
        for (let c = box.left; c <= box.right; c++) row.push(read(box.sheet.peek(r, c)));
        rows.push(row);
      }
      return rows;
    };
    switch (name) {
      case "address":
        return boxAddress(box);
      case "values":
        return grid((c) => (c ? c.value : ""));
      case "formulas":
        return grid((c) => (c ? (c.formula ?? c.value) : ""));
      case "numberFormat":
        return grid((c) => (c ? c.numberFormat : "General"));
      case "rowCount":
        return box.bottom - box.top + 1;
      case "columnCount":
        return box.right - box.left + 1;
      default:
        throw new Error(`fake: Range has no loadable property "${name}"`);
    }
  }
  writeCells(bytes: number, apply: (box: Box) => void): void {
    this.write(bytes, () => apply(this.box()));
  }
  /** Where the range is, resolved now (inside a sync), for objects built on it such as charts. */
  boxNow(): Box {
    return this.box();
  }
  get address(): string {
    return this.loaded("address");
  }
  get values(): Scalar[][] {
    return this.loaded("values");
  }
  set values(values: Scalar[][]) {
    this.writeCells(bytesOf(values), (box) => {
      const rows = checkShape(box, values);
      assertUnlocked(box);
      eachCell(box, (r, c) => enterCell(this.context.wb, box, r, c, rows[r - box.top][c - box.left]));
      this.context.wb.raiseWriteEvents(box);
    });
  }
  get formulas(): Scalar[][] {
    return this.loaded("formulas");
  }
  set formulas(values: Scalar[][]) {
    this.writeCells(bytesOf(values), (box) => {
      const rows = checkShape(box, values);
      assertUnlocked(box);
      eachCell(box, (r, c) => enterCell(this.context.wb, box, r, c, rows[r - box.top][c - box.left]));
      this.context.wb.raiseWriteEvents(box);
    });
  }
  get numberFormat(): string[][] {
    return this.loaded("numberFormat");
  }
  set numberFormat(values: string[][]) {
    this.writeCells(bytesOf(values), (box) => {
      const rows = checkShape(box, values);
      assertEditable(box, "Formatting", "allowFormatCells");
      eachCell(box, (r, c) => {
        const format = rows[r - box.top][c - box.left];
        // null leaves the cell's format as it was (see enterCell).
        if (format !== null && format !== undefined) box.sheet.cell(r, c).numberFormat = String(format);
      });
    });
  }
  get rowCount(): number {
    return this.loaded("rowCount");
  }
  get columnCount(): number {
    return this.loaded("columnCount");
  }
  get format(): RangeFormatProxy {
    return new RangeFormatProxy(this);
  }
  get dataValidation(): DataValidationProxy {
    return new DataValidationProxy(this);
  }
  get worksheet(): WorksheetProxy {
    return new WorksheetProxy(this.context, () => this.box().sheet);
  }
  clear(applyTo = "All"): void {
    this.writeCells(bytesOf(applyTo), (box) => {
      assertUnlocked({ ...box, bottom: Math.min(box.bottom, box.top + 1000) });
      for (const [key, cell] of box.sheet.cells) {
        const [r, c] = key.split(",").map(Number);
        if (r < box.top || r > box.bottom || c < box.left || c > box.right) continue;
        if (applyTo === "All" || applyTo === "Contents") {
          cell.value = "";
          cell.formula = null;
        }
        if (applyTo === "All" || applyTo === "Formats") cell.fill = null;
      }
      if (applyTo === "All" || applyTo === "Contents") this.context.wb.raiseWriteEvents(box);
    });
  }
  select(): void {
    this.writeCells(50, (box) => {
      this.context.wb.selection = { sheet: box.sheet.name, address: boxAddress(box) };
    });
  }
  getCell(row: number, column: number): RangeProxy {
    return new RangeProxy(this.context, () => {
      const b = this.box();
      return {
        sheet: b.sheet,
        top: b.top + row,
        bottom: b.top + row,
        left: b.left + column,
        right: b.left + column,
      };
    });
  }
  getRow(row: number): RangeProxy {
    return new RangeProxy(this.context, () => {
      const b = this.box();
      if (b.top + row > b.bottom) throw new FakeExcelError("InvalidArgument", "Row is outside the range.");
      return { ...b, top: b.top + row, bottom: b.top + row };
    });
  }
}

class ProtectionProxy extends ClientObject {
  constructor(
    context: FakeContext,
    private readonly sheet: () => SheetModel,
  ) {
    super(context, sheet);
  }
  protected excelType(): string {
    return "WorksheetProtection";
  }
  protected defaultProperties(): string[] {
    return ["protected"];
  }
  protected readProperty(name: string): unknown {
    if (name === "protected") return this.sheet().protected;
    if (name === "options") return { ...((this.sheet().protectionOptions ?? {}) as object) };
    throw new Error(`fake: WorksheetProtection has no property "${name}"`);
  }
  get protected(): boolean {
    return this.loaded("protected");
  }
  get options(): unknown {
    return this.loaded("options");
  }
  protect(options?: unknown): void {
    this.write(bytesOf(options), () => {
      const s = this.sheet();
      if (s.protected)
        throw new FakeExcelError("InvalidOperation", `Sheet "${s.name}" is already protected.`);
      s.protected = true;
      s.protectionOptions = options ?? null;
      this.context.wb.undoClearing.push("WorksheetProtection.protect");
    });
  }
  unprotect(): void {
    this.write(50, () => {
      this.sheet().protected = false;
      this.context.wb.undoClearing.push("WorksheetProtection.unprotect");
    });
  }
}

export class TableProxy extends ClientObject {
  constructor(
    context: FakeContext,
    private readonly table: () => TableModel | null,
    orNull = false,
  ) {
    super(context, table, orNull);
  }
  protected excelType(): string {
    return "Table";
  }
  protected defaultProperties(): string[] {
    return ["name", "style"];
  }
  protected readProperty(name: string): unknown {
    const t = this.model<TableModel>();
    if (name === "name") return t.name;
    if (name === "style") return t.style;
    throw new Error(`fake: Table has no property "${name}"`);
  }
  get name(): string {
    return this.loaded("name");
  }
  set name(value: string) {
    this.write(bytesOf(value), () => {
      const t = this.model<TableModel>();
      const clash = this.context.wb.table(value);
      if (clash && clash !== t)
        throw new FakeExcelError("InvalidArgument", `A table named ${value} already exists.`);
      t.name = value;
    });
  }
  set style(value: string) {
    this.write(bytesOf(value), () => void (this.model<TableModel>().style = value));
  }
  get worksheet(): WorksheetProxy {
    return new WorksheetProxy(this.context, () => this.model<TableModel>().sheet);
  }
  private boxOf(part: "all" | "header" | "body"): () => Box {
    return () => {
      const t = this.model<TableModel>();
      const top = part === "body" ? t.top + 1 : t.top;
      const bottom = part === "header" ? t.top : t.bottom;
      return { sheet: t.sheet, top, bottom, left: t.left, right: t.right };
    };
  }
  getRange(): RangeProxy {
    return new RangeProxy(this.context, this.boxOf("all"));
  }
  getHeaderRowRange(): RangeProxy {
    return new RangeProxy(this.context, this.boxOf("header"));
  }
  getDataBodyRange(): RangeProxy {
    return new RangeProxy(this.context, this.boxOf("body"));
  }
  get columns(): { getItem: (name: string) => TableColumnProxy } {
    return {
      getItem: (name: string) => new TableColumnProxy(this.context, () => this.model<TableModel>(), name),
    };
  }
  get onChanged(): { add: (handler: (e: TableChange) => Promise<unknown> | void) => EventRegistration } {
    return {
      add: (handler) => {
        const registration = new EventRegistration(this.context, () => this.model<TableModel>(), handler);
        this.write(50, () => void this.model<TableModel>().handlers.add(handler));
        return registration;
      },
    };
  }
}

class EventRegistration {
  constructor(
    readonly context: FakeContext,
    private readonly table: () => TableModel,
    private readonly handler: (e: TableChange) => Promise<unknown> | void,
  ) {}
  remove(): void {
    this.context.enqueue(50, () => void this.table().handlers.delete(this.handler));
  }
}

class TableColumnProxy {
  constructor(
    private readonly context: FakeContext,
    private readonly table: () => TableModel,
    private readonly name: string,
  ) {}
  private column(): number {
    const t = this.table();
    for (let c = t.left; c <= t.right; c++) {
      if (String(t.sheet.peek(t.top, c)?.value ?? "") === this.name) return c;
    }
    throw new FakeExcelError("ItemNotFound", `No column "${this.name}" in table ${t.name}.`);
  }
  getHeaderRowRange(): RangeProxy {
    return new RangeProxy(this.context, () => {
      const t = this.table();
      const c = this.column();
      return { sheet: t.sheet, top: t.top, bottom: t.top, left: c, right: c };
    });
  }
  getDataBodyRange(): RangeProxy {
    return new RangeProxy(this.context, () => {
      const t = this.table();
      const c = this.column();
      return { sheet: t.sheet, top: t.top + 1, bottom: t.bottom, left: c, right: c };
    });
  }
}

export class WorksheetProxy extends ClientObject {
  constructor(
    context: FakeContext,
    private readonly sheet: () => SheetModel | null,
    orNull = false,
  ) {
    super(context, sheet, orNull);
  }
  protected excelType(): string {
    return "Worksheet";
  }
  protected defaultProperties(): string[] {
    return ["name", "visibility"];
  }
  protected readProperty(name: string): unknown {
    const s = this.model<SheetModel>();
    if (name === "name") return s.name;
    if (name === "visibility") return s.visibility;
    throw new Error(`fake: Worksheet has no property "${name}"`);
  }
  get name(): string {
    return this.loaded("name");
  }
  set name(v: string) {
    this.write(bytesOf(v), () => {
      const s = this.model<SheetModel>();
      const clash = this.context.wb.sheet(v);
      if (clash && clash !== s)
        throw new FakeExcelError("ItemAlreadyExists", `A sheet named "${v}" already exists.`);
      s.name = v;
      this.context.wb.undoClearing.push("Worksheet.name");
    });
  }
  set visibility(v: string) {
    this.write(bytesOf(v), () => {
      this.model<SheetModel>().visibility = v;
      this.context.wb.undoClearing.push("Worksheet.visibility");
    });
  }
  set tabColor(v: string) {
    this.write(bytesOf(v), () => void (this.model<SheetModel>().tabColor = v));
  }
  private protectionProxy: ProtectionProxy | null = null;
  get protection(): ProtectionProxy {
    this.protectionProxy ??= new ProtectionProxy(this.context, () => this.model<SheetModel>());
    return this.protectionProxy;
  }
  /** Loads "protection/…" through to the sheet's protection object, as office-js loads navigation properties. */
  override loadNow(props: string[]): number {
    const own = props.filter((p) => !p.startsWith("protection/"));
    const nested = props.filter((p) => p.startsWith("protection/")).map((p) => p.slice("protection/".length));
    return super.loadNow(own) + (nested.length > 0 ? this.protection.loadNow(nested) : 0);
  }
  get freezePanes(): { freezeRows: (n: number) => void } {
    return guarded(
      { freezeRows: (n: number) => this.write(50, () => (this.model<SheetModel>().frozenRows = n)) },
      "WorksheetFreezePanes",
      this.context.wb,
    );
  }
  activate(): void {
    this.write(50, () => {
      this.context.wb.activeSheet = this.model<SheetModel>().name;
    });
  }
  getRange(address: string): RangeProxy {
    return new RangeProxy(this.context, () => parseBox(address, this.model<SheetModel>(), this.context.wb));
  }
  getUsedRange(valuesOnly = false): RangeProxy {
    return new RangeProxy(this.context, () => {
      const s = this.model<SheetModel>();
      let box: Box | null = null;
      for (const [key, cell] of s.cells) {
        if (valuesOnly && cell.value === "" && cell.formula === null) continue;
        const [r, c] = key.split(",").map(Number);
        box = box
          ? {
              sheet: s,
              top: Math.min(box.top, r),
              left: Math.min(box.left, c),
              bottom: Math.max(box.bottom, r),
              right: Math.max(box.right, c),
            }
          : { sheet: s, top: r, left: c, bottom: r, right: c };
      }
      return box ?? { sheet: s, top: 1, left: 1, bottom: 1, right: 1 };
    });
  }
  /** Deletes the sheet with its tables, notes and charts (Excel refuses to delete the only visible sheet). */
  delete(): void {
    this.write(50, () => {
      const wb = this.context.wb;
      const s = this.model<SheetModel>();
      if (s.visibility === "Visible" && wb.sheets.filter((x) => x.visibility === "Visible").length === 1)
        throw new FakeExcelError(
          "InvalidOperation",
          "A workbook must contain at least one visible worksheet.",
        );
      wb.sheets.splice(wb.sheets.indexOf(s), 1);
      wb.undoClearing.push("Worksheet.delete");
      for (let i = wb.tables.length - 1; i >= 0; i--) if (wb.tables[i].sheet === s) wb.tables.splice(i, 1);
      for (let i = wb.notes.length - 1; i >= 0; i--) if (wb.notes[i].sheet === s) wb.notes.splice(i, 1);
    });
  }
  get charts(): { add: (type: string, source: RangeProxy, seriesBy?: string) => ChartProxy } {
    return guarded(this.chartCollection(), "ChartCollection", this.context.wb);
  }
  private chartCollection(): { add: (type: string, source: RangeProxy, seriesBy?: string) => ChartProxy } {
    return {
      add: (type, source, seriesBy = "Auto") => {
        let made: ChartModel | null = null;
        this.write(bytesOf(type, seriesBy), () => {
          if (!CHART_TYPES.has(type))
            throw new FakeExcelError("InvalidArgument", `Unknown chart type "${type}".`);
          if (!SERIES_BY.has(seriesBy))
            throw new FakeExcelError(
              "InvalidArgument",
              `seriesBy must be Auto, Columns or Rows, not "${seriesBy}".`,
            );
          const s = this.model<SheetModel>();
          const box = source.boxNow();
          const address = boxAddress(box);
          made = {
            name: `Chart ${s.charts.length + 1}`,
            type,
            source: { sheet: box.sheet.name, address: address.slice(address.lastIndexOf("!") + 1) },
            seriesBy,
            title: null,
            position: null,
            valueAxis: { title: null, numberFormat: null },
            categoryAxis: { title: null, numberFormat: null },
            legend: { position: null, visible: true },
          };
          s.charts.push(made);
        });
        return new ChartProxy(this.context, () => made);
      },
    };
  }
  get tables(): { add: (address: string, hasHeaders: boolean) => TableProxy } {
    return guarded(this.tableCollection(), "TableCollection", this.context.wb);
  }
  private tableCollection(): { add: (address: string, hasHeaders: boolean) => TableProxy } {
    return {
      add: (address, hasHeaders) => {
        let made: TableModel | null = null;
        this.write(bytesOf(address, hasHeaders), () => {
          // "If the address does not contain a sheet name, the currently-active sheet is used"
          // (TableCollection.add: https://learn.microsoft.com/javascript/api/excel/excel.tablecollection#excel-excel-tablecollection-add-member(1)),
          // whichever worksheet's collection it was called on.
          const wb = this.context.wb;
          const active = (wb.activeSheet ? wb.sheet(wb.activeSheet) : undefined) ?? wb.sheets[0] ?? null;
          const box = parseBox(address, active, wb);
          assertEditable(box, "Adding a table");
          for (const t of this.context.wb.tables) {
            const overlaps =
              t.sheet === box.sheet &&
              !(box.right < t.left || box.left > t.right || box.bottom < t.top || box.top > t.bottom);
            if (overlaps)
              throw new FakeExcelError("InvalidOperation", "A table can't overlap another table.");
          }
          made = new TableModel(
            `Table${wb.tables.length + 1}`,
            box.sheet,
            box.top,
            box.left,
            box.bottom,
            box.right,
          );
          if (hasHeaders) {
            for (let c = box.left; c <= box.right; c++) {
              const cell = box.sheet.cell(box.top, c);
              if (cell.value === "") cell.value = `Column${c - box.left + 1}`;
            }
          }
          wb.tables.push(made);
        });
        return new TableProxy(this.context, () => made);
      },
    };
  }
}

/** A chart: its properties are written on sync, as office-js queues them; reads are not needed by the add-in. */
export class ChartProxy {
  constructor(
    private readonly context: FakeContext,
    private readonly chart: () => ChartModel | null,
  ) {
    return guarded(this, "Chart", context.wb);
  }
  private set(what: unknown, apply: (c: ChartModel) => void): void {
    this.context.enqueue(bytesOf(what), () => {
      const c = this.chart();
      if (!c) throw new FakeExcelError("ItemNotFound", "The chart doesn't exist.");
      apply(c);
    });
  }
  set name(v: string) {
    this.set(v, (c) => {
      const sheet = this.context.wb.sheets.find((s) => s.charts.includes(c));
      if (sheet?.charts.some((o) => o !== c && o.name === v))
        throw new FakeExcelError("InvalidArgument", `A chart named ${v} already exists on this sheet.`);
      c.name = v;
    });
  }
  get title(): { text: string } {
    const set = (text: string) => this.set(text, (c) => (c.title = text));
    return {
      set text(v: string) {
        set(v);
      },
    } as { text: string };
  }
  get axes(): { valueAxis: ChartAxisProxy; categoryAxis: ChartAxisProxy } {
    return {
      valueAxis: guarded(
        new ChartAxisProxy((what, apply) => this.set(what, (c) => apply(c.valueAxis))),
        "ChartAxis",
        this.context.wb,
      ),
      categoryAxis: guarded(
        new ChartAxisProxy((what, apply) => this.set(what, (c) => apply(c.categoryAxis))),
        "ChartAxis",
        this.context.wb,
      ),
    };
  }
  get legend(): { position: string; visible: boolean } {
    const set = (what: unknown, apply: (l: ChartModel["legend"]) => void) =>
      this.set(what, (c) => apply(c.legend));
    return {
      set position(v: string) {
        set(v, (l) => (l.position = v));
      },
      set visible(v: boolean) {
        set(v, (l) => (l.visible = v));
      },
    } as { position: string; visible: boolean };
  }
  /** Places the chart over cells (the range's corners), as Chart.setPosition does. */
  setPosition(start: string, end?: string): void {
    this.set([start, end], (c) => {
      const sheet = this.context.wb.sheets.find((s) => s.charts.includes(c)) ?? null;
      const from = parseBox(start, sheet, this.context.wb);
      const to = end ? parseBox(end, sheet, this.context.wb) : from;
      if (to.top < from.top || to.left < from.left)
        throw new FakeExcelError("InvalidArgument", "The chart's end cell is above or left of its start.");
      c.position = { from: cellAddress(from.top, from.left), to: cellAddress(to.bottom, to.right) };
    });
  }
}

class ChartAxisProxy {
  constructor(
    private readonly set: (what: unknown, apply: (axis: ChartModel["valueAxis"]) => void) => void,
  ) {}
  get title(): { text: string } {
    const set = this.set;
    return {
      set text(v: string) {
        set(v, (a) => (a.title = v));
      },
    } as { text: string };
  }
  set numberFormat(v: string) {
    this.set(v, (a) => (a.numberFormat = v));
  }
}

class CollectionProxy<P extends ClientObject> extends ClientObject {
  private itemProxies: P[] | null = null;
  constructor(
    context: FakeContext,
    private readonly list: () => unknown[],
    private readonly proxyFor: (model: unknown) => P,
  ) {
    super(context, list);
  }
  protected excelType(): string {
    return `${this.constructor.name.replace(/Proxy$/, "")}`;
  }
  protected defaultProperties(): string[] {
    return ["items"];
  }
  protected readProperty(): unknown {
    return null;
  }
  override load(names?: string | string[]): this {
    const list = (typeof names === "string" ? names.split(",") : (names ?? [])).map((n) => n.trim());
    const props = list.filter((n) => n.startsWith("items/")).map((n) => n.slice("items/".length));
    this.context.enqueue(bytesOf(list), () => {
      this.itemProxies = this.list().map((m) => this.proxyFor(m));
      return this.itemProxies.reduce((n, p) => n + p.loadNow(props), 0);
    });
    return this;
  }
  get items(): P[] {
    if (!this.itemProxies) throw notLoaded("items");
    return this.itemProxies;
  }
}

function noteBox(n: NoteModel): Box {
  return { sheet: n.sheet, top: n.row, bottom: n.row, left: n.column, right: n.column };
}

class NoteProxy extends ClientObject {
  constructor(
    context: FakeContext,
    private readonly note: () => NoteModel | null,
    orNull = false,
  ) {
    super(context, note, orNull);
  }
  protected excelType(): string {
    return "Note";
  }
  protected defaultProperties(): string[] {
    return ["content"];
  }
  protected readProperty(name: string): unknown {
    if (name === "content") return this.model<NoteModel>().content;
    throw new Error(`fake: Note has no property "${name}"`);
  }
  get content(): string {
    return this.loaded("content");
  }
  set content(v: string) {
    this.write(bytesOf(v), () => {
      const n = this.model<NoteModel>();
      assertEditable(noteBox(n), "Editing a note", "allowEditObjects");
      n.content = v;
    });
  }
  delete(): void {
    this.write(50, () => {
      const n = this.model<NoteModel>();
      assertEditable(noteBox(n), "Deleting a note", "allowEditObjects");
      const list = this.context.wb.notes;
      list.splice(list.indexOf(n), 1);
    });
  }
}

class NoteCollectionProxy extends CollectionProxy<NoteProxy> {
  constructor(context: FakeContext) {
    super(
      context,
      () => context.wb.notes,
      (m) =>
        new NoteProxy(context, () => (context.wb.notes.includes(m as NoteModel) ? (m as NoteModel) : null)),
    );
  }
  private find(address: string): NoteModel | null {
    const box = parseBox(address, null, this.context.wb);
    return (
      this.context.wb.notes.find(
        (n) => n.sheet === box.sheet && n.row === box.top && n.column === box.left,
      ) ?? null
    );
  }
  getItemOrNullObject(address: string): NoteProxy {
    return new NoteProxy(this.context, () => this.find(address), true);
  }
  add(address: string, content: string): NoteProxy {
    let made: NoteModel | null = null;
    this.context.enqueue(bytesOf(address, content), () => {
      if (this.context.wb.apiVersion < 18)
        throw new FakeExcelError("ApiNotFound", "Notes need ExcelApi 1.18.");
      const box = parseBox(address, null, this.context.wb);
      assertEditable(box, "Adding a note", "allowEditObjects");
      if (this.find(address))
        throw new FakeExcelError("InvalidArgument", `The cell ${address} already has a note.`);
      made = { sheet: box.sheet, row: box.top, column: box.left, content };
      this.context.wb.notes.push(made);
    });
    return new NoteProxy(this.context, () => made);
  }
}

class WorksheetCollectionProxy extends CollectionProxy<WorksheetProxy> {
  constructor(context: FakeContext) {
    super(
      context,
      () => context.wb.sheets,
      (m) => new WorksheetProxy(context, () => m as SheetModel),
    );
  }
  getItem(name: string): WorksheetProxy {
    return new WorksheetProxy(this.context, () => this.context.wb.sheet(name) ?? null);
  }
  getItemOrNullObject(name: string): WorksheetProxy {
    return new WorksheetProxy(this.context, () => this.context.wb.sheet(name) ?? null, true);
  }
  add(name: string): WorksheetProxy {
    let made: SheetModel | null = null;
    this.context.enqueue(bytesOf(name), () => {
      if (this.context.wb.sheet(name))
        throw new FakeExcelError("ItemAlreadyExists", `A sheet named "${name}" already exists.`);
      made = new SheetModel(name);
      this.context.wb.sheets.push(made);
    });
    // Like office-js, the proxy stays bound to the sheet it made, whatever it is renamed to later.
    return new WorksheetProxy(this.context, () => made);
  }
}

class TableCollectionProxy extends CollectionProxy<TableProxy> {
  constructor(context: FakeContext) {
    super(
      context,
      () => context.wb.tables,
      (m) =>
        new TableProxy(context, () =>
          context.wb.tables.includes(m as TableModel) ? (m as TableModel) : null,
        ),
    );
  }
  getItem(name: string): TableProxy {
    return new TableProxy(this.context, () => this.context.wb.table(name) ?? null);
  }
  getItemOrNullObject(name: string): TableProxy {
    return new TableProxy(this.context, () => this.context.wb.table(name) ?? null, true);
  }
}

class FakeWorkbookProxy {
  readonly worksheets: WorksheetCollectionProxy;
  readonly tables: TableCollectionProxy;
  private readonly noteCollection: NoteCollectionProxy;
  constructor(readonly context: FakeContext) {
    this.worksheets = new WorksheetCollectionProxy(context);
    this.tables = new TableCollectionProxy(context);
    this.noteCollection = new NoteCollectionProxy(context);
  }
  get notes(): NoteCollectionProxy {
    if (this.context.wb.apiVersion < 18) throw new Error("fake: workbook.notes needs ExcelApi 1.18");
    return this.noteCollection;
  }
}

/** The cell models of a range, for tests' own checks (no sync involved). */
export function cellsOf(wb: FakeWorkbook, sheet: string, address: string): CellModel[][] {
  const box = parseBox(address, wb.sheet(sheet) ?? null, wb);
  const rows: CellModel[][] = [];
  for (let r = box.top; r <= box.bottom; r++) {
    const row: CellModel[] = [];
    for (let c = box.left; c <= box.right; c++) row.push(box.sheet.cell(r, c));
    rows.push(row);
  }
  return rows;
}

export { columnLetter };
