// What the browser tests check on every screen: axe-core (0 critical, 0 serious), no horizontal overflow,
// and, in French, no text of the pane's own that is not French.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { catalog } from "../build/pure.mjs";

// Evaluated through the DevTools protocol rather than added as a <script>: the pane's Content-Security-Policy
// (script-src 'self' …) rightly refuses inline scripts, and the check must not weaken it.
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

// axe-core in the page (WCAG 2.x A/AA rules and best practices); returns the critical and serious violations.
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe !== "undefined"))) await page.evaluate(`${axeSource}\n;undefined`);
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  return results.violations.filter((v) => v.impact === "critical" || v.impact === "serious")
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ") + " " + (n.failureSummary ?? "").replace(/\s+/g, " ")).join(" | ")}`);
}

export async function assertAccessible(page, screen) {
  assert.deepEqual(await axeViolations(page), [], `axe on ${screen}`);
}

export async function assertNoHorizontalOverflow(page, screen) {
  const { scroll, width, wide } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth, width: window.innerWidth,
    wide: [...document.querySelectorAll("main *")].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
      .slice(0, 5).map((el) => `${el.tagName.toLowerCase()}.${el.className} ${Math.round(el.getBoundingClientRect().right)}px`),
  }));
  assert.ok(scroll <= width, `${screen}: ${scroll} px of content in ${width} px (${wide.join(", ")})`);
  assert.deepEqual(wide, [], `${screen}: elements wider than the pane`);
}

// Each French string of the pane as a pattern ({0} matches anything, spaces are loose), to recognise its texts.
const patterns = Object.values(catalog("fr")).map((text) =>
  new RegExp("^" + text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\\\{\d\\\}/g, ".*").replace(/\s+/g, "\\s*") + "$", "su"));
const frenchDate = /^\d{1,2} [a-zéû]+\.? \d{4}(,? (à )?\d{2}:\d{2})?$/u;

// Every text node, aria-label, title, placeholder and alt of the page outside CRM data (translate="no") must be
// one of the French strings, a French date, or given data (stage texts from the API, demo users): else it is English left.
export async function untranslated(page, data = []) {
  const texts = await page.evaluate(() => {
    const out = [];
    const skip = (el) => !el || el.closest("[translate=no], script, style, noscript");
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (!skip(n.parentElement) && n.textContent.trim()) out.push(n.textContent);
    for (const el of document.querySelectorAll("[aria-label], [title], [placeholder], [alt]"))
      if (!skip(el)) for (const a of ["aria-label", "title", "placeholder", "alt"]) if (el.getAttribute(a)) out.push(el.getAttribute(a));
    out.push(document.title);
    return out;
  });
  const known = new Set(data.map((d) => d.trim()));
  const fits = (segment) => !/\p{L}/u.test(segment) || known.has(segment) || frenchDate.test(segment) || patterns.some((p) => p.test(segment));
  // "(Réalisée)", "✉ 20 nov. 2026": the words inside the signs are what must be French.
  const ok = (segment) => fits(segment) || fits(segment.replace(/^[^\p{L}\d]+|[^\p{L}\d.…]+$/gu, ""));
  return [...new Set(texts.flatMap((text) => text.split(/\s+·\s+|\s*·\s*$|^\s*·\s*/).map((s) => s.trim()).filter(Boolean)).filter((s) => !ok(s)))];
}
