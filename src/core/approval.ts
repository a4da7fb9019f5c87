/**
 * What an approval is bound to: a SHA-256 hash of exactly the figures approved, and whether the figures in the
 * return still match it. Kept apart from lifecycle.ts so the rules can ask (lifecycle itself runs the rules).
 */
import { sha256 } from "@noble/hashes/sha256";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils";
import type { Approval, ParsedValue, Return } from "./types";

function canonicalValue(v: ParsedValue): unknown {
  switch (v.kind) {
    case "number":
      return Object.is(v.value, -0) ? 0 : v.value;
    case "blank":
      return null;
    case "missing":
      return { missing: v.code };
    case "excel-error":
      return { error: v.code };
    case "text":
      return { text: v.raw };
  }
}

/**
 * SHA-256 (hex) of exactly the figures approved: template id and version, provider, period, each KPI's
 * id/actual/target/previous/last year/commentary and each budget line's id/awarded/spent/commentary, sorted by id
 * so moving a row does not change it. Status, history and overrides are not figures and are left out.
 */
export function figuresHash(ret: Return): string {
  const byId =
    <T>(key: (x: T) => string) =>
    (a: T, b: T) =>
      key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
  const canonical = [
    "kpi-returns/figures/1",
    ret.templateId,
    ret.templateVersion,
    ret.provider,
    ret.period,
    [...ret.kpis]
      .sort(byId((k) => k.kpiId))
      .map((k) => [
        k.kpiId,
        canonicalValue(k.actual),
        canonicalValue(k.target),
        canonicalValue(k.previous),
        canonicalValue(k.lastYear),
        k.commentary,
      ]),
    [...ret.budget]
      .sort(byId((b) => b.lineId))
      .map((b) => [b.lineId, canonicalValue(b.awarded), canonicalValue(b.spentToDate), b.commentary]),
  ];
  return bytesToHex(sha256(utf8ToBytes(JSON.stringify(canonical))));
}

function isApprovedStatus(ret: Return): boolean {
  return ret.status === "approved" || ret.status === "synced";
}

/** True while the return is approved (or synced) and its figures still hash to what was approved. */
export function approvalStillValid(ret: Return): boolean {
  if (!ret.approval || !isApprovedStatus(ret)) return false;
  return ret.approval.hash === figuresHash(ret);
}

/**
 * True when the return says it is approved (or synced) and carries an approval, but its figures have changed since:
 * that approval no longer stands. A return in any other status is not void, whatever stale approval it carries,
 * because it does not claim to be approved.
 */
export function approvalVoid(ret: Return): boolean {
  return ret.approval !== undefined && isApprovedStatus(ret) && !approvalStillValid(ret);
}

// Approvals are dated as the officers in England and Wales read them, whatever the machine's zone, and written as
// every date the pane shows is: "20 Oct 2022, 10:30" (never "20/10/2022", which reads month-first to some).
const approvalDay = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  dateStyle: "medium",
  timeStyle: "short",
});

/** "20 Oct 2022, 10:30": when an approval was made, in UK time, or the recorded text when it is not a date. */
export function approvalDate(approval: Approval): string {
  const t = Date.parse(approval.at);
  return Number.isNaN(t) ? approval.at : approvalDay.format(new Date(t));
}
