/**
 * Jest setup for every suite. In a jsdom suite:
 * - Testing Library's waitFor and findBy* wait up to 10 s instead of 1 s. Each step of a component test can be several
 *   renders (and, in some, real HTTP to the emulator); on a loaded 2-core machine that takes longer than 1 s, and a
 *   test that then fails says nothing about the code. A quick step still finishes as soon as it can.
 * - TextEncoder is Node's: every browser Office runs in has it (hashes of approved figures and of templates use it),
 *   jsdom does not.
 * - Fluent's style engine (Griffel) inserts into the document only the CSS rules that hide something (`display: none`,
 *   `visibility: hidden`). Those are the rules Testing Library's role queries consult, through getComputedStyle, to
 *   leave hidden elements out, so what a query finds is unchanged. jsdom computes a style by matching every rule in
 *   the document against the element and its ancestors, and Fluent's atomic CSS grows to thousands of rules over a
 *   suite, which made each `getByRole` cost a third of a second and a view suite half a minute. Layout, colour and
 *   width are the browser suite's to check (test/browser), in Chromium with the production build.
 *   test/taskpane/jsdom-styles.test.tsx holds this to its promise.
 */
import { TextEncoder as NodeTextEncoder } from "node:util";

/** A rule that hides what it matches. */
const HIDES = /[{;]\s*(display\s*:\s*none|visibility\s*:\s*hidden)\s*(!important\s*)?[;}]/;

if (typeof window !== "undefined") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require("@testing-library/dom") as typeof import("@testing-library/dom")).configure({
    asyncUtilTimeout: 10_000,
  });
  if (typeof globalThis.TextEncoder === "undefined") {
    Object.assign(globalThis, { TextEncoder: NodeTextEncoder });
  }
  jest.mock("@griffel/core", () => {
    const actual = jest.requireActual<typeof import("@griffel/core")>("@griffel/core");
    return {
      ...actual,
      createDOMRenderer: (...[target, options = {}]: Parameters<typeof actual.createDOMRenderer>) =>
        actual.createDOMRenderer(target, {
          ...options,
          unstable_filterCSSRule: (css: string) =>
            HIDES.test(css) && (options.unstable_filterCSSRule?.(css) ?? true),
        }),
    };
  });
}
