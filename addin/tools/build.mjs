// Builds the task pane into dist/ (served by the API at /addin/) and the modules the unit tests import into build/.
import { build } from "esbuild";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";

const root = new URL("..", import.meta.url).pathname;
const dist = `${root}dist`;
rmSync(dist, { recursive: true, force: true });
mkdirSync(`${dist}/dev`, { recursive: true });

const browser = { bundle: true, format: "iife", target: "es2020", sourcemap: true, logLevel: "warning" };
// MSAL as an ES module of its own, named by its content's hash (the API serves chunks/ as immutable), and the pane
// without it: auth.ts's import("./msal") becomes an import of that file, made only when the pane signs in with NAA.
const msal = await build({ ...browser, format: "esm", entryPoints: { msal: `${root}src/msal.ts` }, outdir: `${dist}/chunks`,
  entryNames: "[name]-[hash]", minify: true, metafile: true });
const msalFile = Object.keys(msal.metafile.outputs).find((f) => f.endsWith(".js")).split("/").pop();
const msalApart = { name: "msal-apart", setup(b) { b.onResolve({ filter: /^\.\/msal$/ }, () => ({ path: `./chunks/${msalFile}`, external: true })); } };
await build({ ...browser, entryPoints: [`${root}src/taskpane.ts`], outfile: `${dist}/taskpane.js`, minify: true, plugins: [msalApart] });
await build({ ...browser, entryPoints: [`${root}src/dev/office-stub.ts`], outfile: `${dist}/dev/office-stub.js` });
await build({ ...browser, entryPoints: [`${root}src/dev/simulator.ts`], outfile: `${dist}/dev/simulator.js` });

cpSync(`${root}src/static`, dist, { recursive: true });
cpSync(`${root}assets`, `${dist}/assets`, { recursive: true });
// The API rebases this copy for each host (GET /manifest.xml), so a deployment needs only dist/.
cpSync(`${root}../manifest.xml`, `${dist}/manifest.xml`);
// The unified manifest for Microsoft 365 (JSON) and its French strings: served as /manifest.json and /manifest.zip.
cpSync(`${root}unified`, `${dist}/unified`, { recursive: true });

// The simulator's pane: the same page with the Office stub in place of Microsoft's office.js.
const page = readFileSync(`${dist}/taskpane.html`, "utf8");
const cdn = /<script src="https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js"><\/script>/;
if (!cdn.test(page)) throw new Error("taskpane.html no longer loads office.js from the CDN");
writeFileSync(`${dist}/taskpane-dev.html`, page.replace(cdn, '<script src="dev/office-stub.js"></script>'));

// Pure modules for node --test (office-addin-mock stands in for Office there).
const node = { bundle: true, format: "esm", platform: "neutral", target: "es2022", logLevel: "warning" };
await build({ ...node, entryPoints: [`${root}src/mailbox.ts`], outfile: `${root}build/mailbox.mjs` });
await build({ ...node, entryPoints: [`${root}test-support/pure.ts`], outfile: `${root}build/pure.mjs` });
