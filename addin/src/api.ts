// Typed client of the OutlookCrm REST API (docs/api.md). Same origin as the pane, bearer token from auth.ts.

export type ActivityType = "Visit" | "Call" | "Meeting" | "Email" | "Task";
export type ActivityStatus = "Planned" | "Done" | "Cancelled";

export interface Me { id: number; displayName: string; upn: string; role: string; territoryId: number | null; territoryName: string | null }
export interface Stage { id: number; name: string; definition: string; order: number; winProbability: number; maxDaysInStage: number | null; kind: "Open" | "Won" | "Lost" }
export interface ActivityRef { id: number; type: ActivityType; subject: string; startUtc: string; endUtc: string | null; status: ActivityStatus }
export interface CardNote { id: number; createdAt: string; authorName: string; text: string; activityId: number | null; dealId: number | null; hasAudio?: boolean }
export interface CardDeal { id: number; title: string; amount: number | null; stageId: number; stageName: string; stageEnteredAt: string; expectedClose: string | null; version: number | string }
export interface LookupCard {
  email: string;
  contact: { id: number; firstName: string | null; lastName: string; jobTitle: string | null; email: string; phone: string | null; mobile: string | null; lastVerifiedAt: string | null; version: number | string; toVerify?: boolean };
  company: {
    id: number; name: string; status: string; category: string | null; accountManagerId: number | null; accountManagerName: string | null; territoryName: string | null;
    salesYearToDate: number | null; salesLastYear: number | null; outstandingAmount: number | null; lastVerifiedAt: string | null; version: number | string; toVerify?: boolean;
    phone?: string | null;
  };
  lastNotes: CardNote[];
  openDeals: CardDeal[];
  lastActivity: ActivityRef | null;
  nextActivity: ActivityRef | null;
  alerts: CardAlert[];
  recentMails?: ActivityRef[];
  followUps?: CardFollowUp[] | null;
}
// The company's open follow-ups ("relances"), soonest first; dueOn is a calendar date (yyyy-mm-dd).
export interface CardFollowUp { id: number; dueOn: string; reason: string; dealId: number | null; ownerId: number; ownerName: string; overdue: boolean; version: number | string }
export type QuoteStatus = "Draft" | "Sent" | "Accepted" | "Refused" | "Expired";
export interface QuoteSummary { id: number; number: string; dealId: number; companyId: number; status: QuoteStatus; validUntil: string; totalExclVat: number; totalInclVat: number; version: number | string }
// The API sends alerts as codes with parameters; the pane writes them in its language (i18n.alertText).
export interface CardAlert { kind: string; dealId: number | null; message: string; params?: Record<string, string | number | boolean | null> }
export interface CompanySuggestion { id: number; name: string; postalCode: string | null; city: string | null; accountManagerName: string | null; reason: "domain" | "website" | "name" }
export interface Suggestions { domain: string | null; addressKnown: boolean; companies: CompanySuggestion[] }
export interface Company { id: number; name: string; status: string; city: string | null; accountManagerName: string | null; version: number | string }
export interface Contact { id: number; companyId: number; companyName: string; firstName: string | null; lastName: string; email: string | null; version: number | string }
export interface Activity {
  id: number; type: ActivityType; subject: string; startUtc: string; endUtc: string | null; timeZone: string | null; companyId: number; companyName: string;
  contactIds: number[]; dealId: number | null; status: ActivityStatus; outcome: string | null; details: string | null; location: string | null;
  outlookEventId: string | null; outlookICalUId: string | null; internetMessageId: string | null; noteCount: number; version: number | string;
  closedAt?: string | null; alreadyLogged?: boolean;
}
export interface Deal { id: number; companyId: number; title: string; stageId: number; stageName: string; version: number | string }
export interface Note { id: number; text: string; companyId: number; activityId: number | null; dealId: number | null }
export interface Page<T> { items: T[]; next: number | null }
export interface PaneStart { me: Me; stages: Stage[]; cards: LookupCard[]; linked: Activity | null; linkedCompanyIds: number[] }

export interface ActivityRequest {
  type: ActivityType; subject: string; startUtc: string; endUtc?: string | null; timeZone?: string | null; companyId: number; contactIds?: number[];
  dealId?: number | null; status?: ActivityStatus; details?: string | null; location?: string | null; outlookEventId?: string | null;
  outlookICalUId?: string | null; internetMessageId?: string | null; note?: string | null;
}

export interface Problem { status: number; title?: string; detail?: string; code?: string; errors?: Record<string, string[]> }

// An HTTP failure carrying the API's ProblemDetails, so views can show what the server said.
export class ApiError extends Error {
  constructor(public readonly status: number, public readonly problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
  }
  get fieldErrors(): string[] {
    return Object.entries(this.problem.errors ?? {}).map(([field, messages]) => `${field}: ${messages.join(" ")}`);
  }
}

export type TokenSource = () => Promise<string>;

export interface Saved<T> { value: T; created: boolean }

export class CrmApi {
  // language: the pane's (Outlook's display language), so the API's errors and stage texts come in it.
  constructor(private readonly token: TokenSource, private readonly base = "", private readonly language = "en") {}

