/**
 * What the browser test asserts and the bench counts about the task pane, measured in one place: sideways overflow
 * (the page and every scroll container), axe-core's violations, and a sweep of every view the pane's navigation
 * reaches, at the widths Excel opens the pane (270 px Mac, 320 px Windows, 350 px on the web) and at 200% zoom, in
 * light, dark and forced colours.
 */
import fs from "node:fs";
import type { Page } from "playwright-core";
import type { AxeResults, RunOptions } from "axe-core";
import type { RegisterEntry } from "../../src/core/register";
import type { WorkbookState } from "./fake-office";
import type { PaneSession } from "./pane-harness";

/** Excel's default task-pane widths: Mac, Windows, the web. */
export const PANE_WIDTHS = [270, 320, 350] as const;
/**
 * 200% zoom on the Windows pane. Browser zoom divides the CSS width the page lays out in by the zoom factor, so a
 * 320 px pane at 200% lays out exactly as a 160 px viewport does (media queries and wrapping included); that is what
 * reflow depends on. deviceScaleFactor alone only sharpens pixels, and CSS `zoom` on the root leaves media queries
 * at 320 px, so neither would show what a zoomed pane shows.
 */
export const ZOOMED_WIDTH = 160;
export const PANE_HEIGHT = 900;

export type Scheme = "light" | "dark" | "forced";
export const SCHEMES: readonly Scheme[] = ["light", "dark", "forced"];

/** The pane in a colour scheme: Office's dark theme is read when the pane starts, so a change of scheme reloads it. */
export async function openIn(session: PaneSession, scheme: Scheme, open: (dark: boolean) => Promise<void>) {
  await session.page.emulateMedia({
    colorScheme: scheme === "dark" ? "dark" : "light",
    forcedColors: scheme === "forced" ? "active" : "none",
    reducedMotion: "reduce",
  });
  await open(scheme === "dark");
}

/** Resizes the pane and waits for layout (and anything that measures it) to settle. */
export async function atWidth(page: Page, width: number): Promise<void> {
  await page.setViewportSize({ width, height: PANE_HEIGHT });
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(null)))),
  );
}

export interface Overflow {
  /** How far content runs past the right edge, in CSS px: 0 when nothing scrolls sideways. */
  readonly px: number;
  /** Which box scrolls: "the page", or the scroll container's tag, role, name or class. */
  readonly where: string;
}

/** The widest sideways scroll in the pane now: the document's, or any element's that scrolls (overflow-x auto/scroll). */
export async function sidewaysOverflow(page: Page): Promise<Overflow> {
  return page.evaluate(() => {
    const describe = (el: Element): string => {
      const name =
        el.getAttribute("aria-label") ?? el.getAttribute("role") ?? el.className.toString().split(" ")[0];
      return `<${el.tagName.toLowerCase()}> ${name ?? ""} "${(el.textContent ?? "").trim().slice(0, 40)}"`;
    };
    const doc = document.scrollingElement ?? document.documentElement;
    let worst = { px: Math.max(0, doc.scrollWidth - doc.clientWidth), where: "the page" };
    for (const el of Array.from(document.body.querySelectorAll("*"))) {
      const overflowX = getComputedStyle(el).overflowX;
      if (overflowX !== "auto" && overflowX !== "scroll") continue;
      const px = el.scrollWidth - el.clientWidth;
      if (px > worst.px) worst = { px, where: describe(el) };
    }
    return worst;
  });
}

export interface Violation {
  readonly rule: string;
  readonly impact: string;
  readonly help: string;
  /** Each failing element: its selector and the start of its markup. */
  readonly nodes: string[];
}

const AXE_SOURCE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/**
 * axe-core's violations in the pane as it is now (all rules axe runs by default: WCAG 2.x A and AA, and best
 * practice). One known false positive is left out, by rule and selector: Fluent's focus manager (tabster) puts
 * `aria-hidden` elements with `tabindex=0` at the edges of focus groups (`data-tabster-dummy`), which only pass focus
 * on and are never announced; axe's aria-hidden-focus rule flags them. See microsoft/tabster#288 and
 * microsoft/fluentui#25133 (Fluent lists it among v9's known issues; Accessibility Insights suppresses it the same way).
 * Under forced colours color-contrast is not run: the browser paints the user's system colours over the author's
 * (nothing here opts out with forced-color-adjust), so the author's contrast is not what anyone sees, and axe still
 * reads the high-contrast theme's own link colour (#ffff00, meant for a black page) where Chromium paints LinkText.
 */
export async function axeViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(context: Document, options: RunOptions): Promise<AxeResults> } }
    ).axe;
    const forced = window.matchMedia("(forced-colors: active)").matches;
    const results = await axe.run(
      document,
      forced ? { rules: { "color-contrast": { enabled: false } } } : {},
    );
    const tabsterDummy = (target: unknown): boolean => {
      const selector = Array.isArray(target) ? target[target.length - 1] : target;
      return (
        typeof selector === "string" && !!document.querySelector(selector)?.hasAttribute("data-tabster-dummy")
      );
    };
    return results.violations
      .map((v) => ({
        rule: v.id,
        impact: v.impact ?? "",
        help: v.help,
        nodes: v.nodes
          .filter((n) => !(v.id === "aria-hidden-focus" && tabsterDummy(n.target[0])))
          // What axe measured (for contrast, the two colours and the ratio) names the fix in the report.
          .map(
            (n) =>
              `${n.target.join(" ")} ${n.html.slice(0, 100)} — ${(n.failureSummary ?? "").replace(/\s+/g, " ")}`,
          ),
      }))
      .filter((v) => v.nodes.length > 0);
  });
}

