/**
 * Ribbon function commands. "Check return" validates the open return without opening the task pane and reports in
 * a small dialog (Excel has no notification area for add-ins); the sheet keeps the highlights and notes.
 */
import { createExcelHost } from "../taskpane/excel-host";
import { officeWorkbook } from "../taskpane/office-workbook";
import { checkReturnCommand, summaryUrl, type CheckSummary } from "./check-return";

/** Shows the summary in an Office dialog and waits for Close; when no dialog can open, the sheet's highlights remain. */
function showInDialog(summary: CheckSummary): Promise<void> {
  const page = new URL("check-result.html", window.location.href).toString();
  return new Promise((resolve) => {
    Office.context.ui.displayDialogAsync(
      summaryUrl(page, summary),
      { height: 40, width: 30, displayInIframe: true },
      (opened) => {
        if (opened.status !== Office.AsyncResultStatus.Succeeded) return resolve();
        const dialog = opened.value;
        const done = () => {
          dialog.close();
          resolve();
        };
        dialog.addEventHandler(Office.EventType.DialogMessageReceived, done);
        dialog.addEventHandler(Office.EventType.DialogEventReceived, () => resolve());
      },
    );
  });
}

Office.onReady(() => {
  Office.actions.associate("checkReturn", (event: Office.AddinCommands.Event) => {
    // The same host as the pane's (and its ?emulator= choice), so the ribbon checks exactly as the pane does.
    const host = createExcelHost({ workbook: officeWorkbook, search: window.location.search });
    void checkReturnCommand(host, showInDialog).finally(() => event.completed());
  });
});
