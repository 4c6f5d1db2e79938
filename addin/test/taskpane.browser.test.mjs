// The real task pane, in Debian's Chromium, against the real API (embedded default), driven by a fake
// Outlook mailbox: show the card, log the mail, log the visit, notes, closing, deals, new contacts.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { apiAs, startApi } from "../test-support/api-server.mjs";
import { launch, shot } from "../test-support/browser.mjs";

let server, browser, rep, repUser, contact, otherContact, deal, stages;
const run = Date.now().toString(36);

before(async () => {
  assert.ok(existsSync(new URL("../dist/taskpane.js", import.meta.url)), "run `npm run build` first");
  server = await startApi();
  browser = await launch();
  const users = await (await fetch(`${server.base}/dev/users`)).json();
  repUser = users.find((u) => u.role === "Rep");
  assert.ok(repUser, "the demo data has a rep");
  rep = await apiAs(server.base, repUser.id);
  // A contact of this rep's own scope, found through the API rather than by name.
  const contacts = (await rep.ok("/api/contacts?limit=200")).items.filter((c) => c.email && !c.email.endsWith(repUser.upn.split("@")[1]));
  contact = contacts[0];
  otherContact = contacts.find((c) => c.companyId !== contact.companyId) ?? contacts[1];
  assert.ok(contact && otherContact, "the rep sees at least two contacts with an address");
  stages = await rep.ok("/api/stages");
  const created = await rep.post("/api/deals", { companyId: contact.companyId, title: `Add-in deal ${run}`, amount: 12000, stageId: stages[0].id });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  deal = created.body;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const me = () => ({ name: repUser.displayName, email: repUser.upn });
const person = (c) => ({ name: `${c.firstName ?? ""} ${c.lastName}`.trim(), email: c.email });
const mailFrom = (c, messageId, extra = {}) => ({
  kind: "message", subject: `Quote request ${run}`, from: person(c), to: [me()], cc: [],
  sentAt: "2026-11-20T08:30:00Z", internetMessageId: messageId, itemId: `AAMkMail${run}${messageId.length}`,
  body: "Hello,\nplease find our request attached.\nRegards", attachments: ["request.pdf"], user: me(), ...extra,
});
const open = (item, options = {}) => browser.open(server.base, item, { signedInAs: repUser.id, ...options });
// Every control a screen reader meets has a name: a <label>, or aria-label.
const unlabelled = (page) => page.evaluate(() => [...document.querySelectorAll("input, select, textarea")]
  .filter((el) => el.type !== "hidden" && el.labels.length === 0 && !el.getAttribute("aria-label")).map((el) => el.outerHTML));
const announced = (page) => page.locator(".announce");

test("a mail from a known contact shows the CRM card", async () => {
  const { page, context, errors } = await browser.open(server.base, mailFrom(contact, `<card-${run}@client.example>`));
  // First visit: the embedded run's development sign-in asks which demo user to be.
  await page.getByLabel("Demo user", { exact: true }).selectOption(String(repUser.id));
  await shot(page, "00-dev-sign-in");
  await page.getByRole("button", { name: "Sign in" }).click();
  const card = page.locator(`article.card[data-email="${contact.email}"]`);
  await card.waitFor();
  await assert.doesNotReject(card.getByRole("heading", { name: contact.companyName }).waitFor());
  const text = await card.innerText();
  for (const label of ["Status", "Account manager", "Sales this year", "Last year", "Outstanding", "Open deals", "Last notes", "Last activity", "Next activity"])
    assert.match(text, new RegExp(label), `the card shows ${label}`);
  assert.match(text, new RegExp(`Add-in deal ${run}`), "the open deal is on the card");
  assert.match(await page.locator("header").innerText(), new RegExp(repUser.displayName), "signed in through the development sign-in");
  await shot(page, "01-card");
  assert.deepEqual(await unlabelled(page), []);
  // Keyboard only: the first action is reachable with Tab and runs with Enter.
  await page.locator("header").click();
  let focused = "";
  for (let i = 0; i < 10 && focused !== "Log this mail to the CRM"; i++) {
    await page.keyboard.press("Tab");
    focused = await page.evaluate(() => document.activeElement?.textContent ?? "");
  }
  assert.equal(focused, "Log this mail to the CRM", "reachable with the keyboard");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a record not verified for a year says \"to verify\" on the card, a fresh one does not", async () => {
  // The API decides what is stale (review period); the card shows its verdict for the company and the contact.
  const emails = (await rep.ok("/api/contacts?limit=200")).items.map((c) => c.email).filter(Boolean).slice(0, 50);
  const cards = await rep.ok(`/api/lookup?email=${emails.map(encodeURIComponent).join(",")}`);
  const stale = cards.find((c) => c.company.toVerify);
  const fresh = cards.find((c) => !c.company.toVerify && !c.contact.toVerify);
  assert.ok(stale && fresh, "the demo data has stale and fresh records in this rep's scope");
  for (const [card, expected] of [[stale, true], [fresh, false]]) {
    const { page, context } = await open(mailFrom(card.contact, `<verify-${expected}-${run}@client.example>`));
    const shown = page.locator(`article.card[data-email="${card.email}"]`);
    await shown.waitFor();
    const heading = await shown.getByRole("heading", { name: card.company.name }).innerText();
    assert.equal(/To verify/.test(heading), expected, `${card.company.name}: to verify = ${expected}`);
    if (expected) await shot(page, "01b-card-to-verify");
    await context.close();
  }
});

test("logging a mail creates one email activity, and again says it is already logged", async () => {
  const messageId = `<log-${run}@client.example>`;
  const { page, context } = await open(mailFrom(contact, messageId));
  await page.getByRole("button", { name: "Log this mail to the CRM" }).click();
  await assert.doesNotReject(announced(page).getByText("Mail logged to the CRM.").waitFor());
  await shot(page, "02-mail-logged");
  await page.getByRole("button", { name: "Log this mail to the CRM" }).click();
  await assert.doesNotReject(announced(page).getByText(/Already logged/).waitFor());
  await shot(page, "03-mail-already-logged");
  const card = await page.locator(`article.card[data-email="${contact.email}"]`).innerText();
  assert.match(card, new RegExp(`Quote request ${run}`), "the card then shows the logged mail");

  const logged = await rep.ok(`/api/activities/by-outlook?internetMessageId=${encodeURIComponent(messageId)}`);
  assert.equal(logged.type, "Email");
  assert.equal(logged.companyId, contact.companyId);
  assert.ok(logged.contactIds.includes(contact.id));
  assert.equal(logged.subject, `Quote request ${run}`);
  assert.match(logged.details, /From: .*<.*>/);
  assert.match(logged.details, /request\.pdf/, "attachment names are recorded");
  assert.match(logged.details, /please find our request/, "a body excerpt is recorded");
  assert.equal(logged.status, "Done", "a mail is a done exchange, so it is not mirrored as a planned event");
  assert.equal(logged.noteCount, 1, "its gist is the note a done activity needs");
  const all = (await rep.ok(`/api/activities?companyId=${contact.companyId}&limit=200`)).items.filter((a) => a.internetMessageId === messageId);
  assert.equal(all.length, 1, "logged once only");
  await context.close();
});

const appointment = (c, itemId, extra = {}) => ({
  kind: "appointment", subject: `Annual visit ${run}`, from: me(), to: [person(c)], cc: [],
  start: "2026-12-02T09:00:00Z", end: "2026-12-02T10:30:00Z", location: "On site", itemId, body: "Agenda", user: me(), ...extra,
});

test("an appointment logs a visit, prefilled, and logging it again updates the same activity", async () => {
  const itemId = `AAMkVisit${run}`;
  const { page, context } = await open(appointment(contact, itemId));
  const form = page.locator("section.log-visit");
  await form.waitFor();
  assert.equal(await form.getByLabel("Subject").inputValue(), `Annual visit ${run}`, "subject prefilled");
  assert.equal(await form.getByLabel("Company").inputValue(), String(contact.companyId), "company prefilled from the attendee");
  assert.ok(await form.getByLabel(person(contact).name).isChecked(), "the attendee is ticked as a contact");
  await form.getByLabel("Deal").selectOption(String(deal.id));
  await shot(page, "04-visit-form");
  assert.deepEqual(await unlabelled(page), []);
  await form.getByRole("button", { name: "Save to the CRM" }).click();
  await assert.doesNotReject(announced(page).getByText("Activity logged in the CRM.").waitFor());

  await page.locator("section.log-visit").getByLabel("Subject").fill(`Annual visit ${run} (moved)`);
  await page.locator("section.log-visit").getByRole("button", { name: "Save to the CRM" }).click();
  await assert.doesNotReject(announced(page).getByText(/Activity updated/).waitFor());
  await shot(page, "05-visit-updated");

  const linked = await rep.ok(`/api/activities/by-outlook?icalUid=${encodeURIComponent(itemId)}`);
  assert.equal(linked.type, "Visit");
  assert.equal(linked.subject, `Annual visit ${run} (moved)`);
  assert.equal(linked.startUtc.slice(0, 16), "2026-12-02T09:00");
  assert.equal(linked.dealId, deal.id);
  const same = (await rep.ok(`/api/activities?companyId=${contact.companyId}&limit=200`)).items.filter((a) => a.outlookICalUId === itemId);
  assert.equal(same.length, 1, "updated, not duplicated");
  await context.close();
});

test("an organizer's new appointment is saved first, then linked to its activity", async () => {
  const itemId = `AAMkOrganizer${run}`;
  const { page, context } = await open(appointment(otherContact, itemId, { mode: "compose", subject: `Call ${run}` }));
  const form = page.locator("section.log-visit");
  await form.waitFor();
  await form.getByLabel("Type").selectOption("Call");
  await form.getByRole("button", { name: "Save to the CRM" }).click();
  await assert.doesNotReject(announced(page).getByText("Activity logged in the CRM.").waitFor());
  const linked = await rep.ok(`/api/activities/by-outlook?icalUid=${encodeURIComponent(itemId)}`);
  assert.equal(linked.type, "Call");
  assert.equal(linked.companyId, otherContact.companyId);
  assert.equal(linked.outlookEventId, itemId);
  await assert.doesNotReject(page.locator(`section.linked[data-activity-id="${linked.id}"]`).waitFor(), "the pane then shows the linked activity");
  await context.close();
});

test("closing without a note is refused with the reason, a note is added, then the activity closes", async () => {
  const itemId = `AAMkVisit${run}`;
  const { page, context } = await open(appointment(contact, itemId));
  const panel = page.locator("section.linked");
  await panel.waitFor();
  const activityId = Number(await panel.getAttribute("data-activity-id"));

  await panel.getByRole("button", { name: "Close activity" }).click();
  await assert.doesNotReject(panel.getByRole("alert").getByText(/A note is required/).waitFor());
  await shot(page, "06-close-refused");
  assert.equal((await rep.ok(`/api/activities/${activityId}`)).status, "Planned", "still open");

  // If the API refuses anyway (its 422), the pane shows the API's own words and keeps the form.
  await page.route("**/api/activities/*/close", (route) => route.fulfill({
    status: 422, contentType: "application/problem+json",
    body: JSON.stringify({ status: 422, title: "Business rule", detail: "An activity cannot be closed without a note (from the API)." }),
  }));
  await panel.getByLabel("Closing note").fill("typed text survives");
  await panel.getByRole("button", { name: "Close activity" }).click();
  await assert.doesNotReject(panel.getByRole("alert").getByText("An activity cannot be closed without a note (from the API).").waitFor());
  assert.equal(await panel.getByLabel("Closing note").inputValue(), "typed text survives");
  await page.unroute("**/api/activities/*/close");

  await panel.locator("summary", { hasText: "Add a note" }).click();
  await panel.locator("form.note-form").getByLabel("Note").fill(`Met the buyer ${run}`);
  await panel.getByRole("button", { name: "Save note" }).click();
  await assert.doesNotReject(announced(page).getByText("Note saved.").waitFor());
  const notes = (await rep.ok(`/api/notes?activityId=${activityId}`)).items;
  assert.ok(notes.some((n) => n.text === `Met the buyer ${run}`), "the note is on the activity");
  await shot(page, "07-note-added");

  const fresh = page.locator("section.linked");
  await fresh.getByLabel("Outcome").fill("Quote to send");
  await fresh.getByLabel("Closing note").fill(`Closing: quote next week ${run}`);
  await fresh.getByRole("button", { name: "Close activity" }).click();
  await assert.doesNotReject(announced(page).getByText("Activity closed.").waitFor());
  await shot(page, "08-closed");
  const closed = await rep.ok(`/api/activities/${activityId}`);
  assert.equal(closed.status, "Done");
  assert.equal(closed.outcome, "Quote to send");
  await context.close();
});

test("a deal moves to another stage, with every stage's definition shown", async () => {
  const { page, context } = await open(mailFrom(contact, `<deal-${run}@client.example>`));
  const item = page.locator(`li[data-deal-id="${deal.id}"]`).first();
  await item.waitFor();
  await item.locator("summary", { hasText: "Move to another stage" }).click();
  for (const stage of stages) await assert.doesNotReject(item.getByText(stage.definition).waitFor(), `definition of ${stage.name}`);
  const target = stages.find((s) => s.kind === "Open" && s.id !== deal.stageId && s.order > 1) ?? stages[1];
  await item.getByLabel(target.name).check();
  await shot(page, "09-deal-stages");
  await item.getByRole("button", { name: "Move deal" }).click();
  await assert.doesNotReject(announced(page).getByText(`Deal moved to ${target.name}.`).waitFor());
  await shot(page, "10-deal-moved");
  const moved = await rep.ok(`/api/deals/${deal.id}`);
  assert.equal(moved.stageId, target.id);
  const history = await rep.ok(`/api/deals/${deal.id}/history`);
  assert.ok(history.some((h) => h.toStageId === target.id), "the stage history records the move");
  await context.close();
});

test("an unknown sender becomes a contact of a new company", async () => {
  const domain = `nouvelle-entreprise-${run}.example`;
  const stranger = { name: "Zoé Nouvelle", email: `zoe.nouvelle@${domain}` };
  const { page, context } = await open({
    kind: "message", subject: "Première prise de contact", from: stranger, to: [me()], internetMessageId: `<new-${run}@x>`,
    itemId: `AAMkNew${run}`, body: "Bonjour", user: me(), language: "fr-FR",
  });
  const panel = page.locator(`details.unknown[data-email="${stranger.email}"]`);
  await panel.waitFor();
  assert.match(await page.locator("body").innerText(), /Absents du CRM/, "the pane follows Outlook's French display language");
  await panel.locator("summary").click();
  assert.equal(await panel.getByLabel("Prénom").inputValue(), "Zoé");
  assert.equal(await panel.getByLabel("Nom", { exact: true }).inputValue(), "Nouvelle");
  await assert.doesNotReject(panel.getByText("Aucune société trouvée.").waitFor());
  assert.equal(await panel.getByLabel("Nom de la nouvelle société").inputValue(), `Nouvelle Entreprise ${run[0].toUpperCase()}${run.slice(1)}`);
  await panel.getByLabel("Fonction").fill("Acheteuse");
  await shot(page, "11-new-contact-form");
  assert.deepEqual(await unlabelled(page), []);
  await panel.getByRole("button", { name: "Créer le contact" }).click();
  await assert.doesNotReject(announced(page).getByText("Contact créé.").waitFor());
  await page.locator(`article.card[data-email="${stranger.email}"]`).waitFor();
  await shot(page, "12-new-contact-card");
  const found = (await rep.ok(`/api/contacts?q=${encodeURIComponent(stranger.email)}`)).items;
  assert.equal(found.length, 1);
  assert.equal(found[0].companyName, `Nouvelle Entreprise ${run[0].toUpperCase()}${run.slice(1)}`);
  assert.equal(found[0].jobTitle, "Acheteuse");
  await context.close();
});

test("an existing company found by search gets the new contact", async () => {
  const stranger = { name: "Alex Existing", email: `alex.${run}@other-domain.example` };
  const { page, context } = await open({ kind: "message", subject: "Hi", from: stranger, to: [me()], internetMessageId: `<ex-${run}@x>`, user: me() });
  const panel = page.locator("details.unknown");
  await panel.waitFor();
  await panel.locator("summary").click();
  await panel.getByLabel("Find an existing company").fill(otherContact.companyName);
  await panel.getByRole("button", { name: "Search" }).click();
  await panel.getByLabel(new RegExp(`^${otherContact.companyName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`)).first().check();
  await panel.getByRole("button", { name: "Create contact" }).click();
  await assert.doesNotReject(announced(page).getByText("Contact created.").waitFor());
  const found = (await rep.ok(`/api/contacts?q=${encodeURIComponent(stranger.email)}`)).items;
  assert.equal(found[0]?.companyId, otherContact.companyId);
  await context.close();
});

test("a failed request says what to do and keeps what was typed", async () => {
  const { page, context } = await open(mailFrom(contact, `<err-${run}@client.example>`));
  const card = page.locator("article.card").first();
  await card.waitFor();
  await page.route("**/api/notes", (route) => route.abort());
  await card.locator("summary", { hasText: "Add a note" }).click();
  await card.locator("form.note-form").getByLabel("Note", { exact: true }).fill(`Kept ${run}`);
  await card.getByRole("button", { name: "Save note" }).click();
  await assert.doesNotReject(card.getByRole("alert").getByText(/Cannot reach the CRM/).waitFor());
  assert.equal(await card.locator("form.note-form textarea").inputValue(), `Kept ${run}`);
  await shot(page, "13-network-error");
  await page.unroute("**/api/notes");
  await card.getByRole("button", { name: "Save note" }).click();
  await assert.doesNotReject(announced(page).getByText("Note saved.").waitFor());
  const notes = (await rep.ok(`/api/notes?companyId=${contact.companyId}&limit=50`)).items;
  assert.ok(notes.some((n) => n.text === `Kept ${run}`));
  await context.close();
});

test("the development simulator opens the pane on a fake item", async () => {
  const { page, context } = await open(null, { width: 900 });
  await page.goto(`${server.base}/addin/dev.html`);
  await page.locator("#user option").nth(1).waitFor({ state: "attached" });
  await page.locator("#user").selectOption(String(repUser.id));
  await page.locator("#contact option").nth(1).waitFor({ state: "attached" });
  await page.locator("#contact").selectOption({ index: 1 });
  await page.getByRole("button", { name: "Open the task pane on this item" }).click();
  const pane = page.frameLocator("#pane");
  await assert.doesNotReject(pane.locator("article.card").first().waitFor());
  await shot(page, "14-simulator");
  await context.close();
});

test("no request left the machine", () => {
  assert.deepEqual(browser.blocked, []);
});

test("the API serves a manifest for its own host whose every URL resolves", async () => {
  const response = await fetch(`${server.base}/manifest.xml`);
  assert.equal(response.status, 200);
  const xml = await response.text();
  const { checkManifest } = await import("../test-support/manifest.mjs");
  const urls = checkManifest(xml);
  assert.ok(urls.length >= 5);
  for (const url of urls) {
    assert.ok(url.startsWith(server.base), `${url} points at this host`);
    const r = await fetch(url);
    assert.equal(r.status, 200, url);
    if (/\.png$/.test(url)) {
      assert.equal(r.headers.get("content-type"), "image/png", url);
      assert.deepEqual([...new Uint8Array(await r.arrayBuffer()).slice(0, 4)], [0x89, 0x50, 0x4e, 0x47], `${url} is a PNG`);
    }
  }
});
