/**
 * The templates the command line works with: the built-in set, and, when a SharePoint site is configured (--site or
 * KPI_SITE), the published versions in its KPI Templates list, cached on disk for when the site cannot be reached.
 * Every library template is checked as untrusted data each time it is loaded, from the list or from the cache.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import {
  builtInEntry,
  entriesFromStored,
  parseTemplateCache,
  templatesForChecking,
  templateToIssue,
  type StoredTemplate,
  type TemplateEntry,
} from "../core/template-library";
import type { KpiTemplate } from "../core/types";
import { builtInTemplates } from "../templates";
import { ExitCode, CliFailure } from "./exit";
import { connectGraph, withGraph, type GraphFlags } from "./graph";
import { warn, type CliIo } from "./io";

export interface LibraryFlags {
  readonly site?: string;
  readonly graphUrl?: string;
}

export interface TemplateCatalogue {
  readonly entries: readonly TemplateEntry[];
  /** Where the library's entries came from: none (no site), the list, or the cache (the site could not be reached). */
  readonly library: "none" | "list" | "cache" | "unavailable";
}

/** The cache file, beside the emulator's data in the folder .gitignore leaves out; KPI_TEMPLATE_CACHE overrides it. */
export function cacheFile(io: CliIo): string {
  return path.resolve(io.cwd, io.env.KPI_TEMPLATE_CACHE ?? path.join(".kpi-returns", "template-cache.json"));
}

export function siteFlags(flags: LibraryFlags, io: CliIo): GraphFlags | null {
  const site = (flags.site ?? io.env.KPI_SITE ?? "").trim();
  return site ? { site, ...(flags.graphUrl ? { graphUrl: flags.graphUrl } : {}) } : null;
}

async function writeCache(io: CliIo, site: string, items: readonly StoredTemplate[]): Promise<void> {
  const file = cacheFile(io);
  const text = JSON.stringify({ site, readAt: io.now().toISOString(), items });
  try {
    await fs.mkdir(path.dirname(file), { recursive: true });
    // Written beside and renamed over, so a reader never sees half a cache.
    await fs.writeFile(`${file}.tmp`, text);
    await fs.rename(`${file}.tmp`, file);
  } catch {
    warn(io, `Could not save the template cache at ${file}; templates will not be available offline.`);
  }
}

async function readCache(
  io: CliIo,
  site: string,
): Promise<{ items: readonly StoredTemplate[]; readAt: string } | null> {
  let text: string | null = null;
  try {
    text = await fs.readFile(cacheFile(io), "utf8");
  } catch {
    text = null;
  }
  return parseTemplateCache(text, site);
}

/** The built-in templates and the library's (from the list, or the cache when the site is out of reach). */
export async function loadCatalogue(
  flags: LibraryFlags,
  io: CliIo,
  /** "fail" for commands that need the site anyway (sync): an unreachable site is their failure, not a fallback. */
  unreachable: "cache" | "fail" = "cache",
): Promise<TemplateCatalogue> {
  const builtIn = builtInTemplates.map(builtInEntry);
  const graph = siteFlags(flags, io);
  if (!graph) return { entries: builtIn, library: "none" };
  let items: readonly StoredTemplate[] | null = null;
  let library: TemplateCatalogue["library"] = "list";
  try {
    const { client, target } = await connectGraph(graph, io);
    const { readTemplateList } = await import("../sharepoint/template-list");
    const list = await withGraph(() => readTemplateList(client, target));
    items = list?.items ?? [];
    await writeCache(io, graph.site, items);
  } catch (err) {
    if (!(err instanceof CliFailure) || err.exitCode !== ExitCode.unreachable || unreachable === "fail")
      throw err;
    const cached = await readCache(io, graph.site);
    if (cached) {
      warn(io, `${err.message} Using the KPI Templates cached at ${cached.readAt}.`);
      items = cached.items;
      library = "cache";
    } else {
      warn(io, `${err.message} No cached KPI Templates either: using the built-in templates only.`);
      library = "unavailable";
    }
  }
  const { entries, refused } = entriesFromStored(items ?? []);
  for (const line of refused) warn(io, line);
  return { entries: [...builtIn, ...entries], library };
}

/** Every template a return may have been issued with (retired versions included). */
export function checkingSet(catalogue: TemplateCatalogue): KpiTemplate[] {
  return templatesForChecking(catalogue.entries);
}

/** The checking set of `flags`' site (see loadCatalogue), loaded once, the first time it is asked for. */
export function libraryOnDemand(flags: LibraryFlags, io: CliIo): () => Promise<KpiTemplate[]> {
  let loaded: Promise<KpiTemplate[]> | null = null;
  return () => (loaded ??= loadCatalogue(flags, io).then(checkingSet));
}

/** The template named by "id" or "id@version" for a new return, or a failure listing the ids there are. */
export function templateToUse(catalogue: TemplateCatalogue, ref: string, flag = "--template"): KpiTemplate {
  const [bare, version] = ref.split("@");
  const found = templateToIssue(catalogue.entries, bare, version);
  if (found) return found.template;
  const retired = catalogue.entries.find(
    (e) => e.template.id === bare && e.template.version === version && e.status === "Retired",
  );
  if (retired) {
    throw new CliFailure(
      `Template ${ref} is retired: new returns use a published version.`,
      ExitCode.badInput,
      flag,
    );
  }
  const ids = [...new Set(catalogue.entries.map((e) => e.template.id))].sort();
  const near = ids
    .filter((t) => t.includes(bare.toLowerCase()) || bare.toLowerCase().includes(t))
    .slice(0, 3);
  throw new CliFailure(
    `Unknown template "${ref}".${near.length ? ` Did you mean ${near.map((n) => `"${n}"`).join(" or ")}?` : ""} Run \`kpi-returns templates\` to list them.`,
    ExitCode.badInput,
    flag,
  );
}

/** Any version in the catalogue, retired ones included (to export, or to migrate to), or a failure naming it. */
export function templateOf(catalogue: TemplateCatalogue, ref: string): KpiTemplate {
  const [bare, version] = ref.split("@");
  if (version !== undefined) {
    const exact = catalogue.entries.find((e) => e.template.id === bare && e.template.version === version);
    if (exact) return exact.template;
  }
  return templateToUse(catalogue, ref, ref);
}
