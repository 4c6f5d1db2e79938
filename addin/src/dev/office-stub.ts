// Stands in for office.js outside Outlook: Office.onReady and a mailbox whose item comes from
// window.__OUTLOOKCRM_FAKE_ITEM__ (browser tests) or from the simulator page (sessionStorage).
import { FAKE_ITEM_KEY, type FakeItemSpec, type FakePerson } from "./fakeItem";

type Callback<T> = (result: { status: string; value: T; error?: { message: string } }) => void;

const details = (p?: FakePerson) => (p ? { displayName: p.name, emailAddress: p.email, recipientType: "externalUser" } : null);
const ok = <T>(value: T, cb?: Callback<T>) => setTimeout(() => cb?.({ status: "succeeded", value }), 0);
// Compose-mode properties are read with getAsync; read-mode ones are plain values.
const prop = <T>(compose: boolean, value: T) => (compose ? { getAsync: (a: unknown, b?: Callback<T>) => ok(value, (typeof a === "function" ? a : b) as Callback<T>) } : value);

function spec(): FakeItemSpec | null {
  const w = window as unknown as { __OUTLOOKCRM_FAKE_ITEM__?: FakeItemSpec };
  if (w.__OUTLOOKCRM_FAKE_ITEM__) return w.__OUTLOOKCRM_FAKE_ITEM__;
  const stored = sessionStorage.getItem(FAKE_ITEM_KEY);
  return stored ? (JSON.parse(stored) as FakeItemSpec) : null;
}

// Files added by the pane to a compose item, for the tests to read back (window.__OUTLOOKCRM_ATTACHED__).
export interface FakeAttachment { id: string; name: string; base64: string }
const attached: FakeAttachment[] = [];
(window as unknown as { __OUTLOOKCRM_ATTACHED__: FakeAttachment[] }).__OUTLOOKCRM_ATTACHED__ = attached;
const failed = <T>(name: string, message: string, cb?: Callback<T>) =>
  setTimeout(() => cb?.({ status: "failed", value: undefined as T, error: { name, message } } as never), 0);

// MessageCompose.addFileAttachmentFromBase64Async, with the rules of its reference page
// (https://learn.microsoft.com/javascript/api/outlook/office.messagecompose#outlook-office-messagecompose-addfileattachmentfrombase64async-member(1)):
// only on an item being composed (MessageRead has no such method); the content is Base64 only (a "data:" URL prefix must be
// stripped first); at most 34,865,152 characters (25 MB before encoding), else AttachmentSizeExceeded; a name of 1 to 255 characters.
function addFileAttachmentFromBase64Async(base64: string, name: string, a?: unknown, b?: Callback<string>) {
  const cb = (typeof a === "function" ? a : b) as Callback<string> | undefined;
  if (typeof base64 !== "string" || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64) || base64.length % 4 !== 0)
    return failed("InvalidAttachmentPath", "The given parameters do not match the expected format.", cb);
  if (base64.length > 34_865_152) return failed("AttachmentSizeExceeded", "The attachment cannot be added because it is too big.", cb);
  if (typeof name !== "string" || name.length === 0 || name.length > 255) return failed("InvalidAttachmentPath", "The attachment name is not valid.", cb);
  const id = `AAMkAttachment${attached.length + 1}`;
  attached.push({ id, name, base64 });
  ok(id, cb);
}

function buildItem(s: FakeItemSpec) {
  const compose = s.mode === "compose";
  let itemId = compose ? "" : s.itemId ?? "";
  const item: Record<string, unknown> = {
    itemType: s.kind,
    subject: prop(compose, s.subject),
    body: { getAsync: (_type: string, a: unknown, b?: Callback<string>) => ok(s.body ?? "", (typeof a === "function" ? a : b) as Callback<string>) },
    attachments: compose ? undefined : (s.attachments ?? []).map((name, i) => ({ id: `att${i}`, name, isInline: false, size: 1000 })),
    getAttachmentsAsync: (cb: Callback<unknown[]>) => ok([...(s.attachments ?? []).map((name, i) => ({ id: `att${i}`, name, isInline: false })),
      ...attached.map((f) => ({ id: f.id, name: f.name, isInline: false }))], cb),
    saveAsync: (cb: Callback<string>) => { itemId ||= s.itemId ?? `AAMkFake${Date.now()}`; ok(itemId, cb); },
    getItemIdAsync: (cb: Callback<string>) => ok(itemId, cb),
  };
  if (!compose) item.itemId = itemId;
  else item.addFileAttachmentFromBase64Async = addFileAttachmentFromBase64Async;
  if (s.kind === "appointment") {
    Object.assign(item, {
      organizer: prop(compose, details(s.from)),
      requiredAttendees: prop(compose, (s.to ?? []).map(details)),
      optionalAttendees: prop(compose, (s.cc ?? []).map(details)),
      start: prop(compose, s.start ? new Date(s.start) : null),
      end: prop(compose, s.end ? new Date(s.end) : null),
      location: prop(compose, s.location ?? ""),
    });
  } else {
    Object.assign(item, {
      from: prop(compose, details(s.from)),
      to: prop(compose, (s.to ?? []).map(details)),
      cc: prop(compose, (s.cc ?? []).map(details)),
      dateTimeCreated: s.sentAt ? new Date(s.sentAt) : new Date(),
      internetMessageId: compose ? undefined : s.internetMessageId,
    });
  }
  return item;
}

const s = spec();
const itemChanged: (() => void)[] = [];
const office = {
  context: {
    displayLanguage: s?.language ?? "en-US",
    mailbox: {
      item: s ? buildItem(s) : null,
      userProfile: { displayName: s?.user.name ?? "", emailAddress: s?.user.email ?? "", timeZone: "Romance Standard Time" },
      convertToRestId: (id: string) => id.replace(/\//g, "-").replace(/\+/g, "_"),
      // A pinned pane stays open while the user selects another item: Outlook fires ItemChanged
      // (olkItemSelectedChanged). Tests switch items with window.__OUTLOOKCRM_SELECT_ITEM__(spec).
      addHandlerAsync: (event: string, handler: () => void) => { if (event === "olkItemSelectedChanged") itemChanged.push(handler); },
    },
  },
  MailboxEnums: { ItemType: { Message: "message", Appointment: "appointment" }, RestVersion: { v2_0: "v2.0" } },
  CoercionType: { Text: "text", Html: "html" },
  AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
  // Like the real one: resolves once the DOM is ready.
  onReady(callback?: (info: { host: string; platform: string }) => void) {
    return new Promise((resolve) => {
      const fire = () => { const info = { host: "Outlook", platform: "OfficeOnline" }; callback?.(info); resolve(info); };
      if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fire); else setTimeout(fire, 0);
    });
  },
};
(window as unknown as { Office: unknown }).Office = office;

(window as unknown as { __OUTLOOKCRM_SELECT_ITEM__: (next: FakeItemSpec) => void }).__OUTLOOKCRM_SELECT_ITEM__ = (next) => {
  office.context.mailbox.item = buildItem(next);
  itemChanged.forEach((handler) => handler());
};
