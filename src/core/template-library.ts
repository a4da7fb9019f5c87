/**
 * The template library's decisions, pure: a template's canonical JSON and hash, reading one back from the KPI
 * Templates list as untrusted data, what kind of change one version is from another (and so which part of the version
 * must go up), whether a publish is allowed, and which template a return or a new return gets from the built-in and
 * published sets together.
 */
import { sha256 } from "@noble/hashes/sha256";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils";
import { UserError } from "./errors";
import { loadTemplate } from "./template";
import { TEMPLATE_LIMITS } from "./template-vocabulary";
import type { KpiDefinition, KpiTemplate } from "./types";

export const TEMPLATE_STATUSES = ["Draft", "Published", "Retired"] as const;
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number];

/** One version of a template the faces can use: built into the add-in, or from the KPI Templates list. */
export interface TemplateEntry {
  readonly template: KpiTemplate;
  readonly source: "built-in" | "library";
  /** Built-in templates are always usable; library ones as the list says. */
  readonly status: TemplateStatus | "Built-in";
  readonly publishedBy?: string;
  readonly publishedAt?: string;
  readonly hash: string;
}

/** One template version as lists of templates show it (the task pane's library, `kpi-returns templates --json`). */
export interface TemplateSummary {
  readonly id: string;
  readonly version: string;
  readonly title: string;
  readonly serviceArea: string;
  readonly source: TemplateEntry["source"];
  readonly status: TemplateEntry["status"];
  readonly publishedBy?: string;
  readonly publishedAt?: string;
}

export function templateSummary(entry: TemplateEntry): TemplateSummary {
  const { template: t, source, status, publishedBy, publishedAt } = entry;
  return {
    id: t.id,
    version: t.version,
    title: t.title,
    serviceArea: t.serviceArea,
    source,
    status,
    ...(publishedBy ? { publishedBy } : {}),
    ...(publishedAt ? { publishedAt } : {}),
  };
}

/** The template as the list stores it: its loaded form (defaults filled), two-space JSON, so it reads in SharePoint. */
export function templateJson(template: KpiTemplate): string {
  return JSON.stringify(template, null, 2);
}

/** SHA-256 of the template's loaded form: equal for equal templates, whatever spacing the stored JSON has. */
export function templateHash(template: KpiTemplate): string {
  return bytesToHex(sha256(utf8ToBytes(JSON.stringify(template))));
}

/** A published template read back from the list: its JSON text and the columns stored beside it. */
export interface StoredTemplate {
  readonly templateId: string;
  readonly version: string;
  readonly status: string;
  readonly json: string;
  readonly hash: string;
  readonly publishedBy?: string;
  readonly publishedAt?: string;
}

/**
 * Reads a stored template as untrusted data: size-limited, parsed as JSON (never evaluated), checked by loadTemplate,
 * and matched against its id, version and hash columns. Throws a UserError naming the item when any of it fails.
 */
export function entryFromStored(stored: StoredTemplate): TemplateEntry {
  const name = `${stored.templateId || "(no id)"}@${stored.version || "(no version)"}`;
  const refuse = (why: string): never => {
    throw new UserError(`The KPI Templates item ${name} is not used: ${why}`, name);
  };
  if (typeof stored.json !== "string" || stored.json.trim() === "") refuse("it holds no template JSON.");
  if (stored.json.length > TEMPLATE_LIMITS.jsonChars)
    refuse(
      `its JSON is ${stored.json.length} characters; the most a template may have is ${TEMPLATE_LIMITS.jsonChars}.`,
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored.json);
  } catch {
    refuse("its template JSON cannot be read (it is not valid JSON).");
  }
  let template: KpiTemplate;
  try {
    template = loadTemplate(parsed, name);
  } catch (err) {
    const detail = err instanceof UserError ? err.message.split("\n")[0] : "it is not a template.";
    return refuse(detail);
  }
  if (template.id !== stored.templateId || template.version !== stored.version)
    refuse(`its JSON is template ${template.id}@${template.version}, not the ${name} its columns say.`);
  const hash = templateHash(template);
  if (hash !== stored.hash)
    refuse("its JSON no longer matches the hash recorded when it was published (it was edited in the list).");
  const status = (TEMPLATE_STATUSES as readonly string[]).includes(stored.status)
    ? (stored.status as TemplateStatus)
    : refuse(`its status "${stored.status}" is not one of ${TEMPLATE_STATUSES.join(", ")}.`);
  return {
    template,
    source: "library",
    status,
    hash,
    ...(stored.publishedBy ? { publishedBy: stored.publishedBy } : {}),
    ...(stored.publishedAt ? { publishedAt: stored.publishedAt } : {}),
  };
}

export function builtInEntry(template: KpiTemplate): TemplateEntry {
  return { template, source: "built-in", status: "Built-in", hash: templateHash(template) };
}

// ---------- Versions ----------

/** Orders "1.10.0" after "1.9.0". */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export type ChangePart = "major" | "minor" | "patch";

export interface TemplateChange {
  /** The largest part the change needs; null when nothing changed. */
  readonly part: ChangePart | null;
  /** Each difference in plain words, with the part it needs. */
  readonly changes: readonly { readonly part: ChangePart; readonly what: string }[];
}

