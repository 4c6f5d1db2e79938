// Unit tests of mailbox.ts, the module that reads the Outlook item, against office-addin-mock.
import { test } from "node:test";
import assert from "node:assert/strict";
import { OfficeMockObject } from "office-addin-mock";
import { attachFile, counterparts, ensureItemId, readCurrentItem, readUser } from "../build/mailbox.mjs";

const ok = (value) => (a, b) => (typeof a === "function" ? a : b)({ status: "succeeded", value });
const user = { displayName: "Rep One", emailAddress: "Rep.One@OutlookCrm.example", timeZone: "Romance Standard Time" };

function useMailbox(item, extra = {}) {
  globalThis.Office = new OfficeMockObject({
    context: { displayLanguage: "fr-FR", mailbox: { item, userProfile: user, convertToRestId: (id) => `rest:${id}`, ...extra } },
  }, "outlook");
}

const readMail = () => ({
  itemType: "message",
  subject: "Devis ligne 4",
  from: { displayName: "Jeanne Martin", emailAddress: "Jeanne.Martin@Client.fr" },
  to: [{ displayName: "Rep One", emailAddress: "rep.one@outlookcrm.example" }, { displayName: "Paul Achat", emailAddress: "paul@client.fr" }],
  cc: [{ displayName: "Jeanne again", emailAddress: "jeanne.martin@client.fr" }, { displayName: "Colleague", emailAddress: "boss@outlookcrm.example" }],
  dateTimeCreated: new Date("2026-11-20T08:30:00Z"),
  internetMessageId: "<abc@client.fr>",
  itemId: "AAMk1",
  attachments: [{ name: "devis.pdf", isInline: false }, { name: "logo.png", isInline: true }],
  body: { getAsync: (type, cb) => ok("Bonjour,\n\n   voici   le devis.\n" + "x".repeat(800))(cb) },
});

test("a read mail gives its sender, recipients, date, message id, attachments and a short body excerpt", async () => {
  useMailbox(readMail());
  const item = await readCurrentItem();
  assert.equal(item.kind, "message");
  assert.equal(item.mode, "read");
  assert.equal(item.subject, "Devis ligne 4");
  assert.deepEqual(item.from, { name: "Jeanne Martin", email: "jeanne.martin@client.fr" });
  assert.equal(item.to.length, 2);
  assert.equal(item.internetMessageId, "<abc@client.fr>");
  assert.equal(item.sentAt.toISOString(), "2026-11-20T08:30:00.000Z");
  assert.deepEqual(item.attachmentNames, ["devis.pdf"], "inline images are not attachments");
  assert.equal(item.itemId, "rest:AAMk1", "the item id is converted to the REST id");
  assert.ok(item.bodyExcerpt.startsWith("Bonjour, voici le devis."), "whitespace is flattened");
  assert.equal(item.bodyExcerpt.length, 500);
});

test("counterparts are the people outside the user's own domain, each once", async () => {
  useMailbox(readMail());
  const item = await readCurrentItem();
  const people = counterparts(item, readUser().email);
  assert.deepEqual(people.map((p) => p.email), ["jeanne.martin@client.fr", "paul@client.fr"]);
});

test("the user's language and address come from Office", () => {
  useMailbox(readMail());
  assert.deepEqual(readUser(), { name: "Rep One", email: "rep.one@outlookcrm.example", timeZone: "Romance Standard Time", displayLanguage: "fr-FR" });
});

test("an appointment gives its organizer, attendees, times and location", async () => {
  useMailbox({
    itemType: "appointment",
    subject: "Visite annuelle",
    organizer: { displayName: "Rep One", emailAddress: "rep.one@outlookcrm.example" },
    requiredAttendees: [{ displayName: "Jeanne Martin", emailAddress: "jeanne.martin@client.fr" }],
    optionalAttendees: [{ displayName: "Paul", emailAddress: "paul@client.fr" }],
    start: new Date("2026-11-24T09:00:00Z"),
    end: new Date("2026-11-24T10:00:00Z"),
    location: "Lyon",
    itemId: "AAMkAppt",
    attachments: [],
    body: { getAsync: (type, cb) => ok("Agenda")(cb) },
  });
  const item = await readCurrentItem();
  assert.equal(item.kind, "appointment");
  assert.equal(item.start.toISOString(), "2026-11-24T09:00:00.000Z");
  assert.equal(item.end.toISOString(), "2026-11-24T10:00:00.000Z");
  assert.equal(item.location, "Lyon");
  assert.equal(item.internetMessageId, null);
  assert.equal(item.itemId, "rest:AAMkAppt");
  assert.deepEqual(counterparts(item, "rep.one@outlookcrm.example").map((p) => p.email), ["jeanne.martin@client.fr", "paul@client.fr"]);
});

