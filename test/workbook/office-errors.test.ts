/** office-js failures in plain words: Excel's error codes mapped, its own (technical, localised) messages never shown. */
import { UserError } from "../../src/core/errors";
import { plainError } from "../../src/workbook/office";

/** An error shaped as OfficeExtension.Error is: a code and Excel's own message. */
const officeError = (code: string, message = `${code}: The requested resource doesn't exist.\n at a.js:1`) =>
  Object.assign(new Error(message), { code });

describe("plainError", () => {
  let consoleError: jest.SpyInstance;
  beforeEach(() => (consoleError = jest.spyOn(console, "error").mockImplementation(() => undefined)));
  afterEach(() => consoleError.mockRestore());

  it.each([
    ["ItemNotFound", /a sheet or table\) is missing/],
    ["InvalidArgument", /did not accept a value/],
    ["AccessDenied", /read-only, or the sheet protected/],
    ["GeneralException", /internal problem; save the workbook, then try again/],
    ["InvalidOperationInCellEditMode", /a cell is being edited; press Enter or Esc/],
  ])("says what %s means, with no Excel wording", (code, phrase) => {
    const err = plainError(officeError(code), "read the return");
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toMatch(/^Could not read the return: /);
    expect(err.message).toMatch(phrase);
    expect(err.message).not.toContain("requested resource");
    expect(err.message).not.toContain(code);
    expect(consoleError).not.toHaveBeenCalled();
  });

  it("an unknown code or the add-in's own bug gets a generic sentence; the raw text goes to the console", () => {
    for (const raw of [officeError("SomethingNew"), new TypeError("Cannot read properties of undefined")]) {
      const err = plainError(raw, "write to the return");
      expect(err.message).toBe(
        "Could not write to the return: Excel reported a problem the add-in did not expect; save the workbook, then try again.",
      );
    }
    expect(consoleError).toHaveBeenCalledTimes(2);
    expect(String(consoleError.mock.calls[1][1])).toContain("Cannot read properties of undefined");
  });

  it("passes a UserError through as it is", () => {
    const mine = new UserError("The return has no KpiReturn table.");
    expect(plainError(mine, "read the return")).toBe(mine);
  });
});
