// The pure helpers behind contact creation and mail logging.
import { test } from "node:test";
import assert from "node:assert/strict";
import { companyNameFromDomain, mailDetails, splitName } from "../build/pure.mjs";

test("a new contact's name comes from the display name, else from the address", () => {
  assert.deepEqual(splitName({ name: "Jeanne Martin", email: "x@y.fr" }), { firstName: "Jeanne", lastName: "Martin" });
  assert.deepEqual(splitName({ name: "Martin, Jeanne", email: "x@y.fr" }), { firstName: "Jeanne", lastName: "Martin" });
  assert.deepEqual(splitName({ name: "jean-paul.du.pont@y.fr", email: "jean-paul.du.pont@y.fr" }), { firstName: "Jean", lastName: "Paul Du Pont" });
});

test("a new company is named after the mail domain, except for personal mail providers", () => {
  assert.equal(companyNameFromDomain("a@acme-industrie.fr"), "Acme Industrie");
  assert.equal(companyNameFromDomain("a@mail.bigco.co.uk"), "Bigco");
  assert.equal(companyNameFromDomain("a@gmail.com"), "");
});

test("a logged mail records the people, the date, the attachments and the excerpt", () => {
  const details = mailDetails({
    from: { name: "Jeanne", email: "j@c.fr" }, to: [{ name: "Rep", email: "r@o.fr" }], cc: [],
    sentAt: new Date("2026-11-20T08:30:00Z"), attachmentNames: ["devis.pdf"], bodyExcerpt: "Bonjour",
  });
  assert.equal(details, "From: Jeanne <j@c.fr>\nTo: Rep <r@o.fr>\nDate: 2026-11-20T08:30:00.000Z\nAttachments: devis.pdf\n\nBonjour");
});