test("an organizer's new appointment is read through getAsync and saved to get an id", async () => {
  let saved = 0;
  useMailbox({
    itemType: "appointment",
    subject: { getAsync: ok("Nouveau RDV") },
    organizer: { getAsync: ok({ displayName: "Rep One", emailAddress: "rep.one@outlookcrm.example" }) },
    requiredAttendees: { getAsync: ok([{ displayName: "Jeanne", emailAddress: "jeanne@client.fr" }]) },
    optionalAttendees: { getAsync: ok([]) },
    start: { getAsync: ok(new Date("2026-12-01T13:00:00Z")) },
    end: { getAsync: ok(new Date("2026-12-01T14:00:00Z")) },
    location: { getAsync: ok("Teams") },
    body: { getAsync: (type, cb) => ok("")(cb) },
    getAttachmentsAsync: ok([]),
    saveAsync: (cb) => { saved++; ok("AAMkNew")(cb); },
    getItemIdAsync: (cb) => (saved ? ok("AAMkNew")(cb) : cb({ status: "failed", error: { message: "The id can't be retrieved until the item is saved." } })),
  });
  const item = await readCurrentItem();
  assert.equal(item.mode, "compose");
  assert.equal(item.subject, "Nouveau RDV");
  assert.equal(item.itemId, null, "no id before saving");
  assert.deepEqual(item.to, [{ name: "Jeanne", email: "jeanne@client.fr" }]);
  assert.equal(item.start.toISOString(), "2026-12-01T13:00:00.000Z");
  assert.equal(await ensureItemId(), "rest:AAMkNew");
  assert.equal(saved, 1);
  assert.equal((await readCurrentItem()).itemId, "rest:AAMkNew", "once saved, the item is found by its id");
});

test("a mail being written has no internet message id yet, so it cannot be logged", async () => {
  useMailbox({
    itemType: "message",
    subject: { getAsync: ok("Re: devis") },
    from: { getAsync: ok({ displayName: "Rep One", emailAddress: "rep.one@outlookcrm.example" }) },
    to: { getAsync: ok([{ displayName: "Paul", emailAddress: "PAUL@client.fr" }]) },
    cc: { getAsync: ok([]) },
    body: { getAsync: (type, cb) => ok("draft")(cb) },
    getAttachmentsAsync: ok([{ name: "plan.pdf", isInline: false }]),
  });
  const item = await readCurrentItem();
  assert.equal(item.mode, "compose");
  assert.equal(item.internetMessageId, null);
  assert.deepEqual(item.attachmentNames, ["plan.pdf"]);
  assert.deepEqual(counterparts(item, "rep.one@outlookcrm.example").map((p) => p.email), ["paul@client.fr"]);
});

test("a failing Office call surfaces as an error", async () => {
  useMailbox({ itemType: "message", subject: { getAsync: (cb) => cb({ status: "failed", error: { message: "boom" } }) }, body: { getAsync: (t, cb) => ok("")(cb) } });
  await assert.rejects(readCurrentItem(), /boom/);
});

test("attaching a file hands Outlook the Base64 content and the name, as a non-inline attachment, and returns its id", async () => {
  const calls = [];
  useMailbox({ itemType: "message", subject: { getAsync: ok("Votre devis") },
    addFileAttachmentFromBase64Async: (base64, name, options, cb) => { calls.push({ base64, name, options }); ok("AAMkAtt1")(cb); } });
  assert.equal(await attachFile("UEsDBA==", "Q-2026-0001.docx"), "AAMkAtt1");
  assert.deepEqual(calls, [{ base64: "UEsDBA==", name: "Q-2026-0001.docx", options: { isInline: false } }]);

  useMailbox({ itemType: "message", subject: { getAsync: ok("x") },
    addFileAttachmentFromBase64Async: (base64, name, options, cb) => cb({ status: "failed", error: { name: "AttachmentSizeExceeded", message: "The attachment cannot be added because it is too big." } }) });
  await assert.rejects(attachFile("UEsDBA==", "big.docx"), /too big/, "Outlook's refusal is the error");
  useMailbox(readMail());
  await assert.rejects(attachFile("UEsDBA==", "x.docx"), /cannot take attachments/, "a read item has no compose attachment method");
});
