// Offline checks of an add-in manifest: well-formed (xmllint), every resid defined, the URLs it references.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import assert from "node:assert/strict";

export function xmllint(xml) {
  const dir = mkdtempSync(join(tmpdir(), "manifest-"));
  try {
    writeFileSync(join(dir, "manifest.xml"), xml);
    execFileSync("xmllint", ["--noout", join(dir, "manifest.xml")], { stdio: "pipe" });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Each VersionOverrides has its own Resources: the nested 1.1 one, and the 1.0 one without its nested child.
function scopes(xml) {
  const inner = xml.match(/<VersionOverrides [^>]*VersionOverridesV1_1">[\s\S]*?<\/VersionOverrides>/);
  if (!inner) return [xml];
  return [xml.replace(inner[0], ""), inner[0]];
}

// Returns every distinct URL of the manifest after checking that it is well-formed and, in each VersionOverrides,
// that its resource ids are defined once and resolve.
export function checkManifest(xml) {
  xmllint(xml);
  for (const scope of scopes(xml)) {
    const defined = new Map();
    for (const m of scope.matchAll(/<bt:(Image|Url|String)\s+id="([^"]+)"/g)) {
      assert.ok(!defined.has(m[2]), `resource id ${m[2]} is defined once`);
      defined.set(m[2], m[1]);
    }
    const used = [...scope.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(used.length > 0, "the manifest uses resources");
    for (const id of used) assert.ok(defined.has(id), `resource id ${id} is defined`);
    for (const m of scope.matchAll(/<bt:Image size="\d+"(?: scale="\d")? resid="([^"]+)"/g)) assert.equal(defined.get(m[1]), "Image", `${m[1]} is an image`);
    for (const m of scope.matchAll(/<SourceLocation resid="([^"]+)"/g)) assert.equal(defined.get(m[1]), "Url", `${m[1]} is a URL`);
  }
  const urls = new Set([...xml.matchAll(/(?:DefaultValue|Value)="(https?:\/\/[^"]+)"/g), ...xml.matchAll(/<AppDomain>([^<]+)<\/AppDomain>/g)]
    .map((m) => m[1]).filter((u) => !/<AppDomain>/.test(u)));
  return [...urls].filter((u) => new URL(u).pathname !== "/");
}
