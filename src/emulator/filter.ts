/**
 * OData `$filter` on list items as SharePoint answers it: `eq` clauses joined by `and`, compared as SharePoint
 * compares text, refused on a column that is not indexed (unless the caller accepts the risk) and beyond the list
 * view threshold.
 */
import { GraphHttpError, sameText, type ItemState, type ListState } from "./state";
import type { FieldValue } from "../sharepoint/list-values";

/** SharePoint's list view threshold: a query that would touch more items than this fails. */
export const LIST_VIEW_THRESHOLD = 5000;

/** Items matching every `fields/X eq v` clause, refusing a non-indexed column unless the caller accepted the risk. */
export function queryItems(
  list: ListState,
  filter: string | undefined,
  allowNonIndexed: boolean,
  viewThreshold: number,
): ItemState[] {
  if (!filter) return [...list.items];
  const clauses = parseFilter(filter);
  for (const clause of clauses) {
    const column = list.columns.find((c) => c.name === clause.field);
    if (!column)
      throw new GraphHttpError(400, "invalidRequest", `Field '${clause.field}' is not recognized.`);
    if (!column.indexed && !allowNonIndexed) {
      throw new GraphHttpError(
        400,
        "invalidRequest",
        `Field '${clause.field}' cannot be referenced in filter or orderby as it is not indexed. Provide the 'Prefer: HonorNonIndexedQueriesWarningMayFailRandomly' header to allow this, but be warned that such queries may fail on large lists.`,
      );
    }
  }
  // The list view threshold: a list beyond it can be filtered only on indexed columns (the Prefer header does not
  // lift it), and a filter may not match more than the threshold.
  // https://learn.microsoft.com/en-us/previous-versions/office/developer/sharepoint-2010/ee557257(v=office.14)
  const beyond = list.items.length > viewThreshold;
  if (beyond && clauses.some((c) => !list.columns.find((col) => col.name === c.field)?.indexed)) {
    throw new GraphHttpError(
      400,
      "notSupported",
      "The request is unprocessable because it uses too many resources (list view threshold).",
    );
  }
  const matched = list.items.filter((item) => clauses.every((c) => sameText(item.fields[c.field], c.value)));
  if (beyond && matched.length > viewThreshold) {
    throw new GraphHttpError(
      400,
      "notSupported",
      "The request is unprocessable because it uses too many resources (list view threshold).",
    );
  }
  return matched;
}

export interface FilterClause {
  readonly field: string;
  readonly value: FieldValue;
}

/** Parses `fields/A eq 'x' and fields/B eq 3` (also `displayName eq 'x'`): the only filter shape sync uses. */
export function parseFilter(filter: string): FilterClause[] {
  // One pass with an index (never re-slicing the rest), so a long hostile filter costs linear time.
  const clauses: FilterClause[] = [];
  const text = filter.trim();
  const fail = (what: string, at: number) =>
    new GraphHttpError(400, "invalidRequest", `${what}: ${text.slice(at, at + 60)}`);
  const skipSpaces = (at: number) => {
    while (at < text.length && /\s/.test(text[at])) at += 1;
    return at;
  };
  const field = /(?:fields\/)?([A-Za-z_][A-Za-z0-9_]*)\s+eq\s+/y;
  const literal = /(-?\d+(?:\.\d+)?|true|false|null)/y;
  const and = /and\s+/iy;
  let i = 0;
  for (;;) {
    field.lastIndex = i;
    const m = field.exec(text);
    if (!m) throw fail("Invalid filter clause", i);
    i = field.lastIndex;
    let value: FieldValue;
    if (text[i] === "'") {
      let out = "";
      let j = i + 1;
      for (;;) {
        if (j >= text.length)
          throw new GraphHttpError(400, "invalidRequest", "Unterminated string in filter.");
        const close = text.indexOf("'", j);
        if (close === -1) throw new GraphHttpError(400, "invalidRequest", "Unterminated string in filter.");
        out += text.slice(j, close);
        if (text[close + 1] === "'") {
          out += "'";
          j = close + 2;
          continue;
        }
        j = close + 1;
        break;
      }
      value = out;
      i = j;
    } else {
      literal.lastIndex = i;
      const lit = literal.exec(text);
      if (!lit) throw fail("Invalid filter value", i);
      value =
        lit[1] === "true" ? true : lit[1] === "false" ? false : lit[1] === "null" ? null : Number(lit[1]);
      i = literal.lastIndex;
    }
    clauses.push({ field: m[1], value });
    i = skipSpaces(i);
    if (i >= text.length) return clauses;
    and.lastIndex = i;
    if (!and.exec(text)) throw fail("Only 'and' joins filter clauses here", i);
    i = and.lastIndex;
  }
}
