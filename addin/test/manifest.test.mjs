// The repository's manifest, checked offline; the served copy is checked against the running API in the browser tests.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

// xmllint's XPath, namespace-blind (local-name), on the repository's manifest.
const xpath = (expression, source = xml) => {
  const dir = mkdtempSync(join(tmpdir(), "xpath-"));
  try {
    writeFileSync(join(dir, "m.xml"), source);
    return execFileSync("xmllint", ["--xpath", expression, join(dir, "m.xml")], { encoding: "utf8" }).trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
const el = (name) => `*[local-name()='${name}']`;
const typed = (name, type) => `*[local-name()='${name}' and @*[local-name()='type']='${type}']`;

test("VersionOverrides 1.1 sits inside 1.0, as Outlook requires for SupportsPinning and MobileFormFactor", () => {
  // https://learn.microsoft.com/office/dev/add-ins/outlook/pinnable-taskpane: "SupportsPinning is defined in the VersionOverrides
  // v1.1 schema, so you will need to include a VersionOverrides element both for v1.0 and v1.1".
  assert.equal(xpath(`count(/${el("OfficeApp")}/${typed("VersionOverrides", "VersionOverridesV1_0")}/${typed("VersionOverrides", "VersionOverridesV1_1")})`), "1");
  assert.equal(xpath(`count(//${typed("VersionOverrides", "VersionOverridesV1_0")}/${el("Hosts")}//${el("SupportsPinning")})`), "0", "not in 1.0, whose schema lacks it");
});

test("the mail panes can be pinned; appointment panes, which Outlook cannot pin, are not marked", () => {
  const v11 = `//${typed("VersionOverrides", "VersionOverridesV1_1")}`;
  for (const surface of ["MessageReadCommandSurface", "MessageComposeCommandSurface"])
    assert.equal(xpath(`string(${v11}//${typed("ExtensionPoint", surface)}//${typed("Action", "ShowTaskpane")}/${el("SupportsPinning")})`), "true", surface);
  for (const surface of ["AppointmentAttendeeCommandSurface", "AppointmentOrganizerCommandSurface"])
    assert.equal(xpath(`count(${v11}//${typed("ExtensionPoint", surface)}//${el("SupportsPinning")})`), "0", surface);
});

test("Outlook mobile shows the card on a read mail, with the nine icons mobile needs", () => {
  // https://learn.microsoft.com/office/dev/add-ins/outlook/add-mobile-support: MobileFormFactor in VersionOverrides 1.1,
  // a Group of MobileButton controls, icons of 25, 32 and 48 px at scales 1, 2 and 3.
  const mobile = `//${typed("VersionOverrides", "VersionOverridesV1_1")}/${el("Hosts")}/${el("Host")}/${el("MobileFormFactor")}`;
  const button = `${mobile}/${typed("ExtensionPoint", "MobileMessageReadCommandSurface")}/${el("Group")}/${typed("Control", "MobileButton")}`;
  assert.equal(xpath(`count(${button})`), "1");
  assert.equal(xpath(`string(${button}/${typed("Action", "ShowTaskpane")}/${el("SourceLocation")}/@resid)`), "Taskpane.Url");
  const sizes = xpath(`${button}/${el("Icon")}/${el("Image")}/@size`).match(/\d+/g);
  const scales = xpath(`${button}/${el("Icon")}/${el("Image")}/@scale`).match(/\d+/g);
  const pairs = new Set(sizes.map((s, i) => `${s}@${scales[i]}`));
  for (const s of [25, 32, 48]) for (const k of [1, 2, 3]) assert.ok(pairs.has(`${s}@${k}`), `${s} px at scale ${k}`);
});
