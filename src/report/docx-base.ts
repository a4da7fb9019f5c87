/**
 * Reading a previous draft of the Word report (`report --docx-base PREVIOUS.docx`): which service paragraphs the
 * officer rewrote, and their text as the officer left it. A paragraph is found by its service's bookmark and counts
 * as rewritten when its text no longer matches the fingerprint the draft recorded for it. The file is the officer's,
 * but still only read, bounded and never trusted to be well made: a file that is not a draft is a plain error.
 */
import JSZip from "jszip";
import { UserError } from "../core/errors";
import { DRAFT_PROPERTY_PREFIX, comparable, fingerprint } from "./docx";

/** A Word report is text and a few small charts: anything bigger is not a draft of it (and is not unzipped). */
export const MAX_DOCX_BASE_BYTES = 20 * 1024 * 1024;

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code =
        name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name] ?? whole;
  });
}

/** The visible text of one <w:p>: its runs' text, tabs and breaks as spaces (deleted text in tracked changes left out). */
function paragraphText(xml: string): string {
  const withoutDeleted = xml.replace(/<w:del\b[\s\S]*?<\/w:del>/g, "");
  const parts: string[] = [];
  const token = /<w:t(?:\s[^>]*)?>([\s\S]*?)<\/w:t>|<w:(?:tab|br|cr)\b[^>]*\/>/g;
  for (const m of withoutDeleted.matchAll(token)) parts.push(m[1] !== undefined ? unescapeXml(m[1]) : " ");
  return parts.join("");
}

/** The paragraphs the officer rewrote: bookmark name → the paragraph's text now. */
export async function readDocxBase(bytes: Uint8Array, shown: string): Promise<Map<string, string>> {
  if (bytes.length > MAX_DOCX_BASE_BYTES) {
    throw new UserError(
      `"${shown}" is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; a previous draft of the report is at most ${MAX_DOCX_BASE_BYTES / 1024 / 1024} MB.`,
      shown,
    );
  }
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new UserError(`"${shown}" is not a Word document (.docx): it could not be opened as one.`, shown);
  }
  const document = zip.file("word/document.xml");
  const custom = zip.file("docProps/custom.xml");
  if (!document)
    throw new UserError(`"${shown}" is not a Word document (.docx): it has no document part.`, shown);
  if (!custom) {
    throw new UserError(
      `"${shown}" is not a draft written by kpi-returns report (it records no drafted paragraphs), so there is nothing to keep from it.`,
      shown,
    );
  }
  const drafted = new Map<string, string>();
  const props = await custom.async("string");
  const prop = new RegExp(
    `<property\\b[^>]*\\bname="${DRAFT_PROPERTY_PREFIX}([A-Za-z0-9_]+)"[^>]*>\\s*<vt:lpwstr>([0-9a-f]{8})</vt:lpwstr>`,
    "g",
  );
  for (const m of props.matchAll(prop)) drafted.set(m[1], m[2]);

  const xml = await document.async("string");
  const paragraphs = [...xml.matchAll(/<w:p\b[\s\S]*?<\/w:p>/g)].map((m) => m[0]);
  const starts = new Map<string, { id: string; at: number }>();
  const ends = new Map<string, number>();
  paragraphs.forEach((p, i) => {
    for (const m of p.matchAll(/<w:bookmarkStart\b[^>]*>/g)) {
      const name = /w:name="([^"]*)"/.exec(m[0])?.[1];
      const id = /w:id="([^"]*)"/.exec(m[0])?.[1];
      if (name && id !== undefined && drafted.has(name)) starts.set(name, { id, at: i });
    }
    for (const m of p.matchAll(/<w:bookmarkEnd\b[^>]*w:id="([^"]*)"[^>]*>/g))
      if (!ends.has(m[1])) ends.set(m[1], i);
  });
  const rewritten = new Map<string, string>();
  for (const [name, { id, at }] of starts) {
    const end = Math.max(at, ends.get(id) ?? at);
    const text = comparable(
      paragraphs
        .slice(at, end + 1)
        .map(paragraphText)
        .join(" "),
    );
    if (text && fingerprint(text) !== drafted.get(name)) rewritten.set(name, text);
  }
  return rewritten;
}
