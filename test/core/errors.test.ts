/** describeError shows only words someone wrote for users; anything else is a generic sentence with a next step. */
import { UNEXPECTED_FAILURE, UserError, describeError, technicalDetail } from "../../src/core/errors";
import { throttledError } from "../../src/sharepoint/throttled";
import { CliFailure, ExitCode } from "../../src/cli/exit";

describe("describeError", () => {
  it("shows a UserError's message as it is", () => {
    expect(describeError(new UserError('Sheet "KPIs" is missing.'))).toBe('Sheet "KPIs" is missing.');
  });

  it("shows a runtime error as the generic sentence and the next step, never its own words", () => {
    const raw = new TypeError("Cannot read properties of undefined (reading 'kpis')");
    expect(describeError(raw, "Choose Check return again.")).toBe(
      `${UNEXPECTED_FAILURE} Choose Check return again.`,
    );
    expect(describeError(raw)).toMatch(
      /^Something went wrong that the tool did not expect\. Please try again/,
    );
    expect(describeError(raw)).not.toContain("Cannot read");
    expect(describeError("a thrown string", "")).toBe(UNEXPECTED_FAILURE);
    expect(describeError(undefined)).not.toContain("undefined");
  });

  it("the deliberately worded error classes are UserErrors, so their words are shown", () => {
    expect(
      throttledError({ status: 429, attempts: 8, elapsedMs: 42_000, overBudget: null }, "trying to write"),
    ).toBeInstanceOf(UserError);
    const cli = new CliFailure("Port 7373 is already in use.", ExitCode.badInput);
    expect(describeError(cli)).toBe("Port 7373 is already in use.");
  });

  it("keeps the raw text, stack included, for the console and KPI_RETURNS_DEBUG", () => {
    const raw = new TypeError("Cannot read properties of undefined");
    expect(technicalDetail(raw)).toContain("TypeError: Cannot read properties of undefined");
    expect(technicalDetail(raw)).toContain("errors.test.ts");
    expect(technicalDetail({ code: 5 })).toBe('{"code":5}');
  });
});