/** What a KPI means: a change here re-defines it (a major change), unlike its label or guidance. */
const KPI_MEANING: readonly (keyof KpiDefinition)[] = [
  "unit",
  "required",
  "integer",
  "min",
  "max",
  "higherIsBetter",
  "allowedValues",
  "targetBasis",
  "cumulative",
];

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * What kind of change `next` is from `previous`: major for a removed or re-defined KPI (or budget line, or percent
 * scale), minor for new KPIs, budget lines, rules (added, changed or removed) and tolerances, patch for wording and
 * guidance. Every difference is listed, so the officer sees why.
 */
export function classifyChange(previous: KpiTemplate, next: KpiTemplate): TemplateChange {
  const changes: { part: ChangePart; what: string }[] = [];
  const add = (part: ChangePart, what: string): void => void changes.push({ part, what });
  for (const field of ["title", "serviceArea", "description"] as const) {
    if (!same(previous[field], next[field])) add("patch", `${field} reworded`);
  }
  if (previous.percentScale !== next.percentScale)
    add("major", `percent scale changed from ${previous.percentScale} to ${next.percentScale}`);
  if (!same(previous.tolerance, next.tolerance)) add("minor", "template tolerance changed");

  const before = new Map(previous.kpis.map((k) => [k.id, k]));
  const after = new Map(next.kpis.map((k) => [k.id, k]));
  for (const [id, k] of before) {
    const n = after.get(id);
    if (!n) {
      add("major", `KPI "${id}" removed`);
      continue;
    }
    const redefined = KPI_MEANING.filter((f) => !same(k[f], n[f]));
    if (redefined.length > 0) add("major", `KPI "${id}" re-defined (${redefined.join(", ")})`);
    if (!same(k.tolerance, n.tolerance)) add("minor", `KPI "${id}" tolerance changed`);
    const worded = (Object.keys({ ...k, ...n }) as (keyof KpiDefinition)[]).filter(
      (f) => !KPI_MEANING.includes(f) && f !== "tolerance" && f !== "id" && !same(k[f], n[f]),
    );
    if (worded.length > 0) add("patch", `KPI "${id}" ${worded.join(", ")} reworded`);
  }
  for (const id of after.keys()) if (!before.has(id)) add("minor", `KPI "${id}" added`);
  const order = (t: KpiTemplate): string[] =>
    t.kpis.map((k) => k.id).filter((id) => before.has(id) && after.has(id));
  if (!same(order(previous), order(next))) add("patch", "KPIs re-ordered");

  const rulesBefore = new Map(previous.rules.map((r) => [r.id, r]));
  const rulesAfter = new Map(next.rules.map((r) => [r.id, r]));
  for (const [id, r] of rulesBefore) {
    const n = rulesAfter.get(id);
    if (!n) add("minor", `rule "${id}" removed`);
    else if (!same({ ...r, message: undefined }, { ...n, message: undefined }))
      add("minor", `rule "${id}" changed`);
    else if (r.message !== n.message) add("patch", `rule "${id}" message reworded`);
  }
  for (const id of rulesAfter.keys()) if (!rulesBefore.has(id)) add("minor", `rule "${id}" added`);

  const linesBefore = new Map(previous.budgetLines.map((b) => [b.id, b]));
  const linesAfter = new Map(next.budgetLines.map((b) => [b.id, b]));
  for (const [id, b] of linesBefore) {
    const n = linesAfter.get(id);
    if (!n) add("major", `budget line "${id}" removed`);
    else {
      if (!same(b.profile, n.profile)) add("minor", `budget line "${id}" profile changed`);
      if (b.label !== n.label) add("patch", `budget line "${id}" label reworded`);
    }
  }
  for (const id of linesAfter.keys()) if (!linesBefore.has(id)) add("minor", `budget line "${id}" added`);

  const rank: Record<ChangePart, number> = { patch: 1, minor: 2, major: 3 };
  const part = changes.reduce<ChangePart | null>(
    (top, c) => (top === null || rank[c.part] > rank[top] ? c.part : top),
    null,
  );
  return { part, changes };
}

