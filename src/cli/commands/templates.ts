/**
 * `kpi-returns templates [--json] [--site …]`: the KPI templates a return can be written with: those built in and,
 * when a site is configured, every version in its KPI Templates list, with where each comes from and its status.
 */
import type { TemplateEntry } from "../../core/template-library";
import { compareVersions, templateSummary } from "../../core/template-library";
import { say, type CliIo } from "../io";
import { renderTable } from "../table";
import { loadCatalogue, type LibraryFlags } from "../template-library";

export function templatesAsJson(entries: readonly TemplateEntry[]): unknown[] {
  return entries.map((entry) => ({
    ...templateSummary(entry),
    kpis: entry.template.kpis.map((k) => ({ id: k.id, label: k.label, unit: k.unit })),
    budgetLines: entry.template.budgetLines.map((b) => ({ id: b.id, label: b.label })),
  }));
}

export async function runTemplates(opts: { json?: boolean } & LibraryFlags, io: CliIo): Promise<void> {
  const catalogue = await loadCatalogue(opts, io);
  const entries = [...catalogue.entries].sort(
    (a, b) =>
      a.template.serviceArea.localeCompare(b.template.serviceArea, "en-GB") ||
      a.template.title.localeCompare(b.template.title, "en-GB") ||
      compareVersions(a.template.version, b.template.version),
  );
  if (opts.json) {
    say(io, JSON.stringify(templatesAsJson(entries), null, 2));
    return;
  }
  say(
    io,
    renderTable(
      [
        { header: "Template", value: (e: TemplateEntry) => e.template.id },
        { header: "Version", value: (e) => e.template.version },
        { header: "Source", value: (e) => e.source },
        { header: "Status", value: (e) => e.status },
        { header: "Service", value: (e) => e.template.title, max: 48 },
        { header: "Area", value: (e) => e.template.serviceArea, max: 36 },
        { header: "KPIs", value: (e) => String(e.template.kpis.length), align: "right" },
        { header: "Budget lines", value: (e) => String(e.template.budgetLines.length), align: "right" },
      ],
      entries,
    ),
  );
  const fromLibrary = entries.filter((e) => e.source === "library").length;
  const where =
    catalogue.library === "none"
      ? ""
      : ` (${fromLibrary} from the KPI Templates list${catalogue.library === "cache" ? ", as cached" : ""})`;
  say(
    io,
    `\n${entries.length} templates${where}. Start a return with: kpi-returns new --template ID --provider NAME --period "2022-23 Q2" -o FILE.xlsx`,
  );
}
