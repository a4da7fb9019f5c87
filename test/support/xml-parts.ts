/**
 * Well-formedness of every XML part of an Office file (.xlsx, .docx), checked by libxml2 (xmllint, as WebAssembly) in
 * one run: starting the module is the slow part.
 */
import JSZip from "jszip";
import { validateXML } from "xmllint-wasm";

/** Every problem xmllint finds in the file's XML parts, each as "part: message" (empty when all are well-formed). */
export async function malformedParts(file: Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(file);
  const names = Object.keys(zip.files).filter((n) => /\.(xml|rels)$/.test(n));
  if (names.length < 5) return [`only ${names.length} XML parts: not an Office file`];
  const result = await validateXML({
    xml: await Promise.all(
      names.map(async (name, i) => ({
        fileName: `part${i}.xml`,
        contents: await zip.file(name)!.async("string"),
      })),
    ),
    normalization: "format",
  });
  return result.errors.map((e) => {
    const index = Number(/part(\d+)/.exec(e.loc?.fileName ?? "")?.[1] ?? -1);
    return `${names[index] ?? "?"}: ${e.message}`;
  });
}
