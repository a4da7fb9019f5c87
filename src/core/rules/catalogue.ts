/** Every rule the engine runs, in the order it runs them; the README's rule catalogue is generated from this list. */
import { allowedValuesRule } from "./allowed-values";
import { approvalVoidRule } from "./approval-void";
import { budgetBelowPreviousQueryRule } from "./budget-below-previous-query";
import { budgetNoAwardRule } from "./budget-no-award";
import { budgetOverspentRule } from "./budget-overspent";
import { budgetProfileQueryRule } from "./budget-profile-query";
import { budgetRangeRule } from "./budget-range";
import { budgetRequiredRule } from "./budget-required";
import { budgetTypeRule } from "./budget-type";
import { cleanedRule } from "./cleaned";
import { compareRule } from "./compare";
import { duplicateRowRule } from "./duplicate-row";
import { excelErrorRule } from "./excel-error";
import { integerRule } from "./integer";
import { labelChangedRule } from "./label-changed";
import { lastYearChangeQueryRule } from "./last-year-change-query";
import { missingCodeRule } from "./missing-code";
import { missingCodeQueryRule } from "./missing-code-query";
import { missingKpiRule } from "./missing-kpi";
import { missingLineRule } from "./missing-line";
import { percentScaleRule } from "./percent-scale";
import { percentScaleQueryRule } from "./percent-scale-query";
import { periodRule } from "./period";
import { previousChangeQueryRule } from "./previous-change-query";
import { rangeRule } from "./range";
import { referenceTypeRule } from "./reference-type";
import { requiredRule } from "./required";
import { sumRule } from "./sum";
import { tableMissingRule } from "./table-missing";
import { targetVarianceQueryRule } from "./target-variance-query";
import { templateVersionRule } from "./template-version";
import { typeRule } from "./type";
import { unknownKpiRule } from "./unknown-kpi";
import { unknownLineRule } from "./unknown-line";
import type { CatalogueEntry } from "./rule";

export const rules = [
  templateVersionRule,
  periodRule,
  approvalVoidRule,
  tableMissingRule,
  missingKpiRule,
  unknownKpiRule,
  duplicateRowRule,
  labelChangedRule,
  requiredRule,
  typeRule,
  excelErrorRule,
  integerRule,
  rangeRule,
  allowedValuesRule,
  percentScaleRule,
  percentScaleQueryRule,
  referenceTypeRule,
  cleanedRule,
  missingCodeRule,
  missingCodeQueryRule,
  compareRule,
  sumRule,
  previousChangeQueryRule,
  lastYearChangeQueryRule,
  targetVarianceQueryRule,
  missingLineRule,
  unknownLineRule,
  budgetRequiredRule,
  budgetTypeRule,
  budgetRangeRule,
  budgetNoAwardRule,
  budgetOverspentRule,
  budgetBelowPreviousQueryRule,
  budgetProfileQueryRule,
] as const;

/** The id of every core rule. */
export type CoreRuleId = (typeof rules)[number]["id"];

/** The rule catalogue as documented: id, severity ("template" for a template's own rules) and meaning. */
export const ruleCatalogue: readonly CatalogueEntry<CoreRuleId>[] = rules.map(
  ({ id, severity, description }) => ({
    id,
    severity,
    description,
  }),
);
