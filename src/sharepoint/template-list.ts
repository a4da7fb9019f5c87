/**
 * The "KPI Templates" list: the commissioning team's template library in SharePoint, one item per template version
 * (its JSON as plain multi-line text, with the hash it was published with). Reading it, publishing a version and
 * changing a version's status. What the items mean is decided in core (src/core/template-library.ts).
 */
import { UserError } from "../core/errors";
import {
  TEMPLATE_STATUSES,
  templateHash,
  templateJson,
  type StoredTemplate,
  type TemplateStatus,
} from "../core/template-library";
import type { KpiTemplate } from "../core/types";
import { explainGraphError, type GraphClient } from "./client";
import { columnProblems, provisionList, resolveSite, sitePath } from "./lists";
import { odataString, readAllPages } from "./odata";
import { column, KEY_COLUMN, type ListSchema } from "./schema";
import { listDateTime } from "./list-values";
import type { GraphTarget } from "./target";

export const TEMPLATE_LIST_NAME = "KPI Templates";

export const templateListSchema: ListSchema = {
  displayName: TEMPLATE_LIST_NAME,
  description:
    "KPI templates published by the commissioning team: one item per template version. Written by `kpi-returns template publish`; a published version never changes.",
  columns: [
    column(KEY_COLUMN, "Item key", "text", "id@version: unique, so a version is published once", {
      indexed: true,
      unique: true,
    }),
    column("TemplateId", "Template id", "text", "The template's id", { indexed: true }),
    column("TemplateVersion", "Version", "text", "major.minor.patch"),
    column("ServiceArea", "Service area", "text", "e.g. Community Safety"),
    column(
      "Status",
      "Status",
      "choice",
      "Draft, Published (new returns may use it) or Retired (kept for returns already issued)",
      { choices: TEMPLATE_STATUSES },
    ),
    column("PublishedBy", "Published by", "text", "The signed-in officer who published it"),
    column("PublishedAt", "Published at", "dateTime", "When it was published"),
    column(
      "TemplateJson",
      "Template JSON",
      "note",
      "The template, as JSON data (never executed). Do not edit: the hash would no longer match.",
    ),
    column("TemplateHash", "Template hash", "text", "SHA-256 of the template"),
  ],
};

export interface TemplateListItem extends StoredTemplate {
  /** The SharePoint item id. */
  readonly itemId: string;
  readonly eTag: string;
  readonly title: string;
}

/** The KPI Templates list as read: where it is, and every item in it. */
export interface KpiTemplatesList {
  readonly siteId: string;
  readonly listId: string;
  readonly webUrl: string;
  readonly items: readonly TemplateListItem[];
}

const PAGE_SIZE = 200;

function text(f: Record<string, unknown>, name: string): string {
  const v = f[name];
  return typeof v === "string" ? v : "";
}

/**
 * Every item of the KPI Templates list, or null when the site has no such list (nobody has published yet).
 * Throws a UserError when the list exists but its columns do not fit.
 */
