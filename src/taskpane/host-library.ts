/**
 * The templates the task pane knows: the built-in ones and the site's KPI Templates list, read on demand and cached
 * on this computer (localStorage) for offline use. The cache is untrusted data, checked like the list itself.
 */
import {
  builtInEntry,
  entriesFromStored,
  parseTemplateCache,
  templatesForChecking,
  templateSummary,
  templateToIssue,
  type StoredTemplate,
  type TemplateEntry,
} from "../core/template-library";
import type { KpiTemplate } from "../core/types";
import type { TemplateChoice, TemplateLibrary } from "./host";
import type { Session } from "./host-session";
import { failureText } from "./failure-words";

/** A small text store for the template library's offline cache. */
export interface TemplateCacheStore {
  read(): string | null;
  write(text: string): void;
}

const TEMPLATE_CACHE_KEY = "kpi-returns.template-cache";

/** localStorage, when the pane has it (a locked-down browser may not): the cache is then simply not kept. */
export function browserCache(): TemplateCacheStore {
  const storage = (): Storage | null => {
    try {
      return typeof localStorage === "undefined" ? null : localStorage;
    } catch {
      return null;
    }
  };
  return {
    read: () => {
      try {
        return storage()?.getItem(TEMPLATE_CACHE_KEY) ?? null;
      } catch {
        return null;
      }
    },
    write: (text) => {
      try {
        storage()?.setItem(TEMPLATE_CACHE_KEY, text);
      } catch {
        // Full or refused: the pane works on without an offline copy.
      }
    },
  };
}

export interface PaneLibrary {
  /** Every version known: built-in first, then the library's. */
  catalogue(): TemplateEntry[];
  /** Every version a return may have been issued with, retired ones included. */
  templates(): KpiTemplate[];
  /** True once the KPI Templates list has been read in this session. */
  read(): boolean;
  /** Reads the KPI Templates list, keeps it for this session and caches it on this computer. */
  refresh(): Promise<void>;
  choices(): readonly TemplateChoice[];
  templateLibrary(): Promise<TemplateLibrary>;
}

export function createLibrary(opts: {
  session: Session;
  builtIn: readonly KpiTemplate[];
  cache: TemplateCacheStore;
  now: () => Date;
}): PaneLibrary {
  const { session, cache, now } = opts;
  const { target } = session;
  const builtIn = opts.builtIn.map(builtInEntry);
  const cachedItems = (): readonly StoredTemplate[] =>
    target.site ? (parseTemplateCache(cache.read(), target.site)?.items ?? []) : [];
  // From this computer's cache at first, then from the KPI Templates list once it has been read.
  let library: readonly TemplateEntry[] = entriesFromStored(cachedItems()).entries;
  let listRead = false;
  const catalogue = (): TemplateEntry[] => [...builtIn, ...library];

  const refresh = async (): Promise<void> => {
    const { client } = await session.sharePoint();
    const { readTemplateList } = await import(
      /* webpackChunkName: "sharepoint" */ "../sharepoint/template-list"
    );
    const list = await readTemplateList(client, target);
    const items = list?.items ?? [];
    library = entriesFromStored(items).entries;
    listRead = true;
    cache.write(JSON.stringify({ site: target.site, readAt: now().toISOString(), items }));
  };

  return {
    catalogue,
    templates: () => templatesForChecking(catalogue()),
    read: () => listRead,
    refresh,
    choices(): readonly TemplateChoice[] {
      const ids = [...new Set(catalogue().map((e) => e.template.id))];
      return ids
        .map((id) => templateToIssue(catalogue(), id)?.template)
        .filter((t): t is KpiTemplate => t !== undefined)
        .map((t) => ({ id: t.id, title: t.title, serviceArea: t.serviceArea }));
    },
    async templateLibrary(): Promise<TemplateLibrary> {
      let from: TemplateLibrary["from"] = "built-in";
      let notice: string | null = null;
      if (!target.site) notice = "No SharePoint site is set, so only the built-in templates are listed.";
      else {
        try {
          await refresh();
          from = "list";
        } catch (err) {
          from = library.length > 0 ? "cache" : "built-in";
          notice =
            `${failureText(err, "")} ${from === "cache" ? "Showing the templates saved on this computer." : "Showing the built-in templates."}`.trim();
        }
      }
      return { entries: catalogue().map(templateSummary), from, notice };
    },
  };
}
