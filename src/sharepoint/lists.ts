/**
 * Finding, checking and creating the two lists on a site. Sync checks before it writes and stops with a message naming
 * every missing or mistyped column; creating lists is a separate, explicit admin action (it needs Sites.Manage.All).
 */
import { UserError } from "../core/errors";
import { runBatched, type BatchStats, type SubRequest } from "./batch";
import { explainGraphError, type GraphClient, type RetryOptions } from "./client";
import {
  budgetListSchema,
  columnDefinition,
  columnKindOf,
  kpiListSchema,
  type ColumnKind,
  type ListColumn,
  type ListSchema,
} from "./schema";
import { odataString } from "./odata";
import { registerListSchemaFor } from "./register-schema";
import type { GraphTarget } from "./target";

export interface ResolvedList {
  readonly id: string;
  readonly displayName: string;
  readonly webUrl: string;
}

export interface ResolvedLists {
  readonly siteId: string;
  readonly siteUrl: string;
  readonly kpi: ResolvedList;
  readonly budget: ResolvedList;
}

/** The schemas with the list names this target uses (a tenant may have renamed them at build time). */
export function schemasFor(target: GraphTarget): { kpi: ListSchema; budget: ListSchema } {
  return {
    kpi: { ...kpiListSchema, displayName: target.lists?.kpi || kpiListSchema.displayName },
    budget: { ...budgetListSchema, displayName: target.lists?.budget || budgetListSchema.displayName },
  };
}

/** "/sites/{site}" for an id or a "hostname:/sites/path" reference; the path form needs a closing ":" before more segments. */
export function sitePath(site: string, more = ""): string {
  const trimmed = site.trim();
  if (!trimmed) {
    throw new UserError(
      "No SharePoint site is set: give one as hostname:/sites/name (e.g. contoso.sharepoint.com:/sites/commissioning).",
      "site",
    );
  }
  const encoded = trimmed
    .split("/")
    .map((part) => encodeURIComponent(part).replace(/%3A/gi, ":"))
    .join("/");
  const isPath = trimmed.includes(":/");
  return `/sites/${encoded}${more ? `${isPath ? ":" : ""}${more}` : ""}`;
}

function listByNameUrl(siteId: string, name: string): string {
  return `/sites/${encodeURIComponent(siteId)}/lists?$filter=${encodeURIComponent(`displayName eq ${odataString(name)}`)}&$expand=columns`;
}

type ListJson = { id: string; displayName: string; webUrl?: string; columns?: Record<string, unknown>[] };

/** Problems with one list's columns, in plain words; empty when the list is fit for sync. */
export function columnProblems(schema: ListSchema, columns: readonly Record<string, unknown>[]): string[] {
  const problems: string[] = [];
  const describe: Record<ColumnKind, string> = {
    text: "single line of text",
    note: "multiple lines of text",
    number: "number",
    percentage: "number shown as a percentage",
    currency: "currency",
    choice: "choice",
    dateTime: "date and time",
  };
  for (const col of schema.columns) {
    const found = columns.find((c) => c.name === col.name);
    if (!found) {
      problems.push(`column "${col.name}" (${col.displayName}, ${describe[col.kind]}) is missing`);
      continue;
    }
    const kind = columnKindOf(found);
    // Percentage is a display choice on a number column: either display holds the value correctly.
    const compatible =
      kind === col.kind ||
      (["number", "percentage"].includes(col.kind) && ["number", "percentage"].includes(kind ?? ""));
    if (!compatible)
      problems.push(
        `column "${col.name}" is ${kind ? describe[kind] : "of another type"}, expected ${describe[col.kind]}`,
      );
    if (col.indexed && found.indexed !== true) problems.push(`column "${col.name}" must be indexed`);
    if (col.unique && found.enforceUniqueValues !== true)
      problems.push(`column "${col.name}" must enforce unique values`);
    if (kind === "note" && col.kind === "note" && !isPlainText(found))
      problems.push(`column "${col.name}" holds rich text; it must be plain text`);
  }
  return problems;
}

function isPlainText(def: Record<string, unknown>): boolean {
  return (def.text as { textType?: unknown } | undefined)?.textType === "plain";
}

/**
 * What must change on an existing column for sync to trust it (the flags sync refuses a list without, and plain text),
 * as the body of PATCH …/columns/{id}; null when nothing does. Its type is never changed: that is a person's call.
 */
export function columnRepair(
  col: ListColumn,
  found: Record<string, unknown>,
): Record<string, unknown> | null {
  const patch: Record<string, unknown> = {};
  if ((col.indexed || col.unique) && found.indexed !== true) patch.indexed = true;
  if (col.unique && found.enforceUniqueValues !== true) patch.enforceUniqueValues = true;
  if (col.kind === "note" && columnKindOf(found) === "note" && !isPlainText(found))
    patch.text = { textType: "plain" };
  return Object.keys(patch).length > 0 ? patch : null;
}

/** The three reads that resolve and check the lists: the site, and each list with its columns (by site path, so no id is needed first). */
export function checkRequests(target: GraphTarget): SubRequest[] {
  const schemas = schemasFor(target);
  const byName = (name: string) =>
    sitePath(
      target.site,
      `/lists?$filter=${encodeURIComponent(`displayName eq ${odataString(name)}`)}&$expand=columns`,
    );
  return [
    { method: "GET", url: `${sitePath(target.site)}?$select=id,webUrl` },
    { method: "GET", url: byName(schemas.kpi.displayName) },
    { method: "GET", url: byName(schemas.budget.displayName) },
  ];
}

function graphMessage(body: unknown): string {
  return (body as { error?: { message?: string } } | null)?.error?.message ?? "";
}

