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

function buildItem(s: FakeItemSpec) {
  const compose = s.mode === "compose";
  let itemId = compose ? "" : s.itemId ?? "";
  const item: Record<string, unknown> = {
    itemType: s.kind,
    subject: prop(compose, s.subject),
    body: { getAsync: (_type: string, a: unknown, b?: Callback<string>) => ok(s.body ?? "", (typeof a === "function" ? a : b) as Callback<string>) },
    attachments: compose ? undefined : (s.attachments ?? []).map((name, i) => ({ id: `att${i}`, name, isInline: false, size: 1000 })),
    getAttachmentsAsync: (cb: Callback<unknown[]>) => ok((s.attachments ?? []).map((name, i) => ({ id: `att${i}`, name, isInline: false })), cb),
    saveAsync: (cb: Callback<string>) => { itemId ||= s.itemId ?? `AAMkFake${Date.now()}`; ok(itemId, cb); },
    getItemIdAsync: (cb: Callback<string>) => ok(itemId, cb),
  };
  if (!compose) item.itemId = itemId;
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
