/** Ribbon function commands: "Check return" validates the open return without opening the task pane. */
Office.onReady(() => {
  Office.actions.associate("checkReturn", (event: Office.AddinCommands.Event) => event.completed());
});