/** The views the pane's navigation offers, by name, in order (whatever they are: nothing here lists them). */
export async function navViews(page: Page): Promise<string[]> {
  const nav = page.getByRole("tablist", { name: "Views" });
  await nav.waitFor();
  return (await nav.getByRole("tab").allInnerTexts()).map((t) => t.trim());
}

/**
 * Waits until nothing in the pane says it is busy (a spinner, a progress bar, or a view still loading: the pane's own
 * ring marks its region aria-busy), for at most `ms`.
 */
export async function settled(page: Page, ms = 15_000): Promise<void> {
  const busy = '[role="progressbar"], .fui-Spinner, [aria-busy="true"]';
  await page.waitForFunction((selector) => !document.querySelector(selector), busy, {
    timeout: ms,
  });
}

/** Opens a view from the navigation, and every "details" disclosure in it, so what they hide is checked too. */
export async function openView(page: Page, name: string): Promise<void> {
  await page.getByRole("tablist", { name: "Views" }).getByRole("tab", { name, exact: true }).click();
  await settled(page);
  await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
  await settled(page);
}

/** One look at the pane: where it was, how far it scrolls sideways, and what axe found. */
export interface Look {
  readonly where: string;
  readonly width: number;
  readonly overflow: Overflow;
  readonly violations: Violation[];
}

/** Looks at the pane as it is now, at each width (overflow, and axe unless `axe` is false). */
export async function look(
  page: Page,
  where: string,
  widths: readonly number[],
  options: { axe?: boolean } = {},
): Promise<Look[]> {
  const looks: Look[] = [];
  for (const width of widths) {
    await atWidth(page, width);
    looks.push({
      where: `${where} at ${width} px`,
      width,
      overflow: await sidewaysOverflow(page),
      violations: options.axe === false ? [] : await axeViolations(page),
    });
  }
  return looks;
}

/** Every view the navigation reaches (or only the one the pane opened on), looked at at each width. */
export async function sweepViews(
  page: Page,
  where: string,
  options: { axeWidths: readonly number[]; openedViewOnly?: boolean },
): Promise<Look[]> {
  await settled(page);
  const opened = await page
    .getByRole("tablist", { name: "Views" })
    .locator("[role=tab][aria-selected=true]")
    .innerText();
  const views = options.openedViewOnly ? [opened.trim()] : await navViews(page);
  const looks: Look[] = [];
  for (const view of views) {
    await openView(page, view);
    for (const width of [...PANE_WIDTHS, ZOOMED_WIDTH])
      looks.push(
        ...(await look(page, `${where}, ${view} view`, [width], { axe: options.axeWidths.includes(width) })),
      );
  }
  return looks;
}

/** A return the sweep opens: its name in reports, its workbook, and the file's URL as Office reports it. */
export interface SweptReturn {
  readonly name: string;
  readonly workbook: WorkbookState;
  readonly url: string;
  /** The Return Register's entry for it, set before the sweep (left as it is when not given). */
  readonly register?: RegisterEntry;
}

/**
 * The pane swept in light, dark and forced colours: for the first return every view the navigation offers, for the
 * others the view the pane opens them in (the rest do not depend on the return). Overflow at every pane width and at
 * 200% zoom; axe at the narrowest pane (270 px) and at 200% zoom in light, and at Windows' 320 px in dark and forced
 * colours (colour is what they change). Every width's overflow is measured, so a box that scrolls is caught there.
 */
export async function sweepPane(session: PaneSession, returns: readonly SweptReturn[]): Promise<Look[]> {
  const looks: Look[] = [];
  for (const r of returns) if (r.register) await session.register(r.register);
  for (const scheme of SCHEMES) {
    for (const [i, r] of returns.entries()) {
      await atWidth(session.page, 320);
      await openIn(session, scheme, (dark) => session.open(r.workbook, r.url, { dark }));
      looks.push(
        ...(await sweepViews(session.page, `${r.name} in ${scheme}`, {
          axeWidths: scheme === "light" ? [270, ZOOMED_WIDTH] : [320],
          openedViewOnly: i > 0,
        })),
      );
    }
  }
  return looks;
}

/** What is wrong in these looks, one line each: the overflow and every violation (empty when all is well). */
export function problems(looks: readonly Look[]): string[] {
  return looks.flatMap((l) => [
    ...(l.overflow.px > 0 ? [`${l.where}: scrolls ${l.overflow.px} px sideways (${l.overflow.where})`] : []),
    ...l.violations.map((v) => `${l.where}: axe ${v.rule} (${v.impact}) ${v.help}: ${v.nodes.join("; ")}`),
  ]);
}

/** The bench's figures from the looks: distinct violations (rule and element, per view and scheme) and widest overflow. */
export function figures(looks: readonly Look[]): { axeViolations: number; overflowPx: number } {
  const distinct = new Set(
    looks.flatMap((l) =>
      l.violations.flatMap((v) => v.nodes.map((n) => `${l.where.replace(/ at \d+ px$/, "")}|${v.rule}|${n}`)),
    ),
  );
  const overflowPx = looks
    .filter((l) => (PANE_WIDTHS as readonly number[]).includes(l.width))
    .reduce((max, l) => Math.max(max, l.overflow.px), 0);
  return { axeViolations: distinct.size, overflowPx };
}
