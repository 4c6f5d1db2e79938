import { startPane } from "./app";

// Office.onReady only wires the pane up; everything else lives in app.ts and the views.
Office.onReady(() => {
  void startPane(document.getElementById("app")!);
});
