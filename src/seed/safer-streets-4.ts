/**
 * Safer Streets 4, the service the demo's commissioning team adds without a developer: not a built-in template, but
 * one an officer writes as a template workbook, checks and publishes to the KPI Templates list. Its KPIs and its Q2
 * 2022/23 return come from the report's paragraph 34: the projects were held up by an internal procurement review
 * (finished for all but the Train the Trainer programme), the part-time Streetwatch coordinator is expected in post
 * before Christmas, and only then does recruiting the 500 Streetwatch volunteers begin.
 */
import { loadTemplate } from "../core/template";
import type { KpiTemplate } from "../core/types";
import { SEED_PERIOD, type SeedReturn } from "./q2-2022-23";

/**
 * What the officer types into the template workbook, in the template's own field names. It reaches the add-in only
 * through the workbook: the demo writes it as one and publishes what it reads back.
 */
export const saferStreets4Template: KpiTemplate = loadTemplate(
  {
    id: "safer-streets-4",
    version: "1.0.0",
    title: "Safer Streets 4",
    serviceArea: "Reassuring West Mercia",
    planHeading: "Reassuring West Mercia",
    description:
      "Home Office Safer Streets 4 projects: Streetwatch volunteers, the Goodsam product, Purple Leaf and Train the Trainer education, and a VAWG campaign officer.",
    kpis: [
      {
        id: "streetwatch-volunteers",
        label: "Streetwatch volunteers recruited",
        phrase: "Streetwatch volunteers recruited",
        unit: "count",
        integer: true,
        min: 0,
        targetBasis: "annual",
        cumulative: true,
        guidance: "Volunteers recruited to Streetwatch since April. The target is the year's 500.",
      },
      {
        id: "coordinator-in-post",
        label: "Streetwatch coordinator in post",
        phrase: "Streetwatch coordinator in post",
        unit: "count",
        integer: true,
        allowedValues: [0, 1],
        guidance:
          "1 when the part-time Streetwatch coordinator is in post on the last day of the quarter, else 0.",
      },
      {
        id: "projects-moving",
        label: "Projects moving after the procurement review",
        phrase: "projects moving after the procurement review",
        unit: "count",
        integer: true,
        min: 0,
        max: 5,
        guidance:
          "Of the five projects (Streetwatch, Goodsam, Purple Leaf education, Train the Trainer, VAWG campaign officer), those the procurement review has cleared to go ahead.",
      },
    ],
    rules: [],
    budgetLines: [{ id: "grant", label: "Safer Streets 4 grant" }],
  },
  "safer-streets-4 (the demo's new template)",
);

/**
 * The Q2 2022/23 return for Safer Streets 4, from paragraph 34. The report gives no counts: no volunteers yet (their
 * recruitment follows the coordinator's appointment), no coordinator yet, and four of the five projects moving (all
 * but Train the Trainer). The targets (500 volunteers a year, one coordinator, all five projects) are the report's.
 * It gives no money for the project either, so the grant line is left blank.
 */
export const saferStreets4Return: SeedReturn = {
  templateId: saferStreets4Template.id,
  provider: "West Mercia PCC",
  period: SEED_PERIOD,
  targets: { "streetwatch-volunteers": 500, "coordinator-in-post": 1, "projects-moving": 5 },
  previous: {},
  lastYear: {},
  awarded: {},
  previousSpent: {},
  input: {
    kpis: {
      "streetwatch-volunteers": {
        actual: 0,
        commentary: "Recruitment of the 500 Streetwatch volunteers begins once the coordinator is appointed.",
      },
      "coordinator-in-post": {
        actual: 0,
        commentary: "A part-time coordinator for Streetwatch is expected to be in post before Christmas.",
      },
      "projects-moving": {
        actual: 4,
        commentary:
          "The internal procurement review is complete for all projects except the Train the Trainer education programme, and they are moving forward.",
      },
    },
    budget: {},
  },
};
