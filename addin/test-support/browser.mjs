// Debian's Chromium driven by playwright-core; only loopback requests may leave the page,
// and Microsoft's office.js is answered with our Office stub.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";

export const resultsDir = new URL("../test-results/", import.meta.url).pathname;
const stub = new URL("../dist/dev/office-stub.js", import.meta.url).pathname;
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

export async function launch() {
  mkdirSync(resultsDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    // A fake microphone, granted without a prompt: the voice note is recorded with the real MediaRecorder.
    args: ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const blocked = [];
  // One context per scenario: the fake item is fixed when the page starts, like an Outlook pane.
  // signedInAs: a demo user id put where the pane's development sign-in remembers it; omit it to sign in by hand.
  const open = async (base, fakeItem, { width = 320, signedInAs, colorScheme = "light", permissions = [] } = {}) => {
    const context = await browser.newContext({ viewport: { width, height: 1000 }, locale: fakeItem?.language ?? "en-US", colorScheme, permissions });
    await context.route("**/*", (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === "appsforoffice.microsoft.com" && url.pathname.endsWith("/office.js"))
        return route.fulfill({ path: stub, contentType: "application/javascript" });
      if (LOOPBACK.has(url.hostname)) return route.continue();
      blocked.push(url.href);
      return route.abort();
    });
    await context.addInitScript(([spec, userId]) => {
      if (spec) window.__OUTLOOKCRM_FAKE_ITEM__ = spec; // else the simulator page's own item
      if (userId) localStorage.setItem("outlookcrm.dev.userId", String(userId));
    }, [fakeItem, signedInAs ?? null]);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${base}/addin/taskpane.html`);
    return { page, context, errors };
  };
  return { browser, open, blocked, close: () => browser.close() };
}

export const shot = (page, name) => page.screenshot({ path: `${resultsDir}${name}.png`, fullPage: true });
