/**
 * What a Graph request costs against SharePoint's throttling budget, in resource units, as Microsoft publishes it:
 * 1 for a single-item query, 2 for a multi-item query (a collection) and for a create, update or delete; the requests
 * inside a $batch are counted one by one. The client paces itself with it and the emulator charges with it, so both
 * read the same table.
 * Source: https://learn.microsoft.com/en-us/sharepoint/dev/general-development/how-to-avoid-getting-throttled-or-blocked-in-sharepoint-online
 * ("Resource units").
 */

/** The smallest tenant's budget for one application: 1,200 resource units a minute (same page, "Application throttling"). */
export const SMALLEST_TENANT_UNITS_PER_MINUTE = 1200;

const COLLECTIONS = new Set(["items", "lists", "columns", "children", "sites", "messages"]);

/** Resource units one request (not a $batch) costs: by its method and whether it reads a collection. */
export function resourceUnits(method: string, url: string): number {
  if (method.toUpperCase() !== "GET") return 2;
  const path = url.split("?")[0].replace(/\/+$/, "");
  const last = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  return COLLECTIONS.has(last) ? 2 : 1;
}

/** Resource units of a JSON $batch body: the sum of its sub-requests (0 for a body that is not a batch). */
export function batchUnits(body: unknown): number {
  const requests = (body as { requests?: unknown } | null | undefined)?.requests;
  if (!Array.isArray(requests)) return 0;
  let units = 0;
  for (const r of requests) {
    if (!r || typeof r !== "object") continue;
    const { method, url } = r as { method?: unknown; url?: unknown };
    units += resourceUnits(typeof method === "string" ? method : "GET", typeof url === "string" ? url : "");
  }
  return units;
}
