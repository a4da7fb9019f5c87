/**
 * The Q2 2022/23 commissioning report's figures (West Mercia), as typed returns for the demo and the tests.
 * Actuals are the raw cells providers typed, INCLUDING the report's slips ("£135, 640", "95.83%" as text, a "last year"
 * figure given twice). Where the report gives no figure the cell is left blank; the few assumed figures are marked.
 */
import { findTemplate } from "../templates";
import { parseCell } from "../core/values";
import type {
  BudgetEntry,
  CellInput,
  KpiEntry,
  KpiTemplate,
  ParsedValue,
  Return,
  ReturnStatus,
} from "../core/types";

export const SEED_PERIOD = "2022-23 Q2";

/** What a provider types into a return: an actual and a commentary per KPI, spent to date per budget line. */
export interface SeedProviderInput {
  readonly kpis: Readonly<Record<string, { readonly actual: CellInput; readonly commentary?: string }>>;
  readonly budget: Readonly<
    Record<string, { readonly spentToDate: CellInput; readonly commentary?: string }>
  >;
}

/** A data-quality slip in the report, kept on purpose so the demo and tests meet it. */
export interface SeedSlip {
  readonly kpiId?: string;
  readonly lineId?: string;
  readonly note: string;
}

/** One service's (or one CSP's) Q2 2022/23 return. */
export interface SeedReturn {
  readonly templateId: string;
  readonly provider: string;
  /** For Community Safety Partnerships: the policing area. */
  readonly area?: string;
  readonly period: string;
  readonly targets: Readonly<Record<string, number>>;
  readonly previous: Readonly<Record<string, number>>;
  readonly lastYear: Readonly<Record<string, number>>;
  readonly awarded: Readonly<Record<string, number>>;
  readonly previousSpent: Readonly<Record<string, number>>;
  readonly input: SeedProviderInput;
  /** What the provider says once a query is raised (added as the KPI's commentary), from the report's narrative. */
  readonly queryAnswers?: Readonly<Record<string, string>>;
  readonly slips?: readonly SeedSlip[];
}

/** The shape the workbook layer's ReturnSetup takes: a template, who, when, and the figures the officer fills in. */
export interface SeedSetup {
  readonly template: KpiTemplate;
  readonly provider: string;
  readonly period: string;
  readonly targets: Record<string, number>;
  readonly previous: Record<string, number>;
  readonly lastYear: Record<string, number>;
  readonly awarded: Record<string, number>;
  readonly previousSpent: Record<string, number>;
}

const none = {} as const;

function service(
  templateId: string,
  provider: string,
  kpis: SeedProviderInput["kpis"],
  more: Partial<Omit<SeedReturn, "templateId" | "provider" | "input" | "period">> & {
    budget?: SeedProviderInput["budget"];
  } = {},
): SeedReturn {
  const { budget, ...rest } = more;
  return {
    templateId,
    provider,
    period: SEED_PERIOD,
    targets: none,
    previous: none,
    lastYear: none,
    awarded: none,
    previousSpent: none,
    ...rest,
    input: { kpis, budget: budget ?? none },
  };
}

function csp(area: string, awarded: number, spent: CellInput, commentary?: string): SeedReturn {
  return service(
    "csp-budget",
    `${area} CSP`,
    { "projects-funded": { actual: null } },
    {
      area,
      awarded: { "csp-grant": awarded },
      budget: { "csp-grant": { spentToDate: spent, ...(commentary ? { commentary } : {}) } },
    },
  );
}

