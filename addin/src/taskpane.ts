import { startPane } from "./app";
import { warmIntl } from "./i18n";

// The page loads this script async: it may run before office.js (a parser-blocking script of the page's head, so it
// has run by DOMContentLoaded). What needs no Office starts at once: ICU's data (docs/performance.md).
warmIntl();

// Office.onReady only wires the pane up; everything else lives in app.ts and the views.
const wire = () => Office.onReady(() => {
  void startPane(document.getElementById("app")!);
});
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", wire, { once: true });
else wire();