/** Reads the answers to checkRequests: the resolved lists, or a UserError naming the site, list and each bad column. */
export function checkReplies(
  target: GraphTarget,
  replies: readonly { status: number; body: unknown }[],
): ResolvedLists {
  const schemas = schemasFor(target);
  const [siteReply, kpiReply, budgetReply] = replies;
  if (siteReply.status !== 200) {
    throw new UserError(
      `Could not find the SharePoint site ${target.site} (${siteReply.status}): ${graphMessage(siteReply.body)}`,
      "site",
    );
  }
  const site = siteReply.body as { id: string; webUrl?: string };
  const resolve = (schema: ListSchema, reply: { status: number; body: unknown }): ResolvedList => {
    if (reply.status !== 200) {
      throw new UserError(
        `Could not read the list "${schema.displayName}" on ${target.site} (${reply.status}): ${graphMessage(reply.body)}`,
      );
    }
    const list = ((reply.body as { value?: ListJson[] }).value ?? [])[0];
    if (!list) {
      throw new UserError(
        `The list "${schema.displayName}" does not exist on ${target.site}. A site owner must create the lists first (the provision action, which needs Sites.Manage.All; see the README, section SharePoint and sign-in).`,
        schema.displayName,
      );
    }
    const problems = columnProblems(schema, list.columns ?? []);
    if (problems.length > 0) {
      throw new UserError(
        `The list "${schema.displayName}" on ${target.site} does not fit sync: ${problems.join("; ")}. Run the provision action to add missing columns and repair their settings, or fix them in the list settings.`,
        schema.displayName,
      );
    }
    return { id: list.id, displayName: list.displayName, webUrl: list.webUrl ?? "" };
  };
  return {
    siteId: site.id,
    siteUrl: site.webUrl ?? "",
    kpi: resolve(schemas.kpi, kpiReply),
    budget: resolve(schemas.budget, budgetReply),
  };
}

/**
 * Resolves the site and both lists in one $batch and checks every column sync writes. Throws a UserError naming the
 * site, the list and each missing or mistyped column.
 */
export async function checkLists(
  client: GraphClient,
  target: GraphTarget,
  opts: { retry?: RetryOptions; stats?: BatchStats } = {},
): Promise<ResolvedLists> {
  return checkReplies(
    target,
    await runBatched(client, checkRequests(target), {
      ...opts,
      doing: "checking the lists",
      throwWhenThrottled: true,
    }),
  );
}

export async function resolveSite(
  client: GraphClient,
  target: GraphTarget,
): Promise<{ id: string; webUrl: string }> {
  try {
    const site = (await client.api(sitePath(target.site)).select("id,webUrl").get()) as {
      id: string;
      webUrl?: string;
    };
    return { id: site.id, webUrl: site.webUrl ?? "" };
  } catch (err) {
    throw explainGraphError(err, `find the SharePoint site ${target.site}`);
  }
}

/**
/**
 * Creates the list when it is missing, with every column; adds columns missing from an existing list and repairs the
 * settings sync relies on (indexed, unique, plain text) with PATCH …/columns/{id}. Safe to run again: a list or
 * column that is already right is left as it is.
 */
export async function provisionList(client: GraphClient, siteId: string, schema: ListSchema): Promise<void> {
  let found: { value?: ListJson[] };
  try {
    found = (await client.api(listByNameUrl(siteId, schema.displayName)).get()) as typeof found;
  } catch (err) {
    throw explainGraphError(err, `look for the list "${schema.displayName}"`);
  }
  const list = (found.value ?? [])[0];
  if (!list) {
    try {
      await client.api(`/sites/${encodeURIComponent(siteId)}/lists`).post({
        displayName: schema.displayName,
        description: schema.description,
        columns: schema.columns.map(columnDefinition),
        list: { template: "genericList" },
      });
    } catch (err) {
      // 409: created meanwhile (or by our own request whose answer was lost); the check afterwards decides.
      if ((err as { statusCode?: number }).statusCode !== 409)
        throw explainGraphError(err, `create the list "${schema.displayName}"`);
    }
    return;
  }
  for (const col of schema.columns) {
    const existing = (list.columns ?? []).find((c) => c.name === col.name);
    if (existing) {
      const patch = columnRepair(col, existing);
      if (!patch) continue;
      try {
        await client
          .api(
            `/sites/${encodeURIComponent(siteId)}/lists/${list.id}/columns/${encodeURIComponent(String(existing.id))}`,
          )
          .patch(patch);
      } catch (err) {
        throw explainGraphError(err, `repair the column "${col.name}" of "${schema.displayName}"`);
      }
      continue;
    }
    try {
      await client
        .api(`/sites/${encodeURIComponent(siteId)}/lists/${list.id}/columns`)
        .post(columnDefinition(col));
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode !== 409)
        throw explainGraphError(err, `add the column "${col.name}" to "${schema.displayName}"`);
    }
  }
}

/**
 * Creates whichever of the lists (the two sync writes, and the Return Register) is missing, and repairs them, as
 * provisionList does.
 * An explicit admin action: it needs the delegated Sites.Manage.All scope, which sync itself never asks for.
 * Safe to run again: a list or column that is already right is left as it is.
 */
export async function provisionLists(client: GraphClient, target: GraphTarget): Promise<ResolvedLists> {
  const site = await resolveSite(client, target);
  // The Return Register is provisioned with the lists sync writes: the officers' own record of each issued return.
  for (const schema of [...Object.values(schemasFor(target)), registerListSchemaFor(target)])
    await provisionList(client, site.id, schema);
  return checkLists(client, target);
}
