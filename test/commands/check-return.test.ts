/** The "Check return" ribbon command: what it selects and what its dialog says, with the host faked at its boundary. */
import { UNEXPECTED_FAILURE, UserError } from "../../src/core/errors";
import type { Finding } from "../../src/core/types";
import {
  checkReturnCommand,
  summaryFromSearch,
  summaryUrl,
  type CheckSummary,
} from "../../src/commands/check-return";
import { checkOf, fakeHost, idvaError, idvaInfo, idvaQuery } from "../taskpane/fixtures";

async function run(host: ReturnType<typeof fakeHost>): Promise<CheckSummary> {
  let shown: CheckSummary | null = null;
  await checkReturnCommand(host, async (s) => {
    shown = s;
  });
  if (!shown) throw new Error("no summary shown");
  return shown;
}

describe("Check return command", () => {
  it("selects the first error and reports the counts and what needs attention", async () => {
    const host = fakeHost(checkOf("idva", [idvaInfo, idvaQuery, idvaError]));
    const summary = await run(host);
    expect(host.goTo).toHaveBeenCalledWith(idvaError.location);
    expect(summary.title).toBe("West Mercia Women's Aid, 2022-23 Q2: needs attention");
    expect(summary.counts).toEqual({ error: 1, query: 1, info: 1, unexplained: 1 });
    expect(summary.lines).toContain(idvaError.message);
    expect(summary.lines).toContain(idvaQuery.message);
    expect(summary.lines).not.toContain(idvaInfo.message);
  });

  it("says a clean return is ready, and selects nothing", async () => {
    const host = fakeHost(checkOf("idva", [{ ...idvaQuery, explainedBy: "commentary" }]));
    const summary = await run(host);
    expect(host.goTo).not.toHaveBeenCalled();
    expect(summary.title).toMatch(/ready for approval$/);
  });

  it("never says ready for what the Return Register has not seen, and takes the decision room's verdict", async () => {
    const clean = checkOf("idva", [{ ...idvaQuery, explainedBy: "commentary" }]);
    const notice =
      "Not checked against the Return Register: sign in to check the provider, the issued figures.";
    const offline = await run(
      fakeHost({
        ...clean,
        standing: { approvable: true, checkedAgainstRegister: false, registerStatus: null, notice },
      }),
    );
    expect(offline.title).toBe(
      "West Mercia Women's Aid, 2022-23 Q2: nothing found, not checked against the Return Register",
    );
    expect(offline.lines).toContain(notice);

    // The register matches no issued return: the room says not approvable, whatever core's rules alone found.
    const unknown = await run(
      fakeHost({
        ...clean,
        standing: { approvable: false, checkedAgainstRegister: true, registerStatus: null, notice: null },
      }),
    );
    expect(unknown.title).toMatch(/needs attention$/);
  });

  it("selects nothing for a finding about the metadata (no cell to select), and still reports it", async () => {
    const unknown: Finding = {
      ruleId: "REGISTER-UNKNOWN",
      severity: "error",
      message: "No return issued in the Return Register matches this workbook.",
      location: { table: "Metadata" },
    };
    const host = fakeHost(checkOf("idva", [unknown]), {
      goTo: async () => {
        throw new Error("a metadata location cannot be selected");
      },
    });
    const summary = await run(host);
    expect(host.goTo).not.toHaveBeenCalled();
    expect(summary.title).toMatch(/needs attention$/);
    expect(summary.lines).toContain(unknown.message);
  });

  it("explains a workbook with no return, and a failure, in plain words with a next step", async () => {
    const empty = await run(
      fakeHost({
        ret: null,
        template: null,
        validation: null,
        findings: [
          {
            ruleId: "METADATA-MISSING",
            severity: "error",
            message: "This workbook has no metadata sheet.",
            location: { table: "Metadata" },
          },
        ],
      }),
    );
    expect(empty.title).toBe("This workbook holds no return to check");
    expect(empty.lines[0]).toBe("This workbook has no metadata sheet.");

    const failed = await run(
      fakeHost(null, {
        checkReturn: async () => {
          throw new UserError("The KpiReturn table is protected by another user.");
        },
      }),
    );
    expect(failed.title).toBe("The return could not be checked");
    expect(failed.lines).toEqual([
      "The KpiReturn table is protected by another user.",
      "Close any cell you are editing, then choose Check return again.",
    ]);
  });

  it("shows an unexpected failure as a generic sentence, never the runtime's words", async () => {
    const console_ = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const failed = await run(
        fakeHost(null, {
          checkReturn: async () => {
            throw new TypeError("Cannot read properties of undefined (reading 'findings')");
          },
        }),
      );
      expect(failed.lines).toEqual([
        UNEXPECTED_FAILURE,
        "Close any cell you are editing, then choose Check return again.",
      ]);
      expect(console_).toHaveBeenCalled();
    } finally {
      console_.mockRestore();
    }
  });

  it("carries the summary to the dialog page in its URL, and survives a damaged one", () => {
    const summary: CheckSummary = {
      title: "Victim Advice Line & co: <b>ok</b>",
      lines: ["3,834 against 4,441 is −13.7%"],
    };
    const url = new URL(summaryUrl("https://localhost:3000/check-result.html", summary));
    expect(summaryFromSearch(url.search)).toEqual(summary);
    expect(summaryFromSearch("?summary=%7Bnot-json").title).toBe("Check return");
  });
});
