/** The "Check return" result dialog: shows the counts and first findings, and tells the ribbon command when closed. */
import { summaryFromSearch, type CheckSummary } from "./check-return";

function render(summary: CheckSummary): void {
  const main = document.getElementById("summary");
  if (!main) return;
  const title = document.createElement("h1");
  title.textContent = summary.title;
  main.appendChild(title);
  if (summary.counts) {
    const c = summary.counts;
    const counts = document.createElement("p");
    counts.textContent =
      `${c.error} ${c.error === 1 ? "error" : "errors"}, ${c.query} ${c.query === 1 ? "query" : "queries"}` +
      ` (${c.unexplained} unexplained), ${c.info} ${c.info === 1 ? "note" : "notes"}.`;
    main.appendChild(counts);
  }
  const list = document.createElement("ul");
  for (const line of summary.lines) {
    const item = document.createElement("li");
    item.textContent = line; // text, never HTML: messages quote what providers typed
    list.appendChild(item);
  }
  main.appendChild(list);
}

Office.onReady(() => {
  render(summaryFromSearch(window.location.search));
  const close = document.getElementById("close");
  close?.addEventListener("click", () => Office.context.ui.messageParent("close"));
  close?.focus();
});
