// The only module that touches Office.js: it turns the current Outlook item into plain data.
// Literal strings ("message", "failed", "text") stand for Office enums so tests can mock Office simply.

export interface Person {
  name: string;
  email: string;
}

export interface CurrentItem {
  kind: "message" | "appointment";
  mode: "read" | "compose";
  subject: string;
  from: Person | null; // sender of a mail, organizer of an appointment
  to: Person[]; // recipients, or required attendees
  cc: Person[]; // copies, or optional attendees
  start: Date | null;
  end: Date | null;
  location: string;
  sentAt: Date | null;
  internetMessageId: string | null;
  itemId: string | null; // REST (Graph) id of the item in the user's mailbox, when it has one
  attachmentNames: string[];
  bodyExcerpt: string;
}

export interface MailboxUser {
  name: string;
  email: string;
  timeZone: string;
  displayLanguage: string;
}

const EXCERPT_LENGTH = 500;

type AnyItem = Record<string, any>;

function asPromise<T>(call: (callback: (result: Office.AsyncResult<T>) => void) => void): Promise<T> {
  return new Promise((resolve, reject) =>
    call((result) => (String(result.status) === "failed" ? reject(new Error(result.error?.message ?? "Office call failed")) : resolve(result.value))),
  );
}

// A read-mode property is a value; the same property in compose mode has getAsync.
async function read<T>(value: unknown, fallback: T): Promise<T> {
  if (value == null) return fallback;
  const asyncValue = value as { getAsync?: (cb: (r: Office.AsyncResult<T>) => void) => void };
  if (typeof asyncValue.getAsync === "function") return (await asPromise<T>((cb) => asyncValue.getAsync!(cb))) ?? fallback;
  return value as T;
}

function person(details: { displayName?: string; emailAddress?: string } | null | undefined): Person | null {
  const email = details?.emailAddress?.trim().toLowerCase();
  if (!email) return null;
  return { name: details?.displayName?.trim() || email, email };
}

function people(list: unknown): Person[] {
  return Array.isArray(list) ? list.map(person).filter((p): p is Person => p !== null) : [];
}

export function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= EXCERPT_LENGTH ? flat : flat.slice(0, EXCERPT_LENGTH - 1) + "…";
}

function mailbox(): AnyItem {
  return (Office.context as unknown as AnyItem).mailbox;
}

export function readUser(): MailboxUser {
  const profile = mailbox()?.userProfile ?? {};
  return {
    name: profile.displayName ?? "",
    email: String(profile.emailAddress ?? "").toLowerCase(),
    timeZone: profile.timeZone ?? "",
    displayLanguage: (Office.context as unknown as AnyItem).displayLanguage ?? "en-US",
  };
}

export function hasItem(): boolean {
  return !!mailbox()?.item;
}

function restId(ewsId: string | null | undefined): string | null {
  if (!ewsId) return null;
  const box = mailbox();
  // Outlook mobile already hands out REST ids; convertToRestId is there elsewhere (Mailbox 1.3).
  if (typeof box.convertToRestId !== "function") return ewsId;
  return box.convertToRestId(ewsId, "v2.0");
}