export const seedReturns: readonly SeedReturn[] = [
  service(
    "idva",
    "West Mercia Women's Aid",
    {
      referrals: {
        actual: 492,
        commentary:
          "Demand continues to grow year on year. Hospital referrals fell slightly: NHS staff shortages, and agency staff may not know the HIDVA service.",
      },
      // Slip: typed as text with a % sign, so Excel holds text; the core reads it as 95.83%.
      "contacted-48h": { actual: "95.83%" },
      "contacted-72h": {
        actual: 0.9723,
        commentary: "Rationale recorded for those not contacted within 72 hours.",
      },
      "ypidva-referrals": { actual: 26 },
      "yp-engaged": { actual: 17, commentary: "Only 1 young person declined the service." },
      "yp-declined": { actual: 1 },
    },
    {
      lastYear: { referrals: 465 },
      // Assumed: the report says the 48-hour target "is consistently met" without giving it.
      targets: { "contacted-48h": 0.9 },
      slips: [
        {
          kpiId: "contacted-48h",
          note: '"95.83%" typed as text rather than a number formatted as a percentage.',
        },
      ],
    },
  ),
  service("wmwa-cyp", "West Mercia Women's Aid", {
    // The report gives no figures for the CYP project: the cells stay blank, as in a return not yet completed.
    "referrals-herefordshire": { actual: null },
    "referrals-worcestershire": { actual: null },
    referrals: {
      actual: null,
      commentary: "Lower than Q1 because of the school holidays; still comparable with last year.",
    },
    "waiting-list": {
      actual: null,
      commentary: "Waiting lists remain high, with demand outstripping resource.",
    },
  }),
  service("branch-cse", "WMRSASC", {
    "new-referrals": {
      actual: 28,
      commentary:
        "As expected with the summer holidays and schools closed; local authority panel referrals delayed.",
    },
    "cyp-in-support": { actual: 110 },
    "cyp-mental-health": { actual: 89 },
    "referrals-18-25": {
      actual: 0,
      commentary:
        "No referrals: professionals may not realise Branch can work with adults with additional needs up to 25.",
    },
  }),
  service("purple-leaf", "Purple Leaf", {
    sessions: {
      actual: 169,
      commentary:
        "West Mercia except Telford. Six weeks of Q2 were school holidays, so not a typical quarter.",
    },
    "children-reached": { actual: 295 },
    "teacher-sessions": { actual: 10 },
    "teacher-attendees": { actual: 165 },
  }),
  service(
    "drive",
    "Worcestershire and Herefordshire DRIVE",
    {
      referrals: {
        actual: 55,
        commentary: "Staffing issues resolved; referrals up, exceeding the planned target.",
      },
      "victims-survivors": { actual: 55 },
      "cyp-associated": { actual: 109 },
    },
    {
      previous: { referrals: 37 },
      // Assumed: the report says 55 exceeds "planned targets" without giving them.
      targets: { referrals: 45 },
    },
  ),
  service(
    "victim-advice-line",
    "Victim Advice Line",
    {
      // No commentary on referrals at first: the fall raises a query, which the provider then answers.
      referrals: { actual: 3834 },
      "dip-sample-size": { actual: 300 },
      satisfaction: { actual: 0.987 },
    },
    {
      previous: { referrals: 4441 },
      queryAnswers: {
        referrals:
          "Consistent with historical patterns for Q2; IT disruption during the quarter is likely to have affected operations.",
      },
    },
  ),
  service(
    "victim-support",
    "Victim Support",
    {
      "valid-referrals": {
        actual: 400,
        // The report's own words, slip included: last year's Q2 figure is given twice, as 388 and as 425.
        commentary: "Up slightly from the 388 received during Q2 last year, 425 last year.",
      },
    },
    {
      lastYear: { "valid-referrals": 388 },
      slips: [
        {
          kpiId: "valid-referrals",
          note: "Last year's Q2 figure is given twice: 388 and 425. 388 is taken as the same quarter last year.",
        },
      ],
    },
  ),
  service(
    "roadpeace",
    "RoadPeace",
    {
      "new-referrals": {
        actual: 30,
        commentary:
          "Demand is high: on course for double the annual target. The RVCC left and has been replaced.",
      },
      "surveys-sent": { actual: 12 },
      "surveys-returned": { actual: 7 },
    },
    { targets: { "new-referrals": 60 } },
  ),
  service("climb", "The Children's Society", {
    "new-cyp-engaged": {
      actual: 58,
      commentary:
        "Three vacancies expected to be filled next quarter. Annual targets achieved despite the pandemic.",
    },
  }),
  service("men-and-masculinities", "Men and Masculinities", {
    completions: { actual: 7 },
    "groups-running": {
      actual: 3,
      commentary:
        "Bromsgrove and Worcester groups merging due to numbers; demand for a second Herefordshire group.",
    },
  }),
  service("longlands", "Longlands care farm", {
    "new-students": { actual: 7 },
    "total-students": { actual: 28, commentary: "Attendance continues to be strong." },
  }),
  service(
    "ev-trainers",
    "Exploitation & Vulnerability Trainers",
    {
      // Typed as text with a thousands separator, as the report writes it.
      "people-reached": { actual: "1,883" },
      sessions: { actual: 82, commentary: "CPD and product development during the school holiday downtime." },
      organisations: { actual: 71 },
    },
    {
      slips: [{ kpiId: "people-reached", note: '"1,883" typed as text with a thousands separator.' }],
    },
  ),
  service(
    "divert",
    "Cranstoun",
    {
      referrals: {
        actual: 154,
        commentary: "An increase from Q1. A dedicated out of court disposal team is being recruited.",
      },
    },
    // Assumed: the report says Q2's 154 is "an increase from Q1" without giving Q1's figure.
    { previous: { referrals: 141 } },
  ),
  service("crimestoppers", "Crimestoppers", {
    "campaign-spend": {
      actual: 21000,
      commentary: "County Lines campaign with West Midlands, East Midlands, Warwickshire and Staffordshire.",
    },
    "reports-change": {
      actual: 0.176,
      commentary: "Initial data; a review of the campaigns is planned for December.",
    },
  }),
  service("rural-business-officers", "West Mercia Police Rural and Business Officers", {
    "officers-in-post": { actual: 5 },
    visits: { actual: null, commentary: "Most visits register SmartWater kits under We Don't Buy Crime." },
    "smartwater-kits": { actual: null },
  }),
  service("neighbourhood-watch", "Neighbourhood Watch", {
    "approved-schemes-increase": {
      actual: 14,
      commentary: "The move from unapproved to approved schemes is aided by community and NHW meetings.",
    },
  }),
  service("fly-tipping", "Herefordshire Council", {
    "signs-delivered": { actual: 670, commentary: "Signs handed out at the Rural Business Advice Day." },
  }),
  service("water-safety", "Severn Area Rescue Association", {
    "school-visits": { actual: 2 },
    "water-safety-days": {
      actual: 15,
      commentary: "Young Citizen Challenge across Bromsgrove and Kidderminster schools.",
    },
  }),
  service("my-time", "The Richmond Fellowship", {
    "roles-filled": { actual: 3 },
    "roles-in-recruitment": { actual: 3 },
  }),
  csp("Shropshire", 98441, 50200),
  csp("Herefordshire", 100666, 88700),
  // Slip: a space after the comma, typed as text.
  csp("Telford & Wrekin", 158934, "£135, 640"),
  csp("South Worcestershire", 139250, 139250),
  csp("North Worcestershire", 139250, 101789),
];

