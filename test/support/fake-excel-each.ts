/**
 * A fresh fake Excel for every test of a suite: made and installed as the global office-js before each test, removed
 * after it, so no test sees another's workbook.
 */
import { FakeWorkbook } from "./fake-excel";

/** Installs a new FakeWorkbook before each test (handed to `use` first, to keep and to prepare) and removes it after. */
export function fakeExcelEachTest(use: (fake: FakeWorkbook) => void): void {
  let uninstall: () => void = () => undefined;
  beforeEach(() => {
    const fake = new FakeWorkbook();
    use(fake);
    uninstall = fake.install();
  });
  afterEach(() => uninstall());
}
