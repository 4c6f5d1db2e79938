// The unified manifest's JSON schema (from @microsoft/app-manifest, offline) and a small reader of zip app packages.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { inflateRawSync } from "node:zlib";
import { AppManifestUtils } from "@microsoft/app-manifest";

const require = createRequire(import.meta.url);
export const manifest = JSON.parse(readFileSync(new URL("../unified/manifest.json", import.meta.url), "utf8"));
export const schemaDir = join(dirname(require.resolve("@microsoft/app-manifest/package.json")), "build/json-schemas/teams", `v${manifest.manifestVersion}`);
const schema = JSON.parse(readFileSync(join(schemaDir, "MicrosoftTeams.schema.json"), "utf8"));

// The schema failures of a manifest ([] when valid), the schema of its manifestVersion taken from the npm package.
export const validate = (m) => AppManifestUtils.validateAgainstSchema(m, schema);

// The files of a zip (central directory, then each entry stored or deflated): name → Buffer.
export function unzip(zip) {
  const files = new Map();
  for (let at = zip.indexOf("PK\x01\x02"); at >= 0; at = zip.indexOf("PK\x01\x02", at + 4)) {
    const method = zip.readUInt16LE(at + 10), size = zip.readUInt32LE(at + 20), nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42), name = zip.toString("utf8", at + 46, at + 46 + nameLength);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
  }
  return files;
}
