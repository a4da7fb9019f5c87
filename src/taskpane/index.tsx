/**
 * Task pane entry: waits for Office, loads the theme Office is showing (light, dark or high contrast), builds the
 * Excel-backed host and renders the app. A bad `?emulator=` address is shown as a plain message, not a blank pane.
 */
import { createRoot, type Root } from "react-dom/client";
import { FluentProvider } from "@fluentui/react-components";
import { describeError, technicalDetail } from "../core/errors";
import { App } from "./components/App";
import { Notice } from "./components/Notice";
import { createExcelHost } from "./excel-host";
import { officeWorkbook } from "./office-workbook";
import { loadTheme, paneTheme } from "./themes";

function workbookName(): string {
  const url = Office.context?.document?.url ?? "";
  return decodeURIComponent(url.split(/[\\/]/).pop() ?? "") || url;
}

async function start(root: Root): Promise<void> {
  const theme = await loadTheme(paneTheme());
  try {
    const host = createExcelHost({
      workbook: officeWorkbook,
      search: window.location.search,
      sourceWorkbook: workbookName,
    });
    const render = async () => root.render(<App host={host} theme={await loadTheme(paneTheme())} />);
    root.render(<App host={host} theme={theme} />);
    window.matchMedia?.("(forced-colors: active)").addEventListener?.("change", () => void render());
  } catch (err) {
    console.error("Task pane could not start:", technicalDetail(err));
    root.render(
      <FluentProvider theme={theme} style={{ minHeight: "100vh", padding: 12 }}>
        <main>
          <Notice intent="error" title="KPI Returns could not start">
            {describeError(err, "Close the task pane and open it again; report it if it keeps happening.")}
          </Notice>
        </main>
      </FluentProvider>,
    );
  }
}

Office.onReady(() => {
  const container = document.getElementById("container");
  if (container) void start(createRoot(container));
});
