// The unified manifest for Microsoft 365 (JSON), validated offline against Microsoft's JSON schemas shipped in
// @microsoft/app-manifest, and kept in step with the XML manifest (office-addin-manifest-converter derives one from the other).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Ajv from "ajv-draft-04";
import { manifest, schemaDir as schemas, validate } from "../test-support/unified.mjs";

const require = createRequire(import.meta.url);
const french = JSON.parse(readFileSync(new URL("../unified/fr-fr.json", import.meta.url), "utf8"));

test("the unified manifest is valid against its schema version, offline", async () => {
  assert.match(manifest.$schema, new RegExp(`/v${manifest.manifestVersion.replace(".", "\\.")}/MicrosoftTeams\\.schema\\.json$`));
  assert.deepEqual(await validate(manifest), []);
});

test("the schema check does catch a broken manifest", async () => {
  const broken = structuredClone(manifest);
  broken.extensions[0].ribbons[0].tabs[0].groups[0].controls[0].type = "bigButton";
  delete broken.name;
  const failures = await validate(broken);
  assert.ok(failures.some((f) => /name/.test(f)), failures.join("\n"));
  assert.ok(failures.some((f) => /controls\/0\/type/.test(f)), failures.join("\n"));
});

test("its French strings are valid and each one names a string of the manifest", () => {
  // The localization schema's patterns are not Unicode-mode regular expressions: compiled without the u flag.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, logger: false });
  const check = ajv.compile(JSON.parse(readFileSync(join(schemas, "MicrosoftTeams.Localization.schema.json"), "utf8")));
  assert.ok(check(french), JSON.stringify(check.errors));
  assert.ok(!check({ ...french, "name.short": "x".repeat(40) }), "a too long short name is caught");
  for (const [path, text] of Object.entries(french).filter(([k]) => k !== "$schema")) {
    const value = path.split(/\.|\[|\]\.?/).filter(Boolean).reduce((node, key) => node?.[key], manifest);
    assert.equal(typeof value, "string", `${path} exists in manifest.json`);
    assert.notEqual(text, "", path);
  }
});

test("it says what the XML manifest says: same id, same pane, mail panes pinnable, a mobile button, every icon shipped", () => {
  const xml = readFileSync(new URL("../../manifest.xml", import.meta.url), "utf8");
  assert.equal(manifest.id, xml.match(/<Id>([^<]+)<\/Id>/)[1]);
  const runtime = manifest.extensions[0].runtimes[0];
  assert.equal(runtime.code.page, "https://localhost:5001/addin/taskpane.html");
  const actions = Object.fromEntries(runtime.actions.map((a) => [a.id, a]));
  const ribbons = manifest.extensions[0].ribbons;
  const actionOf = (context) => ribbons.find((r) => r.contexts.includes(context) && r.requirements?.formFactors?.includes("desktop")).tabs[0].groups[0].controls[0].actionId;
  assert.equal(actions[actionOf("mailRead")].pinnable, true);
  assert.equal(actions[actionOf("mailCompose")].pinnable, true);
  assert.equal(actions[actionOf("meetingDetailsAttendee")].pinnable, false);
  const mobile = ribbons.find((r) => r.requirements?.formFactors?.includes("mobile"));
  assert.deepEqual(mobile.contexts, ["mailRead"]);
  assert.equal(mobile.tabs[0].customMobileRibbonGroups[0].controls[0].icons.length, 9);
  const urls = JSON.stringify(manifest).match(/https:\/\/localhost:5001\/addin\/[^"]+/g);
  for (const url of new Set(urls)) {
    const path = new URL(url).pathname.replace(/^\/addin\//, "");
    const file = path.startsWith("assets/") ? new URL(`../${path}`, import.meta.url) : new URL(`../src/static/${path}`, import.meta.url);
    assert.doesNotThrow(() => readFileSync(file), `${path} exists`);
  }
  for (const icon of Object.values(manifest.icons)) assert.doesNotThrow(() => readFileSync(new URL(`../assets/${icon}`, import.meta.url)), icon);
});

test("office-addin-manifest-converter reads our XML manifest and agrees on pinning and mobile", () => {
  const dir = mkdtempSync(join(tmpdir(), "convert-"));
  try {
    writeFileSync(join(dir, "manifest.xml"), readFileSync(new URL("../../manifest.xml", import.meta.url)));
    execFileSync(process.execPath, [require.resolve("office-addin-manifest-converter/cli.js"), "convert", join(dir, "manifest.xml"), "-o", join(dir, "out")], { stdio: "pipe" });
    const derived = JSON.parse(readFileSync(join(dir, "out", "manifest.json"), "utf8"));
    assert.equal(derived.id, manifest.id);
    assert.ok(derived.extensions[0].runtimes.some((r) => r.actions.some((a) => a.pinnable === true)), "the XML's SupportsPinning is seen");
    assert.ok(derived.extensions[0].ribbons.some((r) => r.requirements?.formFactors?.includes("mobile")), "the XML's MobileFormFactor is seen");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
