// Browser benchmark of the pane's first card (issue 15): the real pane in Debian's Chromium against the embedded API
// (SQLite, demo data), opened RUNS times on a mail from a known contact, each time in a fresh browser context (empty
// HTTP cache, like a first open). Measures from the pane's navigation start to the first card on screen, counts the
// requests made before it, prints where the time went, and exits 1 when p95 > 300 ms or more than 2 requests.
// Run: cd addin && npm run build && node bench/first-card.mjs   (RUNS=40 by default)
//
// What the harness must not add to the measured time (docs/performance.md, "Pane's first card"):
// - no Playwright request interception: any route makes every request of the page go through this process (and
//   turns the HTTP cache off); Microsoft's office.js is served instead by a local HTTPS server that Chromium's host
//   resolver maps the CDN's name to (other names resolve nowhere), so only loopback is ever reached;
// - nothing of Playwright's runs in the page while it loads: the first card is reported by the init script's
//   MutationObserver through the console, not waited for with a locator (its injected script is ~20–40 ms of the
//   page's main thread);
// - none of Chromium's own WebUI (the omnibox popup loads ~150 modules in every new window of headless Chromium 15x).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { chromium } from "playwright-core";
import { apiAs, startApi } from "../test-support/api-server.mjs";

const runs = Number(process.env.RUNS ?? 40);
const stub = readFileSync(new URL("../dist/dev/office-stub.js", import.meta.url));

// The stand-in for https://appsforoffice.microsoft.com/lib/1/hosted/office.js: a throwaway self-signed certificate, and
// its own thread, so that its TLS handshakes do not wait for this process's Playwright traffic.
const certDir = mkdtempSync(join(tmpdir(), "outlookcrm-bench-"));
execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=appsforoffice.microsoft.com",
  "-keyout", join(certDir, "key.pem"), "-out", join(certDir, "cert.pem")], { stdio: "ignore" });
const cdn = new Worker(`
  const { parentPort, workerData } = require("node:worker_threads");
  const server = require("node:https").createServer({ key: workerData.key, cert: workerData.cert }, (request, response) => {
    if (!request.url.endsWith("/office.js")) return response.writeHead(404).end();
    response.writeHead(200, { "Content-Type": "application/javascript", "Content-Length": workerData.stub.length, "Timing-Allow-Origin": "*" }).end(workerData.stub);
  });
  server.listen(0, "127.0.0.1", () => parentPort.postMessage(server.address().port));
`, { eval: true, workerData: { key: readFileSync(join(certDir, "key.pem")), cert: readFileSync(join(certDir, "cert.pem")), stub } });
const cdnPort = await new Promise((resolve, reject) => { cdn.once("message", resolve); cdn.once("error", reject); });

