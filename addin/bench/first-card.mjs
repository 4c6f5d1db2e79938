// Browser benchmark of the pane's first card (issue 15): the real pane in Debian's Chromium against the embedded API
// (SQLite, demo data), opened RUNS times on a mail from a known contact. Measures from the pane's navigation start to
// the first card on screen, counts the requests made before it, and exits 1 when p95 > 300 ms or more than 2 requests.
// Run: cd addin && npm run build && node bench/first-card.mjs   (RUNS=40 by default)
import { chromium } from "playwright-core";
import { apiAs, startApi } from "../test-support/api-server.mjs";

const runs = Number(process.env.RUNS ?? 40);
const stub = new URL("../dist/dev/office-stub.js", import.meta.url).pathname;
const server = await startApi({ timeoutMs: 600_000 });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
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
    const context = await browser.newContext({ viewport: { width: 320, height: 900 } });
    await context.route("**/*", (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === "appsforoffice.microsoft.com" && url.pathname.endsWith("/office.js"))
        return route.fulfill({ path: stub, contentType: "application/javascript" });
      return ["127.0.0.1", "localhost"].includes(url.hostname) ? route.continue() : route.abort();
    });
    // A signed-in rep whose token is already cached (as NAA's silent token is), the fake mail, and the instruments:
    // every fetch the pane starts, and the moment the first card is in the document.
    await context.addInitScript(([spec, userId, token]) => {
      window.__OUTLOOKCRM_FAKE_ITEM__ = spec;
      localStorage.setItem("outlookcrm.dev.userId", String(userId));
      sessionStorage.setItem("outlookcrm.dev.token", JSON.stringify({ token, until: Date.now() + 3_000_000, userId }));
      window.__fetches = [];
      const original = window.fetch.bind(window);
      window.fetch = (input, init) => {
        window.__fetches.push({ url: String(input), at: performance.now() });
        return original(input, init);
      };
      new MutationObserver((_, observer) => {
        if (document.querySelector("article.card")) { window.__firstCard = performance.now(); observer.disconnect(); }
      }).observe(document, { childList: true, subtree: true });
    }, [item, repUser.id, rep.token]);
    const page = await context.newPage();
    await page.goto(`${server.base}/addin/taskpane.html`);
    await page.locator("article.card").first().waitFor({ timeout: 15_000 });
    const { firstCard, fetches } = await page.evaluate(() => ({ firstCard: window.__firstCard, fetches: window.__fetches }));
    if (i >= 3) samples.push({ ms: firstCard, requests: fetches.filter((f) => f.at < firstCard).map((f) => new URL(f.url, location.href).pathname) });
    await context.close();
  }
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const pct = (p) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  const maxRequests = Math.max(...samples.map((s) => s.requests.length));
  console.log(`Pane opened ${samples.length} times (after 3 warm-up opens), first card on screen:`);
  console.log(`| p50 ms | p95 ms | max ms | requests before the card |`);
  console.log(`|---:|---:|---:|---|`);
  console.log(`| ${pct(0.5).toFixed(0)} | ${pct(0.95).toFixed(0)} | ${sorted.at(-1).toFixed(0)} | ${maxRequests}: ${samples[0].requests.join(", ")} |`);
  const met = pct(0.95) <= 300 && maxRequests <= 2;
  console.log(`${met ? "met" : "MISSED"}: first card p95 ≤ 300 ms with at most 2 requests on the critical path.`);
  process.exitCode = met ? 0 : 1;
} finally {
  await browser.close();
  await server.stop();
}
