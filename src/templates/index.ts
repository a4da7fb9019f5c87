/**
 * The built-in KPI templates, one JSON file per funded service (from the Q2 2022/23 commissioning report).
 * Imported statically so webpack bundles them; each passes through loadTemplate when this module loads.
 */
import { loadTemplate } from "../core/template";
import { compareVersions } from "../core/template-library";
import type { KpiTemplate } from "../core/types";
import branchCseJson from "./branch-cse.json";
import climbJson from "./climb.json";
import crimestoppersJson from "./crimestoppers.json";
import cspBudgetJson from "./csp-budget.json";
import divertJson from "./divert.json";
import driveJson from "./drive.json";
import evTrainersJson from "./ev-trainers.json";
import flyTippingJson from "./fly-tipping.json";
import idvaJson from "./idva.json";
import longlandsJson from "./longlands.json";
import menAndMasculinitiesJson from "./men-and-masculinities.json";
import myTimeJson from "./my-time.json";
import neighbourhoodWatchJson from "./neighbourhood-watch.json";
import purpleLeafJson from "./purple-leaf.json";
import roadpeaceJson from "./roadpeace.json";
import ruralBusinessOfficersJson from "./rural-business-officers.json";
import victimAdviceLineJson from "./victim-advice-line.json";
import victimSupportJson from "./victim-support.json";
import waterSafetyJson from "./water-safety.json";
import wmwaCypJson from "./wmwa-cyp.json";

/** Source file name → its JSON, so a load error names the file. */
const sources: readonly (readonly [string, unknown])[] = [
  ["branch-cse.json", branchCseJson],
  ["climb.json", climbJson],
  ["crimestoppers.json", crimestoppersJson],
  ["csp-budget.json", cspBudgetJson],
  ["divert.json", divertJson],
  ["drive.json", driveJson],
  ["ev-trainers.json", evTrainersJson],
  ["fly-tipping.json", flyTippingJson],
  ["idva.json", idvaJson],
  ["longlands.json", longlandsJson],
  ["men-and-masculinities.json", menAndMasculinitiesJson],
  ["my-time.json", myTimeJson],
  ["neighbourhood-watch.json", neighbourhoodWatchJson],
  ["purple-leaf.json", purpleLeafJson],
  ["roadpeace.json", roadpeaceJson],
  ["rural-business-officers.json", ruralBusinessOfficersJson],
  ["victim-advice-line.json", victimAdviceLineJson],
  ["victim-support.json", victimSupportJson],
  ["water-safety.json", waterSafetyJson],
  ["wmwa-cyp.json", wmwaCypJson],
];

export const builtInTemplates: readonly KpiTemplate[] = Object.freeze(
  sources.map(([source, json]) => loadTemplate(json, source)),
);

/** The template with this id; the given version, or the latest built-in one when no version is asked for. */
export function findTemplate(id: string, version?: string): KpiTemplate | undefined {
  const matches = builtInTemplates.filter(
    (t) => t.id === id && (version === undefined || t.version === version),
  );
  return matches.sort((a, b) => compareVersions(b.version, a.version))[0];
}

export { compareVersions };
