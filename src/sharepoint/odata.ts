/**
 * OData as the list reads speak it: a text value quoted for a `$filter`, and a collection read to its end (each page's
 * `value`, then `@odata.nextLink` until there is none), so every list read follows Graph's links the same way.
 */
import { relativeTo, type GraphClient } from "./client";
import type { GraphTarget } from "./target";

/** A text value as an OData string literal: quoted, its own quotes doubled. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Every entry of the collection at `url`, page after page. A failed page read is thrown as `explain` words it; a next
 * link is followed only where relativeTo allows (our own base URL, or Graph's hosts).
 */
export async function readAllPages<T>(
  client: GraphClient,
  target: GraphTarget,
  url: string,
  explain: (err: unknown) => Error,
): Promise<T[]> {
  const entries: T[] = [];
  let next: string | undefined = url;
  while (next) {
    let page: { value?: T[]; "@odata.nextLink"?: string };
    try {
      page = (await client.api(next).get()) as typeof page;
    } catch (err) {
      throw explain(err);
    }
    for (const entry of page.value ?? []) entries.push(entry);
    const link: string | undefined = page["@odata.nextLink"];
    next = link ? relativeTo(target, link) : undefined;
  }
  return entries;
}