/** The version `from` raised by `part`: 1.2.3 → major 2.0.0, minor 1.3.0, patch 1.2.4. */
export function bumpVersion(from: string, part: ChangePart): string {
  const [major, minor, patch] = from.split(".").map(Number);
  if (part === "major") return `${major + 1}.0.0`;
  if (part === "minor") return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

/** The part by which `to` is above `from`, or null when it is not above it. */
function raisedPart(from: string, to: string): ChangePart | null {
  const [a, b] = [from.split(".").map(Number), to.split(".").map(Number)];
  if (b[0] !== a[0]) return b[0] > a[0] ? "major" : null;
  if (b[1] !== a[1]) return b[1] > a[1] ? "minor" : null;
  if (b[2] !== a[2]) return b[2] > a[2] ? "patch" : null;
  return null;
}

export type PublishDecision =
  | { readonly kind: "publish"; readonly change: TemplateChange; readonly from: string | null }
  | { readonly kind: "unchanged"; readonly existing: TemplateEntry }
  | { readonly kind: "refused"; readonly reason: string; readonly change?: TemplateChange };

/**
 * Whether `next` may be published, given every version of its id already known (built-in and in the list): a
 * version that exists never changes; a new one must be above the latest, raised by at least the part its changes need.
 */
export function decidePublish(next: KpiTemplate, known: readonly TemplateEntry[]): PublishDecision {
  const sameId = known.filter((e) => e.template.id === next.id);
  const existing = sameId.find((e) => e.template.version === next.version);
  const hash = templateHash(next);
  if (existing) {
    if (existing.hash === hash) return { kind: "unchanged", existing };
    const change = classifyChange(existing.template, next);
    return {
      kind: "refused",
      change,
      reason: `${next.id}@${next.version} is already ${existing.source === "built-in" ? "built in" : existing.status.toLowerCase()}, and a published version never changes. This workbook differs from it (${change.changes.map((c) => c.what).join("; ")}): give it a new version.`,
    };
  }
  const latest = [...sameId].sort((a, b) => compareVersions(b.template.version, a.template.version))[0];
  if (!latest) return { kind: "publish", change: { part: null, changes: [] }, from: null };
  const change = classifyChange(latest.template, next);
  const from = latest.template.version;
  if (change.part === null)
    return {
      kind: "refused",
      change,
      reason: `${next.id}@${next.version} is the same template as ${from}: nothing to publish.`,
    };
  const needed = bumpVersion(from, change.part);
  const raised = raisedPart(from, next.version);
  const rank: Record<ChangePart, number> = { patch: 1, minor: 2, major: 3 };
  if (raised === null || rank[raised] < rank[change.part]) {
    return {
      kind: "refused",
      change,
      reason: `Found a ${change.part} change from ${from} (${change.changes.map((c) => c.what).join("; ")}), so the version must be at least ${needed}, not ${next.version}.`,
    };
  }
  return { kind: "publish", change, from };
}

// ---------- Choosing ----------

/**
 * The template a new return is issued with: the latest published (or built-in) version of the id, or exactly the
 * version asked for. Retired and draft versions are never issued.
 */
export function templateToIssue(
  entries: readonly TemplateEntry[],
  id: string,
  version?: string,
): TemplateEntry | undefined {
  return entries
    .filter(
      (e) =>
        e.template.id === id &&
        (version === undefined || e.template.version === version) &&
        (e.status === "Built-in" || e.status === "Published"),
    )
    .sort((a, b) => compareVersions(b.template.version, a.template.version))[0];
}

/**
 * Every template a return may have been issued with, one per id@version (the list's copy wins over a built-in one of
 * the same version only when it is the same template). Retired versions stay: a return is always checked against the
 * exact version it was issued with.
 */
export function templatesForChecking(entries: readonly TemplateEntry[]): KpiTemplate[] {
  const out = new Map<string, KpiTemplate>();
  for (const e of entries) {
    if (e.status === "Draft") continue;
    const key = `${e.template.id}@${e.template.version}`;
    if (!out.has(key)) out.set(key, e.template);
  }
  return [...out.values()];
}

// ---------- The offline cache ----------

/** What a face keeps of the list for offline use: the items as read, re-checked every time they are loaded. */
export interface TemplateCache {
  readonly site: string;
  /** ISO time the list was read. */
  readonly readAt: string;
  readonly items: readonly StoredTemplate[];
}

/** The most a cache may hold: every template at its largest, for a generous library. */
export const MAX_CACHE_CHARS = 8_000_000;

/**
 * Reads a cache's text as untrusted data (it sits on disk or in the browser's storage, where anything may edit it):
 * null when it is missing, unreadable or not for `site`. Each item is still checked by entryFromStored on use.
 */
export function parseTemplateCache(text: string | null, site: string): TemplateCache | null {
  if (text === null || text.length > MAX_CACHE_CHARS) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return null;
  const { site: cachedSite, readAt, items } = raw as Record<string, unknown>;
  if (cachedSite !== site || typeof readAt !== "string" || !Array.isArray(items)) return null;
  const stored: StoredTemplate[] = [];
  for (const item of items.slice(0, 1000)) {
    if (typeof item !== "object" || item === null) continue;
    const f = item as Record<string, unknown>;
    const str = (k: string): string => (typeof f[k] === "string" ? (f[k] as string) : "");
    stored.push({
      templateId: str("templateId"),
      version: str("version"),
      status: str("status"),
      json: str("json"),
      hash: str("hash"),
      publishedBy: str("publishedBy"),
      publishedAt: str("publishedAt"),
    });
  }
  return { site, readAt, items: stored };
}

/** The library's usable entries from stored items, and a plain line for each item refused. */
export function entriesFromStored(items: readonly StoredTemplate[]): {
  entries: TemplateEntry[];
  refused: string[];
} {
  const entries: TemplateEntry[] = [];
  const refused: string[] = [];
  for (const item of items) {
    try {
      entries.push(entryFromStored(item));
    } catch (err) {
      refused.push(err instanceof UserError ? err.message : "A KPI Templates item could not be read.");
    }
  }
  return { entries, refused };
}