export async function readCurrentItem(): Promise<CurrentItem> {
  const item: AnyItem = mailbox()?.item;
  if (!item) throw new Error("No Outlook item is open.");
  const kind = String(item.itemType) === "appointment" ? "appointment" : "message";
  const mode = typeof item.subject === "string" ? "read" : "compose";
  const subject = await read<string>(item.subject, "");
  const bodyText = item.body ? await asPromise<string>((cb) => item.body.getAsync("text", cb)).catch(() => "") : "";
  const attachments: AnyItem[] =
    mode === "read" ? item.attachments ?? [] : typeof item.getAttachmentsAsync === "function" ? await asPromise<AnyItem[]>((cb) => item.getAttachmentsAsync(cb)).catch(() => []) : [];
  const common = {
    kind, mode, subject,
    attachmentNames: attachments.filter((a) => !a.isInline).map((a) => String(a.name)),
    bodyExcerpt: excerpt(bodyText ?? ""),
    itemId: mode === "read" ? restId(item.itemId) : await composeItemId(item),
  } as const;

  if (kind === "appointment") {
    return {
      ...common,
      from: person(await read(item.organizer, null)),
      to: people(await read(item.requiredAttendees, [])),
      cc: people(await read(item.optionalAttendees, [])),
      start: toDate(await read(item.start, null)),
      end: toDate(await read(item.end, null)),
      location: await read<string>(item.location, ""),
      sentAt: null,
      internetMessageId: null,
    };
  }
  return {
    ...common,
    from: person(await read(item.from, null)),
    to: people(await read(item.to, [])),
    cc: people(await read(item.cc, [])),
    start: null,
    end: null,
    location: "",
    sentAt: toDate(item.dateTimeCreated ?? null),
    internetMessageId: mode === "read" ? item.internetMessageId ?? null : null,
  };
}

function toDate(value: unknown): Date | null {
  if (value == null || value === "") return null;
  const d = value instanceof Date ? value : new Date(String(value));
  return isNaN(d.getTime()) ? null : d;
}

// A compose item has an id once saved (Mailbox 1.8); before that Office reports an error, read as "none yet".
async function composeItemId(item: AnyItem): Promise<string | null> {
  if (typeof item.getItemIdAsync !== "function") return null;
  const id = await asPromise<string>((cb) => item.getItemIdAsync(cb)).catch(() => null);
  return id ? restId(id) : null;
}

// An organizer's appointment gets an id only once saved; the activity is linked to that id.
export async function ensureItemId(): Promise<string | null> {
  const item: AnyItem = mailbox()?.item;
  if (!item) return null;
  if (typeof item.itemId === "string" && item.itemId) return restId(item.itemId);
  if (typeof item.saveAsync !== "function") return null;
  const saved = await asPromise<string>((cb) => item.saveAsync(cb));
  if (saved) return restId(saved);
  if (typeof item.getItemIdAsync === "function") return restId(await asPromise<string>((cb) => item.getItemIdAsync(cb)));
  return null;
}

// The people on the other side: every address of the item except the user's own domain, once each.
export function counterparts(item: CurrentItem, userEmail: string): Person[] {
  const ownDomain = domainOf(userEmail);
  const seen = new Set<string>();
  const result: Person[] = [];
  for (const p of [item.from, ...item.to, ...item.cc]) {
    if (!p || seen.has(p.email)) continue;
    seen.add(p.email);
    if (ownDomain && domainOf(p.email) === ownDomain) continue;
    result.push(p);
  }
  return result;
}

export function domainOf(email: string): string {
  const at = email.lastIndexOf("@");
  return at < 0 ? "" : email.slice(at + 1).toLowerCase();
}

// The pane follows the reading pane when the task pane is pinned (Mailbox 1.5).
export function onItemChanged(handler: () => void): void {
  const box = mailbox();
  if (typeof box?.addHandlerAsync === "function") box.addHandlerAsync("olkItemSelectedChanged", handler);
}

export function displayLanguage(): string {
  return (Office.context as unknown as AnyItem)?.displayLanguage ?? navigator.language ?? "en-US";
}

// Attaches a file to the item being composed (Mailbox 1.8, compose mode only): the Base64 content without any
// "data:…;base64," prefix, and the name shown in the mail. Resolves with Outlook's attachment id.
export function attachFile(base64: string, name: string): Promise<string> {
  const item: AnyItem = mailbox()?.item;
  if (typeof item?.addFileAttachmentFromBase64Async !== "function") return Promise.reject(new Error("This Outlook item cannot take attachments."));
  return asPromise<string>((cb) => item.addFileAttachmentFromBase64Async(base64, name, { isInline: false }, cb));
}
