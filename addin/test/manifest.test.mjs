// The repository's manifest, checked offline; the served copy is checked against the running API in the browser tests.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { checkManifest, xmllint } from "../test-support/manifest.mjs";

const xml = readFileSync(new URL("../../manifest.xml", import.meta.url), "utf8");

test("the manifest is well-formed and every resource id it uses is defined", () => {
  const urls = checkManifest(xml);
  for (const url of urls) assert.ok(url.startsWith("https://localhost:5001/addin/"), `${url} is under the add-in's path`);
});

test("a malformed manifest is caught", () => {
  assert.throws(() => xmllint(xml.replace("</OfficeApp>", "")));
  assert.throws(() => checkManifest(xml.replace('resid="Taskpane.Url"', 'resid="Missing.Url"')), /Missing\.Url/);
});

test("the task pane opens on read and compose of mails and appointments", () => {
  for (const surface of ["MessageReadCommandSurface", "MessageComposeCommandSurface", "AppointmentAttendeeCommandSurface", "AppointmentOrganizerCommandSurface"])
    assert.match(xml, new RegExp(`<ExtensionPoint xsi:type="${surface}">[\\s\\S]*?<Action xsi:type="ShowTaskpane">`), surface);
  assert.match(xml, /<bt:Sets DefaultMinVersion="1\.5">\s*<bt:Set Name="Mailbox"\/>/, "requirement sets are stated");
  assert.match(xml, /<Set Name="Mailbox" MinVersion="1\.1"\/>/);
});

test("every icon and page the manifest names is shipped by the build", () => {
  for (const url of checkManifest(xml)) {
    const path = new URL(url).pathname.replace(/^\/addin\//, "");
    const source = path.startsWith("assets/") ? new URL(`../${path}`, import.meta.url) : new URL(`../src/static/${path}`, import.meta.url);
    assert.doesNotThrow(() => readFileSync(source), `${path} exists`);
  }
});
