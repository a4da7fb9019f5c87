/** @jest-environment jsdom */
/**
 * The jsdom setup (test/support/testing-library.ts) keeps only Fluent's hiding CSS rules in the document. This holds
 * it to its promise: role queries still leave out what Fluent's styles hide, and the rest of the CSS stays out.
 */
import "@testing-library/jest-dom";
import { render, screen } from "@testing-library/react";
import { Button, FluentProvider, makeStyles, webLightTheme } from "@fluentui/react-components";

const useStyles = makeStyles({
  gone: { display: "none" },
  unseen: { visibility: "hidden" },
  red: { color: "rgb(200, 0, 0)", paddingLeft: "3px" },
});

function Probe() {
  const styles = useStyles();
  return (
    <>
      <Button className={styles.gone}>Gone</Button>
      <Button className={styles.unseen}>Unseen</Button>
      <Button className={styles.red}>Shown</Button>
    </>
  );
}

const documentRules = () =>
  Array.from(document.styleSheets).flatMap((sheet) => Array.from(sheet.cssRules, (rule) => rule.cssText));

describe("Fluent styles in jsdom suites", () => {
  beforeEach(() => {
    render(
      <FluentProvider theme={webLightTheme}>
        <Probe />
      </FluentProvider>,
    );
  });

  it("still hides what a display or visibility rule hides, so role queries skip it", () => {
    expect(screen.queryByRole("button", { name: "Gone" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Unseen" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Shown" })).toBeVisible();
    expect(documentRules().some((css) => /display:\s*none/.test(css))).toBe(true);
  });

  it("leaves every other rule out of the document", () => {
    const rules = documentRules();
    expect(rules.length).toBeGreaterThan(0);
    expect(rules.filter((css) => /rgb\(200, 0, 0\)|padding-left/.test(css))).toEqual([]);
    // FluentProvider writes its theme's variables itself, one rule per provider, outside the style engine.
    const styleEngine = rules.filter((css) => !css.startsWith(".fui-FluentProvider"));
    expect(styleEngine.length).toBeGreaterThan(0);
    expect(styleEngine.every((css) => /display:\s*none|visibility:\s*hidden/.test(css))).toBe(true);
  });
});
