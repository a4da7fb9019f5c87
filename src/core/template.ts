/**
 * Loads a KPI template from JSON: checks its structure by hand (templates are data, never executed) and fills defaults.
 * A bad template gets a readable UserError naming the source file and the field at fault. What a template may say is
 * in `template-vocabulary.ts`; how one field is read and checked, in `template-fields.ts`.
 */
import { UserError } from "./errors";
import {
  bool,
  eachItem,
  isObject,
  itemId,
  kindOf,
  num,
  optionalText,
  Problems,
  readTolerance,
  requiredText,
  shortText,
  showJson,
} from "./template-fields";
import {
  COMPARE_OPS,
  DEFAULT_TOLERANCE,
  ID_PATTERN,
  KPI_FIELDS,
  SEVERITIES,
  TEMPLATE_FIELDS,
  TEMPLATE_LIMITS,
  UNITS,
  VERSION_PATTERN,
} from "./template-vocabulary";
import type {
  BudgetLineDefinition,
  CompareOp,
  KpiDefinition,
  KpiTemplate,
  Severity,
  TemplateRule,
  Unit,
} from "./types";

/**
 * Checks `json` as a KPI template and returns it with defaults filled.
 * Throws UserError listing every problem found, one per line, each naming `source` and the field.
 */
export function loadTemplate(json: unknown, source: string): KpiTemplate {
  const problems = new Problems(source);
  if (!isObject(json)) {
    throw new UserError(
      `Template "${source}": the file must hold one JSON object (a template), not ${kindOf(json)}.`,
      source,
    );
  }
  for (const key of Object.keys(json)) {
    if (!TEMPLATE_FIELDS.has(key))
      problems.add(`unknown field "${key}" (expected ${[...TEMPLATE_FIELDS].slice(1).join(", ")}).`);
  }
  const id = requiredText(json, "id", "the template", problems);
  if (id !== undefined && !ID_PATTERN.test(id)) {
    problems.add(`id "${id}" must be lower-case letters, digits and hyphens (e.g. "idva").`);
  }
  const version = requiredText(json, "version", "the template", problems);
  if (version !== undefined && !VERSION_PATTERN.test(version)) {
    problems.add(`version "${version}" is not a version number like "1.0.0".`);
  }
  const title = requiredText(json, "title", "the template", problems);
  const serviceArea = requiredText(json, "serviceArea", "the template", problems);
  const description = optionalText(json, "description", "the template", problems);
  const planHeading = shortText(json, "planHeading", "the template", problems);
  let percentScale: KpiTemplate["percentScale"] = "fraction";
  if (json.percentScale !== undefined) {
    if (json.percentScale === "fraction" || json.percentScale === "points") percentScale = json.percentScale;
    else
      problems.add(
        `percentScale ${showJson(json.percentScale)} must be "fraction" (0.9583) or "points" (95.83).`,
      );
  }
  const tolerance = { ...DEFAULT_TOLERANCE, ...readTolerance(json.tolerance, "the template", problems) };
  if (tolerance.targetGreenPct > tolerance.targetRedPct) {
    problems.add(
      `tolerance targetGreenPct (${tolerance.targetGreenPct}) must not be more than targetRedPct (${tolerance.targetRedPct}).`,
    );
  }
  const kpis = readKpis(json.kpis, problems);
  const kpiIds = new Set(kpis.map((k) => k.id));
  const rules = readRules(json.rules, kpiIds, problems);
  const budgetLines = readBudgetLines(json.budgetLines, problems);
  if (problems.list.length > 0) throw new UserError(problems.list.join("\n"), source);
  const template: KpiTemplate = {
    id: id as string,
    version: version as string,
    title: title as string,
    serviceArea: serviceArea as string,
    percentScale,
    kpis,
    rules,
    tolerance,
    budgetLines,
    ...(description !== undefined ? { description } : {}),
    ...(planHeading !== undefined ? { planHeading } : {}),
  };
  return template;
}

function readKpis(value: unknown, problems: Problems): KpiDefinition[] {
  if (value === undefined) {
    problems.add(`missing field "kpis" (a list of KPI definitions).`);
    return [];
  }
  const ids = new Set<string>();
  const kpis: KpiDefinition[] = [];
  eachItem(value, "kpis", "KPI", problems, (raw, who) => {
    const id = itemId(raw, who, "KPI", ids, problems);
    for (const key of Object.keys(raw)) {
      if (!KPI_FIELDS.has(key)) problems.add(`${who} has unknown field "${key}".`);
    }
    const label = requiredText(raw, "label", who, problems);
    const guidance = requiredText(raw, "guidance", who, problems);
    let unit: Unit = "count";
    if (raw.unit === undefined)
      problems.add(`${who} is missing field "unit" (count, percent, currency, number or days).`);
    else if (typeof raw.unit === "string" && (UNITS as readonly string[]).includes(raw.unit))
      unit = raw.unit as Unit;
    else
      problems.add(
        `${who} has unknown unit ${showJson(raw.unit)} (expected count, percent, currency, number or days).`,
      );
    const required = bool(raw, "required", who, problems, true);
    const integer = bool(raw, "integer", who, problems, unit === "count");
    const higherIsBetter = bool(raw, "higherIsBetter", who, problems, true);
    const cumulative = bool(raw, "cumulative", who, problems, false);
    const min = num(raw, "min", who, problems);
    const max = num(raw, "max", who, problems);
    if (min !== undefined && max !== undefined && min > max) {
      problems.add(`${who} has min ${min} greater than max ${max}.`);
    }
    let allowedValues: number[] | undefined;
    if (raw.allowedValues !== undefined) {
      if (
        !Array.isArray(raw.allowedValues) ||
        raw.allowedValues.length === 0 ||
        raw.allowedValues.length > TEMPLATE_LIMITS.listItems ||
        !raw.allowedValues.every((v: unknown) => typeof v === "number" && Number.isFinite(v))
      ) {
        problems.add(
          `${who} has allowedValues that are not a list of 1 to ${TEMPLATE_LIMITS.listItems} numbers.`,
        );
      } else allowedValues = raw.allowedValues as number[];
    }
    let targetBasis: "quarter" | "annual" | undefined;
    if (raw.targetBasis !== undefined) {
      if (raw.targetBasis === "quarter" || raw.targetBasis === "annual") targetBasis = raw.targetBasis;
      else
        problems.add(`${who} has targetBasis ${showJson(raw.targetBasis)} (expected "quarter" or "annual").`);
    }
    const tolerance = raw.tolerance === undefined ? undefined : readTolerance(raw.tolerance, who, problems);
    const phrase = shortText(raw, "phrase", who, problems);
    if (id === undefined || label === undefined || guidance === undefined) return;
    kpis.push({
      id,
      label,
      unit,
      required,
      integer,
      higherIsBetter,
      guidance,
      ...(min !== undefined ? { min } : {}),
      ...(max !== undefined ? { max } : {}),
      ...(allowedValues !== undefined ? { allowedValues } : {}),
      ...(targetBasis !== undefined ? { targetBasis } : {}),
      ...(tolerance !== undefined ? { tolerance } : {}),
      ...(cumulative ? { cumulative } : {}),
      ...(phrase !== undefined ? { phrase } : {}),
    });
  });
  if (Array.isArray(value) && value.length === 0)
    problems.add(`"kpis" is empty: a template needs at least one KPI.`);
  return kpis;
}

