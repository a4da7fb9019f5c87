/**
 * Hostile and foreign files for the robustness tests, the fuzz suite and the bench: a good seed return's package
 * changed the way other tools and attackers change it (absolute part names as openpyxl writes them, a chart added,
 * a table declared to the sheet's last cell, a zip bomb…), and files that are not .xlsx workbooks at all.
 * Everything is made in memory, in milliseconds, so the suites stay fast.
 */
import JSZip from "jszip";
import { METADATA_SHEET, planNewReturn, planProviderInput } from "../../src/workbook";
import { newXlsx } from "../../src/workbook/xlsx";
import { findSeedReturn, seedInput, seedSetup } from "../../src/seed/q2-2022-23";

/** The IDVA seed return with its figures typed in, as bytes. */
export async function seedReturnBytes(templateId = "idva", provider?: string): Promise<Buffer> {
  const entry = findSeedReturn(templateId, provider);
  if (!entry) throw new Error(`test setup: no seed return for ${templateId}`);
  const wb = newXlsx();
  wb.apply(planNewReturn(seedSetup(entry)));
  wb.apply(planProviderInput(wb.snapshot(), seedInput(entry)));
  return wb.toBuffer();
}

export type PackageEdit = (zip: JSZip) => Promise<void>;

/** The bytes of `bytes`' package after `edit`. */
export async function editPackage(bytes: Uint8Array, edit: PackageEdit): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  await edit(zip);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

async function text(zip: JSZip, part: string): Promise<string> {
  const file = zip.file(part);
  if (!file) throw new Error(`test setup: the package has no ${part}`);
  return file.async("string");
}

/** The worksheet part of a sheet, by its name ("KPIs" → "xl/worksheets/sheet1.xml"). */
export async function sheetPart(zip: JSZip, sheet: string): Promise<string> {
  const workbook = await text(zip, "xl/workbook.xml");
  const tag = [...workbook.matchAll(/<sheet\b[^>]*>/g)]
    .map((m) => m[0])
    .find((t) => t.includes(`name="${sheet}"`));
  const id = tag?.match(/r:id="([^"]+)"/)?.[1];
  const rels = await text(zip, "xl/_rels/workbook.xml.rels");
  const rel = [...rels.matchAll(/<Relationship\b[^>]*>/g)]
    .map((m) => m[0])
    .find((t) => t.includes(`Id="${id}"`));
  const target = rel?.match(/Target="([^"]+)"/)?.[1];
  if (!target) throw new Error(`test setup: no sheet "${sheet}"`);
  return target.startsWith("/") ? target.slice(1) : `xl/${target}`;
}

/** The table part holding a table, by its name ("KpiReturn" → "xl/tables/table1.xml"). */
export async function tablePart(zip: JSZip, table: string): Promise<string> {
  for (const name of Object.keys(zip.files)) {
    if (/^xl\/tables\/[^/]+\.xml$/.test(name) && (await text(zip, name)).includes(`name="${table}"`))
      return name;
  }
  throw new Error(`test setup: no table "${table}"`);
}

async function replaceIn(zip: JSZip, part: string, edit: (xml: string) => string): Promise<void> {
  const before = await text(zip, part);
  const after = edit(before);
  if (after === before) throw new Error(`test setup: the edit changed nothing in ${part}`);
  zip.file(part, after);
}

/** Every internal relationship target written absolute ("/xl/worksheets/sheet1.xml"), as openpyxl writes them. */
export const absolutePartNames: PackageEdit = async (zip) => {
  for (const rels of Object.keys(zip.files).filter((n) => n.endsWith(".rels"))) {
    const folder = rels.replace(/_rels\/[^/]*$/, "");
    await replaceIn(zip, rels, (xml) =>
      xml.replace(/Target="([^"/][^"]*)"/g, (whole, target: string) => {
        if (/^https?:/.test(target)) return whole;
        const parts: string[] = [];
        for (const piece of `${folder}${target}`.split("/")) {
          if (piece === "..") parts.pop();
          else if (piece !== "" && piece !== ".") parts.push(piece);
        }
        return `Target="/${parts.join("/")}"`;
      }),
    );
  }
};

/** A chart added by the provider (the part and its content type; enough for any reader to see it is there). */
export const chartAdded: PackageEdit = async (zip) => {
  zip.file(
    "xl/charts/chart1.xml",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart/></c:chartSpace>',
  );
  await replaceIn(zip, "[Content_Types].xml", (xml) =>
    xml.replace(
      "</Types>",
      '<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>',
    ),
  );
};

