/** Task pane entry: waits for Office, then renders the app. */
import { createRoot } from "react-dom/client";

Office.onReady(() => {
  const container = document.getElementById("container");
  if (container) createRoot(container).render(<p>KPI Returns</p>);
});
