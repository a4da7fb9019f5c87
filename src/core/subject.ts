/**
 * What a finding is about, as an officer's override names it: the KPI id or budget line id, or "" for a finding
 * about the return as a whole. Validation, the decisions and every face match overrides to findings by this.
 */
import type { Finding } from "./types";

export function findingSubject(f: Pick<Finding, "kpiId" | "lineId">): string {
  return f.kpiId ?? f.lineId ?? "";
}