export async function readTemplateList(
  client: GraphClient,
  target: GraphTarget,
): Promise<KpiTemplatesList | null> {
  let found: { value?: { id: string; webUrl?: string; columns?: Record<string, unknown>[] }[] };
  const byName = sitePath(
    target.site,
    `/lists?$filter=${encodeURIComponent(`displayName eq ${odataString(TEMPLATE_LIST_NAME)}`)}&$expand=columns`,
  );
  try {
    found = (await client.api(byName).get()) as typeof found;
  } catch (err) {
    throw explainGraphError(err, `read the "${TEMPLATE_LIST_NAME}" list`);
  }
  const list = (found.value ?? [])[0];
  if (!list) return null;
  const problems = columnProblems(templateListSchema, list.columns ?? []);
  if (problems.length > 0) {
    throw new UserError(
      `The list "${TEMPLATE_LIST_NAME}" on ${target.site} does not fit: ${problems.join("; ")}. Run the provision action to add missing columns.`,
      TEMPLATE_LIST_NAME,
    );
  }
  const site = await resolveSite(client, target);
  const raw = await readAllPages<{ id: string; eTag?: string; fields?: Record<string, unknown> }>(
    client,
    target,
    `/sites/${encodeURIComponent(site.id)}/lists/${list.id}/items?$expand=fields&$top=${PAGE_SIZE}`,
    (err) => explainGraphError(err, `read the "${TEMPLATE_LIST_NAME}" list`),
  );
  const items = raw.map((item): TemplateListItem => {
    const f = item.fields ?? {};
    return {
      itemId: item.id,
      eTag: String(item.eTag ?? f["@odata.etag"] ?? ""),
      title: text(f, "Title"),
      templateId: text(f, "TemplateId"),
      version: text(f, "TemplateVersion"),
      status: text(f, "Status"),
      json: text(f, "TemplateJson"),
      hash: text(f, "TemplateHash"),
      publishedBy: text(f, "PublishedBy"),
      publishedAt: text(f, "PublishedAt"),
    };
  });
  return { siteId: site.id, listId: list.id, webUrl: list.webUrl ?? "", items };
}

/** Creates the KPI Templates list (or adds its missing columns): part of provisioning, with the other lists. */
export async function provisionTemplateList(
  client: GraphClient,
  target: GraphTarget,
): Promise<KpiTemplatesList> {
  const site = await resolveSite(client, target);
  await provisionList(client, site.id, templateListSchema);
  const list = await readTemplateList(client, target);
  if (!list) throw new UserError(`The list "${TEMPLATE_LIST_NAME}" could not be created on ${target.site}.`);
  return list;
}

/** The list item's fields for a newly published version. */
export function templateItemFields(
  template: KpiTemplate,
  published: { by: string; at: string; status: TemplateStatus },
): Record<string, string> {
  return {
    Title: template.title,
    [KEY_COLUMN]: `${template.id}@${template.version}`,
    TemplateId: template.id,
    TemplateVersion: template.version,
    ServiceArea: template.serviceArea,
    Status: published.status,
    PublishedBy: published.by,
    PublishedAt: listDateTime(published.at),
    TemplateJson: templateJson(template),
    TemplateHash: templateHash(template),
  };
}

/**
 * Adds a version to the list. The unique item key means a second publish of the same id@version (by someone else,
 * at the same moment) is refused by SharePoint itself rather than stored twice.
 */
export async function addTemplateVersion(
  client: GraphClient,
  list: KpiTemplatesList,
  template: KpiTemplate,
  published: { by: string; at: string; status: TemplateStatus },
): Promise<void> {
  try {
    await client
      .api(`/sites/${encodeURIComponent(list.siteId)}/lists/${list.listId}/items`)
      .post({ fields: templateItemFields(template, published) });
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 409) {
      throw new UserError(
        `${template.id}@${template.version} was published by someone else just now; check \`kpi-returns templates\` and choose a new version.`,
      );
    }
    throw explainGraphError(err, `publish ${template.id}@${template.version}`);
  }
}

/** Sets a version's status (retire), only if the item is still as read (If-Match), so two officers cannot cross. */
export async function setTemplateStatus(
  client: GraphClient,
  list: KpiTemplatesList,
  item: TemplateListItem,
  status: TemplateStatus,
): Promise<void> {
  try {
    await client
      .api(`/sites/${encodeURIComponent(list.siteId)}/lists/${list.listId}/items/${item.itemId}/fields`)
      .header("If-Match", item.eTag || "*")
      .patch({ Status: status });
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 412) {
      throw new UserError(
        `${item.templateId}@${item.version} was changed by someone else while this ran; run the command again.`,
      );
    }
    throw explainGraphError(err, `set ${item.templateId}@${item.version} to ${status}`);
  }
}
