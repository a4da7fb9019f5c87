/**
 * Task pane entry: waits for Office, picks the theme Office is showing (light, dark or high contrast), builds the
 * Excel-backed host and renders the app. A bad `?emulator=` address is shown as a plain message, not a blank pane.
 */
import { createRoot } from "react-dom/client";
import { describeError, technicalDetail } from "../core/errors";
import { App, type PaneTheme } from "./components/App";
import { createExcelHost } from "./excel-host";
import { officeWorkbook } from "./office-workbook";

/** Windows high contrast shows as forced colours; Office's own theme says whether it is dark. */
function paneTheme(): PaneTheme {
  if (window.matchMedia?.("(forced-colors: active)").matches) return "highContrast";
  return Office.context?.officeTheme?.isDarkTheme ? "dark" : "light";
}

function workbookName(): string {
  const url = Office.context?.document?.url ?? "";
  return decodeURIComponent(url.split(/[\\/]/).pop() ?? "") || url;
}

Office.onReady(() => {
  const container = document.getElementById("container");
  if (!container) return;
  const root = createRoot(container);
  try {
    const host = createExcelHost({
      workbook: officeWorkbook,
      search: window.location.search,
      sourceWorkbook: workbookName,
    });
    const render = () => root.render(<App host={host} theme={paneTheme()} />);
    render();
    window.matchMedia?.("(forced-colors: active)").addEventListener?.("change", render);
  } catch (err) {
    console.error("Task pane could not start:", technicalDetail(err));
    root.render(
      <p role="alert">
        {describeError(err, "Close the task pane and open it again; report it if it keeps happening.")}
      </p>,
    );
  }
});