/** The seed's return for a template (and provider, when a template has several). */
export function findSeedReturn(templateId: string, provider?: string): SeedReturn | undefined {
  return seedReturns.find(
    (r) => r.templateId === templateId && (provider === undefined || r.provider === provider),
  );
}

function templateOf(entry: SeedReturn): KpiTemplate {
  const template = findTemplate(entry.templateId);
  if (!template) throw new Error(`The seed names template "${entry.templateId}", which is not built in.`);
  return template;
}

/**
 * What an officer sets up before the provider fills the return in (the workbook layer's ReturnSetup). `template`:
 * one that is not built in (from the KPI Templates list); by default the built-in template the entry names.
 */
export function seedSetup(entry: SeedReturn, template: KpiTemplate = templateOf(entry)): SeedSetup {
  return {
    template,
    provider: entry.provider,
    period: entry.period,
    targets: { ...entry.targets },
    previous: { ...entry.previous },
    lastYear: { ...entry.lastYear },
    awarded: { ...entry.awarded },
    previousSpent: { ...entry.previousSpent },
  };
}

/** What the provider types (the workbook layer's ProviderInput). */
export function seedInput(entry: SeedReturn): SeedProviderInput {
  return entry.input;
}

function cell(value: number | undefined): ParsedValue {
  return parseCell(value ?? null);
}

/**
 * An in-memory Return built from a seed entry, as the workbook layer would read it: rows in template order,
 * every cell through parseCell. For tests that need no Excel.
 */
export function seedReturn(
  entry: SeedReturn,
  options: { status?: ReturnStatus; answerQueries?: boolean } = {},
): Return {
  const template = templateOf(entry);
  const kpis: KpiEntry[] = template.kpis.map((kpi, row) => {
    const typed = entry.input.kpis[kpi.id];
    const answer = options.answerQueries ? entry.queryAnswers?.[kpi.id] : undefined;
    const commentary = [typed?.commentary, answer].filter((c): c is string => !!c).join(" ");
    return {
      kpiId: kpi.id,
      label: kpi.label,
      actual: parseCell(typed?.actual ?? null),
      target: cell(entry.targets[kpi.id]),
      previous: cell(entry.previous[kpi.id]),
      lastYear: cell(entry.lastYear[kpi.id]),
      commentary,
      row,
    };
  });
  const budget: BudgetEntry[] = template.budgetLines.map((line, row) => {
    const typed = entry.input.budget[line.id];
    return {
      lineId: line.id,
      label: line.label,
      awarded: cell(entry.awarded[line.id]),
      spentToDate: parseCell(typed?.spentToDate ?? null),
      previousSpent: entry.previousSpent[line.id] ?? null,
      commentary: typed?.commentary ?? "",
      row,
    };
  });
  return {
    templateId: template.id,
    templateVersion: template.version,
    provider: entry.provider,
    period: entry.period,
    status: options.status ?? "draft",
    kpis,
    budget,
    overrides: [],
    history: [],
  };
}
