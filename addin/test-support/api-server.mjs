// Starts the real API (embedded default: SQLite file, development sign-in, demo data) on a free loopback port.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const apiProject = new URL("../../api/OutlookCrm.Api.csproj", import.meta.url).pathname;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// timeoutMs: `dotnet run` builds, migrates and seeds the demo data first; on a loaded 2-core machine that took 2–4 minutes.
// https: also listen on https://localhost:<port> with the .NET development certificate, like the run command;
// the answer then carries httpsBase and the certificate (PEM) a client must trust.
export async function startApi({ timeoutMs = Number(process.env.CRM_API_START_TIMEOUT_MS ?? 600_000), https = false } = {}) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "outlookcrm-addin-"));
  const base = `http://127.0.0.1:${port}`;
  let httpsBase = null, certificate = null;
  if (https) {
    execFileSync("dotnet", ["dev-certs", "https", "--quiet"], { stdio: "pipe" });
    execFileSync("dotnet", ["dev-certs", "https", "--export-path", join(dir, "dev-cert.pem"), "--format", "Pem", "--no-password"], { stdio: "pipe" });
    certificate = readFileSync(join(dir, "dev-cert.pem"), "utf8");
    httpsBase = `https://localhost:${await freePort()}`;
  }
  const log = [];
  const child = spawn("dotnet", ["run", "--project", apiProject, "--no-launch-profile"], {
    env: {
      ...process.env,
      ASPNETCORE_ENVIRONMENT: "Development",
      ASPNETCORE_URLS: httpsBase ? `${base};${httpsBase}` : base,
      Database__ConnectionString: `Data Source=${join(dir, "crm.db")}`,
      Auth__DevSignIn: "true",
      Demo__Seed: "true",
      DOTNET_NOLOGO: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, so stopping it also stops the app `dotnet run` starts
  });
  child.stdout.on("data", (d) => log.push(String(d)));
  child.stderr.on("data", (d) => log.push(String(d)));
  let exited = null;
  child.on("exit", (code) => (exited = code));

  const stop = async () => {
    if (exited === null) {
      try { process.kill(-child.pid, "SIGTERM"); } catch { /* already gone */ }
      const deadline = Date.now() + 10_000;
      while (exited === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      if (exited === null) try { process.kill(-child.pid, "SIGKILL"); } catch { /* already gone */ }
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited !== null) {
      await stop();
      throw new Error(`The API exited with ${exited} before it was ready:\n${log.join("").slice(-4000)}`);
    }
    try {
      const response = await fetch(`${base}/dev/users`);
      if (response.ok && (await response.json()).length > 0) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The API was not ready within ${timeoutMs / 1000}s:\n${log.join("").slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { base, port, httpsBase, certificate, stop, log };
}

// A small client for asserting what the API holds, signed in as a demo user.
export async function apiAs(base, userId) {
  const response = await fetch(`${base}/dev/token`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ userId }) });
  if (!response.ok) throw new Error(`/dev/token ${response.status}`);
  const { accessToken } = await response.json();
  const call = async (method, path, body, headers = {}) => {
    const r = await fetch(base + path, {
      method,
      headers: { Authorization: `Bearer ${accessToken}`, ...(body ? { "Content-Type": "application/json" } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null, etag: r.headers.get("etag") };
  };
  return {
    token: accessToken,
    get: (path) => call("GET", path),
    post: (path, body, headers) => call("POST", path, body, headers),
    put: (path, body, headers) => call("PUT", path, body, headers),
    async ok(path) {
      const r = await call("GET", path);
      if (r.status !== 200) throw new Error(`GET ${path} → ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    },
  };
}
