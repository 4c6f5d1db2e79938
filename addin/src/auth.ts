// Sign-in. Production: nested app authentication (MSAL nestable client, silent first, then popup)
// for a token to our API only. Embedded run: the API's development sign-in (/dev/users, /dev/token).
// MSAL (311 KB of the 365 KB the pane used to load) is imported when NAA first needs a token: the embedded run's
// development sign-in never loads it (docs/performance.md, "Pane's first card").
import type { IPublicClientApplication } from "@azure/msal-browser";

export interface AddinConfig { devSignIn: boolean; clientId: string | null; authority: string | null; apiScope: string | null }
export interface DevUser { id: number; displayName: string; upn: string; role: string; territory: string | null }

export interface Auth {
  readonly mode: "dev" | "naa";
  token(): Promise<string>;
}

// taskpane.html preloads this URL while office.js and the pane's script load: the first fetch takes that answer.
export async function loadConfig(): Promise<AddinConfig> {
  const response = await fetch("/addin/config.json", { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`config ${response.status}`);
  return (await response.json()) as AddinConfig;
}

const DEV_USER_KEY = "outlookcrm.dev.userId";
const DEV_TOKEN_KEY = "outlookcrm.dev.token";

export class DevAuth implements Auth {
  readonly mode = "dev" as const;

  async users(): Promise<DevUser[]> {
    const response = await fetch("/dev/users");
    if (!response.ok) throw new Error(`/dev/users ${response.status}`);
    return (await response.json()) as DevUser[];
  }

  get userId(): number | null {
    const stored = localStorage.getItem(DEV_USER_KEY);
    return stored ? Number(stored) : null;
  }

  async signIn(userId: number): Promise<DevUser> {
    const response = await fetch("/dev/token", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ userId }) });
    if (!response.ok) throw new Error(`/dev/token ${response.status}`);
    const body = (await response.json()) as { accessToken: string; expiresIn: number; user: DevUser };
    localStorage.setItem(DEV_USER_KEY, String(userId));
    sessionStorage.setItem(DEV_TOKEN_KEY, JSON.stringify({ token: body.accessToken, until: Date.now() + (body.expiresIn - 60) * 1000, userId }));
    return body.user;
  }

  signOut(): void {
    localStorage.removeItem(DEV_USER_KEY);
    sessionStorage.removeItem(DEV_TOKEN_KEY);
  }

  async token(): Promise<string> {
    const cached = JSON.parse(sessionStorage.getItem(DEV_TOKEN_KEY) ?? "null") as { token: string; until: number; userId: number } | null;
    if (cached && cached.until > Date.now() && cached.userId === this.userId) return cached.token;
    if (this.userId == null) throw new Error("Not signed in");
    await this.signIn(this.userId);
    return JSON.parse(sessionStorage.getItem(DEV_TOKEN_KEY)!).token as string;
  }
}

export class NaaAuth implements Auth {
  readonly mode = "naa" as const;
  private client: Promise<IPublicClientApplication> | null = null;

  constructor(private readonly config: AddinConfig) {
    if (!config.clientId || !config.apiScope) throw new Error("The API does not publish Addin:ClientId and Addin:ApiScope.");
  }

  private pca(): Promise<IPublicClientApplication> {
    this.client ??= import("./msal").then((msal) => msal.createNestablePublicClientApplication({
      auth: { clientId: this.config.clientId!, authority: this.config.authority || "https://login.microsoftonline.com/common" },
      // Tokens and account names stay out of the logs.
      system: { loggerOptions: { piiLoggingEnabled: false, logLevel: 0 } },
    })).catch((error: unknown) => {
      this.client = null; // a failed load (network) is tried again at the next token
      throw error;
    });
    return this.client;
  }

  async token(): Promise<string> {
    const pca = await this.pca();
    // Only our API's scope: no Graph, no Exchange token.
    const request = { scopes: [this.config.apiScope!] };
    try {
      return (await pca.acquireTokenSilent(request)).accessToken;
    } catch {
      return (await pca.acquireTokenPopup(request)).accessToken;
    }
  }
}