  private async send<T>(method: string, path: string, body?: unknown, version?: number | string, raw?: Blob): Promise<{ value: T; status: number }> {
    const headers: Record<string, string> = { Authorization: `Bearer ${await this.token()}`, Accept: "application/json", "Accept-Language": this.language };
    if (raw) headers["Content-Type"] = raw.type || "application/octet-stream";
    else if (body !== undefined) headers["Content-Type"] = "application/json";
    if (version !== undefined) headers["If-Match"] = `"${version}"`;
    let response: Response;
    try {
      response = await fetch(this.base + path, { method, headers, body: raw ?? (body === undefined ? undefined : JSON.stringify(body)) });
    } catch {
      throw new ApiError(0, { status: 0, title: "network" });
    }
    const text = await response.text();
    const data = text ? safeJson(text) : null;
    if (!response.ok) throw new ApiError(response.status, (data as Problem) ?? { status: response.status, title: response.statusText });
    return { value: data as T, status: response.status };
  }

  private async get<T>(path: string): Promise<T> { return (await this.send<T>("GET", path)).value; }

  me() { return this.get<Me>("/api/me"); }
  // The pane's first screen in one request: user, stages, the people's cards and the activity linked to the item.
  paneStart(emails: string[], key: { icalUid?: string; internetMessageId?: string }) {
    const query = [...emails.map((e) => `email=${encodeURIComponent(e)}`),
      ...(key.icalUid ? [`icalUid=${encodeURIComponent(key.icalUid)}`] : key.internetMessageId ? [`internetMessageId=${encodeURIComponent(key.internetMessageId)}`] : [])];
    return this.get<PaneStart>(`/api/pane/start?${query.join("&")}`);
  }
  stages() { return this.get<Stage[]>("/api/stages"); }
  lookup(emails: string[]) {
    if (emails.length === 0) return Promise.resolve([] as LookupCard[]);
    return this.get<LookupCard[]>(`/api/lookup?${emails.map((e) => `email=${encodeURIComponent(e)}`).join("&")}`);
  }
  suggestCompanies(q: { email?: string; name?: string; postalCode?: string }) {
    const query = Object.entries(q).filter(([, v]) => v).map(([k, v]) => `${k}=${encodeURIComponent(v!)}`).join("&");
    return this.get<Suggestions>(`/api/companies/suggestions?${query}`);
  }
  searchCompanies(q: string) { return this.get<Page<Company>>(`/api/companies?q=${encodeURIComponent(q)}&limit=10`); }
  createCompany(name: string, postalCode?: string | null) { return this.send<Company>("POST", "/api/companies", { name, postalCode: postalCode || null }).then((r) => r.value); }
  createContact(body: { companyId: number; firstName: string | null; lastName: string; email: string; jobTitle: string | null }) {
    return this.send<Contact>("POST", "/api/contacts", body).then((r) => r.value);
  }
  activity(id: number) { return this.get<Activity>(`/api/activities/${id}`); }
  async activityByOutlook(key: { icalUid?: string; internetMessageId?: string }): Promise<Activity | null> {
    const query = key.icalUid ? `icalUid=${encodeURIComponent(key.icalUid)}` : `internetMessageId=${encodeURIComponent(key.internetMessageId ?? "")}`;
    try {
      return await this.get<Activity>(`/api/activities/by-outlook?${query}`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }
  }
  // 201: a new activity; 200: the Outlook item was already linked (updated for an appointment, unchanged for a mail).
  async saveActivity(body: ActivityRequest): Promise<Saved<Activity>> {
    const r = await this.send<Activity>("POST", "/api/activities", body);
    return { value: r.value, created: r.status === 201 && !r.value.alreadyLogged };
  }
  closeActivity(a: Activity, body: { outcome: string | null; note: string | null }) {
    return this.send<Activity>("POST", `/api/activities/${a.id}/close`, body, a.version).then((r) => r.value);
  }
  createFollowUp(body: { companyId: number; dealId: number | null; dueOn: string; reason: string }) {
    return this.send<{ id: number; dueOn: string }>("POST", "/api/followups", body).then((r) => r.value);
  }
  addNote(body: { text: string; companyId?: number; activityId?: number; dealId?: number }) {
    return this.send<Note>("POST", "/api/notes", body).then((r) => r.value);
  }
  // Voice notes: the recording is stored beside its note (PUT raw audio/*), fetched with the token to play it.
  putAudio(noteId: number, audio: Blob) { return this.send<null>("PUT", `/api/notes/${noteId}/audio`, undefined, undefined, audio).then(() => undefined); }
  async audio(noteId: number): Promise<Blob> {
    const response = await fetch(`${this.base}/api/notes/${noteId}/audio`, { headers: { Authorization: `Bearer ${await this.token()}`, "Accept-Language": this.language } });
    if (!response.ok) throw new ApiError(response.status, { status: response.status });
    return response.blob();
  }
  quotesOf(dealId: number) { return this.get<Page<QuoteSummary>>(`/api/quotes?dealId=${dealId}&limit=100`); }
  // The quote's .docx, fetched with the token (the add-in attaches it to the mail being written).
  async quoteDocument(quoteId: number): Promise<Blob> {
    const response = await fetch(`${this.base}/api/quotes/${quoteId}/document`, { headers: { Authorization: `Bearer ${await this.token()}`, "Accept-Language": this.language } });
    if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => ({ status: response.status })));
    return response.blob();
  }
  moveDeal(deal: { id: number; version: number | string }, stageId: number) {
    return this.send<Deal>("POST", `/api/deals/${deal.id}/stage`, { stageId }, deal.version).then((r) => r.value);
  }
}

function safeJson(text: string): unknown {
  try { return JSON.parse(text); } catch { return { title: text.slice(0, 200) }; }
}
