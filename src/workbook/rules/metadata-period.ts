/** METADATA-PERIOD: the metadata's period began after steps the return's history records: the period was edited. */
import { parsePeriod, periodDates } from "../../core/period";
import { META } from "../contract";
import { defineWorkbookRule, finding } from "./rule";

/** A history in which the return was submitted on 10 October 2022. */
const SUBMITTED_Q2_2022 = JSON.stringify([
  { from: "draft", to: "submitted", by: "Provider", at: "2022-10-10T09:00:00Z" },
]);

export const metadataPeriodRule = defineWorkbookRule({
  id: "METADATA-PERIOD",
  severity: "error",
  description:
    "The metadata's period began after steps the return's history records (submitted before its quarter had started): the period was edited.",
  examples: {
    fires: [{ change: { metadata: { period: "2023-24 Q2", history: SUBMITTED_Q2_2022 } }, column: "period" }],
    quiet: [{ metadata: { period: "2022-23 Q2", history: SUBMITTED_Q2_2022 } }],
  },
  check(ctx, out) {
    const { state } = ctx;
    if (!state) return;
    let first: string;
    try {
      first = periodDates(parsePeriod(state.period)).first;
    } catch {
      return; // not a period at all: the PERIOD rule says so
    }
    const early = state.history.find((h) => h.at.slice(0, 10) < first);
    if (!early) return;
    out.push(
      finding(
        this,
        `The return's metadata says it is for ${state.period}, which began on ${first}, but its history records it ${early.to} on ${early.at.slice(0, 10)}, before then: the period was edited. Ask the provider to use the return they were sent.`,
        { table: "Metadata", column: META.period },
      ),
    );
  },
});
