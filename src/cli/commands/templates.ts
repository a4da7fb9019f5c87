/** `kpi-returns templates [--json]`: the KPI templates built in, so users know which ids `new` takes. */
import { builtInTemplates } from "../../templates";
import { say, type CliIo } from "../io";
import { renderTable } from "../table";
import type { KpiTemplate } from "../../core/types";

export function templatesAsJson(templates: readonly KpiTemplate[]): unknown[] {
  return templates.map((t) => ({
    id: t.id,
    version: t.version,
    title: t.title,
    serviceArea: t.serviceArea,
    kpis: t.kpis.map((k) => ({ id: k.id, label: k.label, unit: k.unit })),
    budgetLines: t.budgetLines.map((b) => ({ id: b.id, label: b.label })),
  }));
}

export function runTemplates(opts: { json?: boolean }, io: CliIo): void {
  const templates = [...builtInTemplates].sort(
    (a, b) => a.serviceArea.localeCompare(b.serviceArea, "en-GB") || a.title.localeCompare(b.title, "en-GB"),
  );
  if (opts.json) {
    say(io, JSON.stringify(templatesAsJson(templates), null, 2));
    return;
  }
  say(
    io,
    renderTable(
      [
        { header: "Template", value: (t: KpiTemplate) => t.id },
        { header: "Version", value: (t) => t.version },
        { header: "Service", value: (t) => t.title, max: 48 },
        { header: "Area", value: (t) => t.serviceArea, max: 36 },
        { header: "KPIs", value: (t) => String(t.kpis.length), align: "right" },
        { header: "Budget lines", value: (t) => String(t.budgetLines.length), align: "right" },
      ],
      templates,
    ),
  );
  say(
    io,
    `\n${templates.length} templates. Start a return with: kpi-returns new --template ID --provider NAME --period "2022-23 Q2" -o FILE.xlsx`,
  );
}
