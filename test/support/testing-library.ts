/**
 * Jest setup for every suite. In a jsdom suite:
 * - Testing Library's waitFor and findBy* wait up to 10 s instead of 1 s. Each step of a component test can be several
 *   renders (and, in some, real HTTP to the emulator); on a loaded 2-core machine that takes longer than 1 s, and a
 *   test that then fails says nothing about the code. A quick step still finishes as soon as it can.
 * - TextEncoder is Node's: every browser Office runs in has it (hashes of approved figures and of templates use it),
 *   jsdom does not.
 */
import { TextEncoder as NodeTextEncoder } from "node:util";

if (typeof window !== "undefined") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require("@testing-library/dom") as typeof import("@testing-library/dom")).configure({
    asyncUtilTimeout: 10_000,
  });
  if (typeof globalThis.TextEncoder === "undefined") {
    Object.assign(globalThis, { TextEncoder: NodeTextEncoder });
  }
}