function readRules(value: unknown, kpiIds: ReadonlySet<string>, problems: Problems): TemplateRule[] {
  const ids = new Set<string>();
  const rules: TemplateRule[] = [];
  eachItem(value, "rules", "rule", problems, (raw, who) => {
    // Rule ids are the template author's own codes (shown on findings), so any text will do.
    const id = itemId(raw, who, "rule", ids, problems, false);
    let severity: Severity = "error";
    if (typeof raw.severity === "string" && (SEVERITIES as readonly string[]).includes(raw.severity)) {
      severity = raw.severity as Severity;
    } else problems.add(`${who} has severity ${showJson(raw.severity)} (expected error, query or info).`);
    const message = optionalText(raw, "message", who, problems);
    const kpiRef = (field: string, ref: unknown): string | undefined => {
      if (typeof ref !== "string" || ref === "") {
        problems.add(`${who} is missing field "${field}" (a KPI id).`);
        return undefined;
      }
      if (!kpiIds.has(ref))
        problems.add(`${who} names KPI "${ref}" in "${field}", but the template has no such KPI.`);
      return ref;
    };
    if (raw.kind === "compare") {
      const left = kpiRef("left", raw.left);
      const right = kpiRef("right", raw.right);
      let op: CompareOp = "=";
      if (typeof raw.op === "string" && (COMPARE_OPS as readonly string[]).includes(raw.op))
        op = raw.op as CompareOp;
      else problems.add(`${who} has op ${showJson(raw.op)} (expected one of ${COMPARE_OPS.join(" ")}).`);
      if (id !== undefined && left !== undefined && right !== undefined) {
        rules.push({
          id,
          kind: "compare",
          severity,
          left,
          op,
          right,
          ...(message !== undefined ? { message } : {}),
        });
      }
    } else if (raw.kind === "sum") {
      const total = kpiRef("total", raw.total);
      let parts: string[] = [];
      if (
        !Array.isArray(raw.parts) ||
        raw.parts.length === 0 ||
        raw.parts.length > TEMPLATE_LIMITS.listItems
      ) {
        problems.add(`${who} needs "parts": a list of 1 to ${TEMPLATE_LIMITS.listItems} KPI ids.`);
      } else {
        parts = (raw.parts as unknown[])
          .map((p) => kpiRef("parts", p))
          .filter((p): p is string => p !== undefined);
      }
      if (id !== undefined && total !== undefined && parts.length > 0) {
        rules.push({
          id,
          kind: "sum",
          severity,
          parts,
          total,
          ...(message !== undefined ? { message } : {}),
        });
      }
    } else {
      problems.add(`${who} has kind ${showJson(raw.kind)} (expected "compare" or "sum").`);
    }
  });
  return rules;
}

function readBudgetLines(value: unknown, problems: Problems): BudgetLineDefinition[] {
  const ids = new Set<string>();
  const lines: BudgetLineDefinition[] = [];
  eachItem(value, "budgetLines", "budget line", problems, (raw, who) => {
    const id = itemId(raw, who, "budget line", ids, problems);
    const label = requiredText(raw, "label", who, problems);
    let profile: [number, number, number, number] | undefined;
    if (raw.profile !== undefined) {
      const p = raw.profile;
      const ok =
        Array.isArray(p) &&
        p.length === 4 &&
        p.every((v: unknown) => typeof v === "number" && Number.isFinite(v) && v >= 0 && v <= 1) &&
        p.every((v: number, i: number) => i === 0 || v >= p[i - 1]) &&
        p[3] === 1;
      if (ok) profile = [p[0], p[1], p[2], p[3]];
      else {
        problems.add(
          `${who} has profile ${showJson(p)}: it must be 4 cumulative fractions for Q1–Q4, never falling, ending at 1 (e.g. [0.25, 0.5, 0.75, 1]).`,
        );
      }
    }
    if (id !== undefined && label !== undefined) lines.push({ id, label, ...(profile ? { profile } : {}) });
  });
  return lines;
}
