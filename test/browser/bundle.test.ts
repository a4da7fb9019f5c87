/**
 * The task pane's first load stays small: its entry scripts are at most 160 KB gzipped (163,840 bytes), as the bench
 * measures them, and hold only the frame and what reads the open return. The views, the officers' decision room, the
 * template library, the confirmation dialog (and Fluent's focus manager, tabster, which comes with it), the dark and
 * high-contrast themes, the quarterly report (model, narrative, summary sheet, list schema), MSAL and the Graph client
 * load on demand. Which modules a script holds is read from its source map (the paths it names), so a regression names
 * the module that crept back in, not just a size.
 */
import fs from "node:fs";
import path from "node:path";
import { measureBundle } from "../../bench/bundle";
import { freshProductionBuild } from "../support/builds";

/** The pane's first JavaScript, gzipped (bench key `bundle.initialGzipBytes`): at most 160 KB. */
const INITIAL_GZIP_LIMIT = 163_840;

// Strings each library carries in its minified code: MSAL's SKU name and the Graph SDK's.
const MSAL = "msal.js.browser";
const GRAPH_SDK = "graph-js";

/**
 * Modules that are never on the first screen, by their path in the source map. Views are named by the convention
 * that every `…View.tsx` is a tab's view, loaded when its tab opens.
 */
const NOT_ON_FIRST_SCREEN: readonly { what: string; pattern: RegExp }[] = [
  {
    what: "a view (each loads when its tab opens)",
    pattern: /\/src\/taskpane\/components\/[A-Za-z]+View\.tsx$/,
  },
  {
    what: "the officers' decision room (loads with the first decision)",
    pattern: /\/src\/core\/decisions\.ts$/,
  },
  {
    what: "the template library (loads with the New view)",
    pattern: /\/src\/taskpane\/components\/TemplateLibrary[A-Za-z]*\.tsx$/,
  },
  { what: "the confirmation dialog", pattern: /\/src\/taskpane\/components\/ConfirmDialog\.tsx$/ },
  // Fluent's TabList was the only first-screen part that needed tabster; the pane's tabs are its own (PaneTabs.tsx).
  {
    what: "Fluent's focus manager, tabster (loads with the first dialog)",
    pattern: /\/node_modules\/tabster\//,
  },
  // other-themes.ts only re-exports Fluent's: the map names Fluent's dark theme module, not the re-export.
  {
    what: "the dark and high-contrast themes",
    pattern: /\/@fluentui\/tokens\/lib\/themes\/web\/darkTheme\.js$/,
  },
  { what: "the quarterly summary sheet", pattern: /\/src\/taskpane\/summary-sheet\.ts$/ },
  { what: "the quarterly report (model, narrative)", pattern: /\/src\/report\// },
  {
    what: "the SharePoint list schema and sync",
    pattern: /\/src\/sharepoint\/(schema|sync|client|lists|batch)\.ts$/,
  },
  { what: "MSAL", pattern: /\/node_modules\/@azure\/msal-/ },
  { what: "the Graph client", pattern: /\/node_modules\/@microsoft\/microsoft-graph-client\// },
];

/** The module paths a script's source map names. */
function sourcesOf(dist: string, script: string): string[] {
  const map = path.join(dist, `${script}.map`);
  if (!fs.existsSync(map)) throw new Error(`${script} has no source map (${map}): the build must write one.`);
  return (JSON.parse(fs.readFileSync(map, "utf8")) as { sources: string[] }).sources;
}

describe("task pane bundle", () => {
  const dist = freshProductionBuild();
  const { initial, initialFiles } = measureBundle(dist);
  const read = (f: string) => fs.readFileSync(path.join(dist, f), "utf8");
  const lazy = fs.readdirSync(dist).filter((f) => f.endsWith(".js") && !initialFiles.includes(f));

  it(`loads at most ${INITIAL_GZIP_LIMIT.toLocaleString("en-GB")} bytes of gzipped JavaScript at first`, () => {
    expect(initialFiles.length).toBeGreaterThan(0);
    expect(initial).toBeLessThanOrEqual(INITIAL_GZIP_LIMIT);
  });

  it("keeps views, dialogs, the report and the list schema out of the first load", () => {
    const first = initialFiles.flatMap((f) => sourcesOf(dist, f));
    // The map names what the script was built from: the pane's entry must be there, or this check reads nothing.
    expect(first.some((s) => s.endsWith("/src/taskpane/index.tsx"))).toBe(true);
    const crept = first.flatMap((s) =>
      NOT_ON_FIRST_SCREEN.filter(({ pattern }) => pattern.test(s)).map(({ what }) => `${what}: ${s}`),
    );
    expect(crept).toEqual([]);
    // …and each of them is in the build, in a chunk loaded on demand.
    const later = lazy
      .filter((f) => fs.existsSync(path.join(dist, `${f}.map`)))
      .flatMap((f) => sourcesOf(dist, f));
    for (const { what, pattern } of NOT_ON_FIRST_SCREEN.filter((n) => !/MSAL|Graph client/.test(n.what)))
      expect({ what, found: later.some((s) => pattern.test(s)) }).toEqual({ what, found: true });
  });

  it("keeps MSAL and the Graph client out of the first load, in chunks of their own", () => {
    for (const f of initialFiles) {
      expect(read(f)).not.toContain(MSAL);
      expect(read(f)).not.toContain(GRAPH_SDK);
    }
    expect(lazy.some((f) => read(f).includes(MSAL))).toBe(true);
    expect(lazy.some((f) => read(f).includes(GRAPH_SDK))).toBe(true);
  });
});
