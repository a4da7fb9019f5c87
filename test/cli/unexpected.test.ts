/** A failure nobody worded (a bug) ends the command with exit 4 and one plain line; its stack only with KPI_RETURNS_DEBUG. */
import { main, reportFailure } from "../../src/cli/main";
import { ExitCode, UNEXPECTED_CLI_FAILURE } from "../../src/cli/exit";
import * as templatesCommand from "../../src/cli/commands/templates";
import { testIo, tempDir, errorLines } from "./support";

const bug = (): TypeError => new TypeError("Cannot read properties of undefined (reading 'kpis')");

describe("an unexpected failure on the command line", () => {
  afterEach(() => jest.restoreAllMocks());

  it("is exit 4 with one plain line naming what to do, never the runtime's words", () => {
    const io = testIo(tempDir());
    expect(reportFailure(io, bug())).toBe(ExitCode.unexpected);
    expect(ExitCode.unexpected).toBe(4);
    expect(errorLines(io)).toEqual([`kpi-returns: ${UNEXPECTED_CLI_FAILURE}`]);
    expect(io.stderr()).not.toMatch(/Cannot read|TypeError|undefined/);
  });

  it("prints the technical details, stack included, only when KPI_RETURNS_DEBUG is set", () => {
    const io = testIo(tempDir(), { KPI_RETURNS_DEBUG: "1" });
    expect(reportFailure(io, bug())).toBe(ExitCode.unexpected);
    expect(io.stderr()).toContain(`kpi-returns: ${UNEXPECTED_CLI_FAILURE}`);
    expect(io.stderr()).toContain("TypeError: Cannot read properties of undefined (reading 'kpis')");
    expect(io.stderr()).toMatch(/\n\s+at /);
  });

  it("a command that hits a bug ends main with exit 4, not 1 (which means the returns did not pass)", async () => {
    jest.spyOn(templatesCommand, "runTemplates").mockImplementation(() => {
      throw bug();
    });
    const io = testIo(tempDir());
    expect(await main(["templates"], io)).toBe(ExitCode.unexpected);
    expect(errorLines(io)).toEqual([`kpi-returns: ${UNEXPECTED_CLI_FAILURE}`]);
  });
});