/** Macros in the package, as a .xlsm holds them (in a package still typed as .xlsx). */
export const macrosAdded: PackageEdit = async (zip) => {
  zip.file("xl/vbaProject.bin", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3, 4]));
};

/** The workbook typed as macro-enabled, as Excel saves an .xlsm. */
export const macroEnabledType: PackageEdit = async (zip) => {
  await replaceIn(zip, "[Content_Types].xml", (xml) =>
    xml.replace(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
      "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    ),
  );
};

/** The KpiReturn table declared to the sheet's last cell: A5:XFD1048576. */
export const tableToLastCell: PackageEdit = async (zip) => {
  const part = await tablePart(zip, "KpiReturn");
  await replaceIn(zip, part, (xml) => xml.replace(/ref="A5:[A-Z]+\d+"/g, 'ref="A5:XFD1048576"'));
};

/** One cell at XFD1048576 on the metadata sheet. */
export const farCellOnMetadata: PackageEdit = async (zip) => {
  const part = await sheetPart(zip, METADATA_SHEET);
  await replaceIn(zip, part, (xml) =>
    xml.replace(
      "</sheetData>",
      '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
    ),
  );
};

/** A part that unpacks to `megabytes` MB of zeros: a few KB in the zip (a zip bomb). */
export function zipBomb(megabytes: number): PackageEdit {
  return async (zip) => {
    zip.file("xl/media/image1.png", new Uint8Array(megabytes * 1024 * 1024));
  };
}

/** A shared string of `chars` characters, longer than any cell may hold. */
export function longSharedString(chars: number): PackageEdit {
  return async (zip) => {
    await replaceIn(zip, "xl/sharedStrings.xml", (xml) =>
      xml.replace(/<si>/, `<si><t>${"x".repeat(chars)}</t></si><si>`),
    );
  };
}

/** A sheet of `rows` stored rows (one cell each) appended to the KPIs sheet below the table. */
export function manyRows(rows: number): PackageEdit {
  return async (zip) => {
    const part = await sheetPart(zip, "KPIs");
    const extra: string[] = [];
    for (let r = 1000; r < 1000 + rows; r++) extra.push(`<row r="${r}"><c r="A${r}"><v>1</v></c></row>`);
    await replaceIn(zip, part, (xml) => xml.replace("</sheetData>", `${extra.join("")}</sheetData>`));
  };
}

/** Files that are not .xlsx workbooks, each as a provider might send it. */
export async function foreignFiles(): Promise<Record<string, Buffer>> {
  const zipOf = async (files: Record<string, string>): Promise<Buffer> => {
    const zip = new JSZip();
    for (const [name, body] of Object.entries(files)) zip.file(name, body);
    return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  };
  const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const padding = Buffer.alloc(1024);
  return {
    "empty.xlsx": Buffer.alloc(0),
    "encrypted.xlsx": Buffer.concat([ole, padding, Buffer.from("EncryptedPackage", "utf16le"), padding]),
    "old.xls": Buffer.concat([ole, padding, Buffer.from("Workbook", "utf16le"), padding]),
    "figures.csv": Buffer.from("KPI ID,Actual\nreferrals,492\n"),
    "figures.ods": await zipOf({
      mimetype: "application/vnd.oasis.opendocument.spreadsheet",
      "content.xml": "<office:document-content/>",
    }),
    "notes.xlsx": await zipOf({ "notes.txt": "Q2 figures to follow" }),
  };
}

/** XML text escaped for an element's content. */
function xmlText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * A cell of a sheet replaced by a formula with the result a spreadsheet stored for it (`cached`; none when omitted),
 * as a file saved by Excel holds it: `=9999` can be stored with 40 as its last result.
 */
export function formulaInCell(
  sheet: string,
  cell: string,
  formula: string,
  cached?: number | string,
): PackageEdit {
  return async (zip) => {
    const part = await sheetPart(zip, sheet);
    const body = formula.replace(/^=/, "");
    const value =
      cached === undefined
        ? ""
        : typeof cached === "number"
          ? `<v>${cached}</v>`
          : `<v>${xmlText(cached)}</v>`;
    const type = typeof cached === "string" ? ' t="str"' : "";
    await replaceIn(zip, part, (xml) =>
      xml.replace(new RegExp(`<c r="${cell}"([^>]*?)(?:/>|>.*?</c>)`), (_whole, attributes: string) => {
        const kept = attributes.replace(/\s*t="[^"]*"/, "").replace(/\/$/, "");
        return `<c r="${cell}"${kept}${type}><f>${xmlText(body)}</f>${value}</c>`;
      }),
    );
  };
}