const server = await startApi({ timeoutMs: 600_000 });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
    "--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup",
    `--host-resolver-rules=MAP appsforoffice.microsoft.com 127.0.0.1:${cdnPort}, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost`],
});
try {
  const users = await (await fetch(`${server.base}/dev/users`)).json();
  const repUser = users.find((u) => u.role === "Rep");
  const rep = await apiAs(server.base, repUser.id);
  const contact = (await rep.ok("/api/contacts?limit=50")).items.find((c) => c.email);
  const item = {
    kind: "message", subject: "Quote request", from: { name: contact.lastName, email: contact.email }, to: [{ name: repUser.displayName, email: repUser.upn }],
    cc: [], sentAt: "2026-11-20T08:30:00Z", internetMessageId: "<bench@client.example>", itemId: "AAMkBench", body: "Hello", attachments: [],
    user: { name: repUser.displayName, email: repUser.upn },
  };
  const samples = [];
  for (let i = 0; i < runs + 3; i++) {
    // ignoreHTTPSErrors: the stand-in CDN's certificate only (loopback); the API is plain HTTP on loopback.
    const context = await browser.newContext({ viewport: { width: 320, height: 900 }, ignoreHTTPSErrors: true });
    // A signed-in rep whose token is already cached (as NAA's silent token is), the fake mail, and the instruments:
    // every fetch the pane starts, when Office.onReady is called and fires, and the moment the first card is in the document.
    await context.addInitScript(([spec, userId, token]) => {
      window.__OUTLOOKCRM_FAKE_ITEM__ = spec;
      localStorage.setItem("outlookcrm.dev.userId", String(userId));
      sessionStorage.setItem("outlookcrm.dev.token", JSON.stringify({ token, until: Date.now() + 3_000_000, userId }));
      window.__fetches = [];
      const original = window.fetch.bind(window);
      window.fetch = (input, init) => {
        window.__fetches.push({ url: String(input instanceof Request ? input.url : input), at: performance.now() });
        return original(input, init);
      };
      // Office.onReady is called once the pane's script has run (taskpane.ts is its last module), its callback when Office is ready.
      let office;
      Object.defineProperty(window, "Office", {
        configurable: true,
        get: () => office,
        set: (value) => {
          office = value;
          const onReady = value.onReady.bind(value);
          value.onReady = (callback) => {
            window.__onReadyCalled ??= performance.now();
            return onReady((info) => { window.__officeReady ??= performance.now(); return callback?.(info); });
          };
        },
      });
      new MutationObserver((_, observer) => {
        if (document.querySelector("article.card")) {
          window.__firstCard = performance.now();
          observer.disconnect();
          console.log("outlookcrm-bench:first-card");
        }
      }).observe(document, { childList: true, subtree: true });
    }, [item, repUser.id, rep.token]);
    const page = await context.newPage();
    const shown = page.waitForEvent("console", { predicate: (m) => m.text() === "outlookcrm-bench:first-card", timeout: 15_000 });
    shown.catch(() => {}); // awaited below, after the navigation (which fails first if the page cannot load)
    await page.goto(`${server.base}/addin/taskpane.html`, { waitUntil: "commit" });
    await shown;
    // Read after the card (a late request would still be listed, and counted if it started before the card).
    await page.waitForLoadState("load");
    const { firstCard, fetches, marks } = await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0];
      const resource = (part) => performance.getEntriesByType("resource").find((r) => r.name.includes(part));
      const timing = (r) => r && { start: r.startTime, requestStart: r.requestStart, responseStart: r.responseStart, end: r.responseEnd };
      return {
        firstCard: window.__firstCard, fetches: window.__fetches,
        marks: {
          html: timing(nav), domContentLoaded: nav.domContentLoadedEventStart,
          officeJs: timing(resource("/office.js")), css: timing(resource("taskpane.css")), js: timing(resource("taskpane.js")),
          config: timing(resource("config.json")), paneStart: timing(resource("/api/pane/start")),
          onReadyCalled: window.__onReadyCalled, officeReady: window.__officeReady, firstCard: window.__firstCard,
        },
      };
    });
    if (i >= 3) samples.push({ ms: firstCard, marks, requests: fetches.filter((f) => f.at < firstCard).map((f) => new URL(f.url, server.base).pathname) });
    await context.close();
  }
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const pct = (p) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  const maxRequests = Math.max(...samples.map((s) => s.requests.length));
  console.log(`Pane opened ${samples.length} times (after 3 warm-up opens), first card on screen:`);
  console.log(`| p50 ms | p95 ms | max ms | requests before the card |`);
  console.log(`|---:|---:|---:|---|`);
  console.log(`| ${pct(0.5).toFixed(0)} | ${pct(0.95).toFixed(0)} | ${sorted.at(-1).toFixed(0)} | ${maxRequests}: ${samples[0].requests.join(", ")} |`);

  // Where the time goes: the median of each instant (ms from navigation start) and of each duration.
  const median = (values) => { const v = values.filter(Number.isFinite).sort((a, b) => a - b); return v.length ? v[Math.floor((v.length - 1) / 2)] : NaN; };
  const row = (label, f) => console.log(`| ${label} | ${median(samples.map((s) => f(s.marks))).toFixed(1)} |`);
  console.log(`\nWhere the time goes (medians over the opens; instants in ms from navigation start):`);
  console.log(`| step | ms |`);
  console.log(`|---|---:|`);
  row("page (HTML) received", (m) => m.html.end);
  row("office.js (stub) received", (m) => m.officeJs?.end);
  row("taskpane.css received", (m) => m.css?.end);
  row("taskpane.js requested", (m) => m.js?.start);
  row("taskpane.js received", (m) => m.js?.end);
  row("pane script run, Office.onReady called", (m) => m.onReadyCalled);
  row("DOMContentLoaded", (m) => m.domContentLoaded);
  row("Office ready (onReady callback)", (m) => m.officeReady);
  row("config.json requested", (m) => m.config?.start);
  row("config.json received", (m) => m.config?.end);
  row("pane/start requested", (m) => m.paneStart?.start);
  row("pane/start: duration", (m) => m.paneStart && m.paneStart.end - m.paneStart.start);
  row("pane/start: sent → first byte (server)", (m) => m.paneStart && m.paneStart.responseStart - m.paneStart.requestStart);
  row("pane/start received", (m) => m.paneStart?.end);
  row("render: pane/start received → card on screen", (m) => m.firstCard - m.paneStart?.end);
  row("first card on screen", (m) => m.firstCard);

  const met = pct(0.95) <= 300 && maxRequests <= 2;
  console.log(`${met ? "met" : "MISSED"}: first card p95 ≤ 300 ms with at most 2 requests on the critical path.`);
  process.exitCode = met ? 0 : 1;
} finally {
  await browser.close();
  await server.stop();
  await cdn.terminate();
  rmSync(certDir, { recursive: true, force: true });
}
