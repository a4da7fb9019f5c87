/** The core's public surface: pure domain code shared by the task pane, the command line and the tests. */
export * from "./types";
export * from "./errors";
export * from "./period";
export * from "./values";
export * from "./format";
export * from "./template";
export * from "./template-vocabulary";
export * from "./figures";
export * from "./validate";
export { rules, ruleCatalogue } from "./rules/catalogue";
export type { Rule, RuleContext, KpiCheck, BudgetCheck } from "./rules/rule";
export { KPI_COLUMNS, BUDGET_COLUMNS } from "./columns";
export * from "./approval";
export * from "./lifecycle";
export * from "./register";
export * from "./register-checks";
export * from "./quarter";
export * from "./decisions";
