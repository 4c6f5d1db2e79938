// The real task pane, in Debian's Chromium at 320 px, against the real API (embedded default), driven by a fake
// Outlook mailbox: card first, logging, done stays done, no duplicates, feedback and focus, French, axe-core.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { request } from "node:https";
import { inflateRawSync } from "node:zlib";
import { apiAs, startApi } from "../test-support/api-server.mjs";
import { launch, shot } from "../test-support/browser.mjs";
import { assertAccessible, assertNoHorizontalOverflow, untranslated } from "../test-support/checks.mjs";

let server, browser, rep, repUser, admin, co, contact, second, deal, stages, stagesFr, lateFollowUp;
const run = Date.now().toString(36);
const domain = `pane-${run}.example`;

before(async () => {
  assert.ok(existsSync(new URL("../dist/taskpane.js", import.meta.url)), "run `npm run build` first");
  server = await startApi({ https: true });
  browser = await launch();
  const users = await (await fetch(`${server.base}/dev/users`)).json();
  repUser = users.find((u) => u.role === "Rep");
  assert.ok(repUser, "the demo data has a rep");
  rep = await apiAs(server.base, repUser.id);
  admin = await apiAs(server.base, users.find((u) => u.role === "Admin").id);
  // A customer of this rep's own, with phones and exactly one open deal.
  co = (await rep.post("/api/companies", { name: `Pane Customer ${run}`, status: "Client", category: "A", postalCode: "69002", website: `https://www.${domain}` })).body;
  const made = await rep.post("/api/contacts", { companyId: co.id, firstName: "Jeanne", lastName: `Martin ${run}`, jobTitle: "Acheteuse",
    email: `jeanne.martin@${domain}`, phone: "04 72 10 20 30", mobile: "06 12 34 56 78" });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  contact = made.body;
  second = (await rep.post("/api/contacts", { companyId: co.id, firstName: "Paul", lastName: `Durand ${run}`, email: `paul.durand@${domain}` })).body;
  stages = await rep.ok("/api/stages");
  stagesFr = (await (await fetch(`${server.base}/api/stages`, { headers: { Authorization: `Bearer ${rep.token}`, "Accept-Language": "fr" } })).json());
  const created = await rep.post("/api/deals", { companyId: co.id, title: `Add-in deal ${run}`, amount: 12000, stageId: stages[0].id });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  deal = created.body;
  // Two follow-ups ("relances") on the customer: one 4 days late (an alert on the card), one next week.
  // Days as the API counts them: in Reports:TimeZone (Europe/Paris).
  const dayFromNow = (n) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date(Date.now() + n * 86_400_000));
  lateFollowUp = (await rep.post("/api/followups", { companyId: co.id, dealId: deal.id, dueOn: dayFromNow(-4), reason: `Relancer le devis ${run}` })).body;
  assert.ok(lateFollowUp?.id, JSON.stringify(lateFollowUp));
  assert.equal((await rep.post("/api/followups", { companyId: co.id, dueOn: dayFromNow(7), reason: `Envoyer le catalogue ${run}` })).status, 201);
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
const appointment = (c, itemId, extra = {}) => ({
  kind: "appointment", subject: `Annual visit ${run}`, from: me(), to: [person(c)], cc: [],
  start: "2026-12-02T09:00:00Z", end: "2026-12-02T10:30:00Z", location: "On site", itemId, body: "Agenda", user: me(), ...extra,
});
const composeTo = (c, extra = {}) => ({
  kind: "message", mode: "compose", subject: `Your quote ${run}`, from: me(), to: [person(c)], cc: [], body: "Hello,", user: me(), ...extra,
});
const open = (item, options = {}) => browser.open(server.base, item, { signedInAs: repUser.id, ...options });
const cardOf = (page, c) => page.locator(`article.card[data-email="${c.email}"]`);
const unlabelled = (page) => page.evaluate(() => [...document.querySelectorAll("input, select, textarea")]
  .filter((el) => el.type !== "hidden" && el.labels.length === 0 && !el.getAttribute("aria-label")).map((el) => el.outerHTML));
const focused = (page) => page.evaluate(() => {
  const el = document.activeElement;
  return { tag: el?.tagName.toLowerCase(), text: el?.textContent?.trim() ?? "", key: el?.dataset.focusFor ?? el?.dataset.statusFor ?? "" };
});
// Tab until the focused element's text matches; returns the number of Tab presses (the cost of reaching it).
async function tabTo(page, pattern, max = 40) {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press("Tab");
    if (pattern.test((await focused(page)).text)) return i;
  }
  throw new Error(`${pattern} not reached in ${max} Tab presses`);
}

test("the card comes first at 320 px: name, company, status, tel: links, figures, alerts; nothing wider than the pane", async () => {
  const { page, context, errors } = await browser.open(server.base, mailFrom(contact, `<card-${run}@client.example>`));
  // First visit: the embedded run's development sign-in asks which demo user to be.
  await page.getByLabel("Demo user", { exact: true }).selectOption(String(repUser.id));
  await shot(page, "00-dev-sign-in");
  await page.getByRole("button", { name: "Sign in" }).click();
  const card = cardOf(page, contact);
  await card.waitFor();
  const heading = card.getByRole("heading", { name: `Jeanne Martin ${run}` });
  const top = (await heading.boundingBox()).y;
  assert.ok(top < 120, `the customer's name is at the top of the pane (y = ${top})`);
  const text = await card.innerText();
  for (const expected of [co.name, "Customer", "Category A", "Acheteuse", "Sales this year", "Outstanding", `Add-in deal ${run}`, "Last notes", "Logged mails"])
    assert.ok(text.includes(expected), `the card shows ${expected}`);
  // Follow-ups: the late one first, flagged, and among the alerts with its days late.
  const followUps = await card.locator(".followups li").allInnerTexts();
  assert.equal(followUps.length, 2);
  assert.ok(followUps[0].startsWith("Overdue") && followUps[0].includes(`Relancer le devis ${run}`) && followUps[0].includes(repUser.displayName), followUps[0]);
  assert.ok(followUps[1].includes(`Envoyer le catalogue ${run}`) && !followUps[1].includes("Overdue"), followUps[1]);
  assert.ok((await card.locator(".alerts").innerText()).includes(`Follow-up overdue by 4 days`), "the late follow-up is an alert");
  assert.equal(await card.getByRole("link", { name: /Phone 04 72 10 20 30/ }).getAttribute("href"), "tel:0472102030");
  assert.equal(await card.getByRole("link", { name: /Mobile 06 12 34 56 78/ }).getAttribute("href"), "tel:0612345678");
  const phonesBottom = await card.locator(".phones").boundingBox();
  assert.ok(phonesBottom.y + phonesBottom.height < 1000 / 2, "phones are on the first half screen");
  await assertNoHorizontalOverflow(page, "card at 320 px");
  await shot(page, "01-card-320");
  assert.deepEqual(await unlabelled(page), []);
  assert.deepEqual(errors, []);
  await context.close();

  const wide = await open(mailFrom(contact, `<card-wide-${run}@client.example>`), { width: 450 });
  await cardOf(wide.page, contact).waitFor();
  await assertNoHorizontalOverflow(wide.page, "card at 450 px");
  await shot(wide.page, "01-card-450");
  await wide.context.close();
});

test("an alert comes as a code and is written by the pane, in English and in French", async () => {
  const emails = (await rep.ok("/api/contacts?limit=200")).items.map((c) => c.email).filter(Boolean).slice(0, 50);
  const cards = await rep.ok(`/api/lookup?email=${emails.map(encodeURIComponent).join(",")}`);
  const withAlert = cards.find((c) => c.alerts.some((a) => a.kind === "StageTooLong"));
  assert.ok(withAlert, "the demo data has a deal stuck in its stage in this rep's scope");
  const alert = withAlert.alerts.find((a) => a.kind === "StageTooLong");
  for (const [language, expected] of [["en-US", `in stage “${alert.params.stage}” for ${alert.params.days} days`], ["fr-FR", `depuis ${alert.params.days} jours`]]) {
    const { page, context } = await open(mailFrom(withAlert.contact, `<alert-${language}-${run}@client.example>`, { language }));
    const shown = page.locator(`article.card[data-email="${withAlert.email}"] .alerts`);
    await shown.waitFor();
    assert.ok((await shown.innerText()).includes(expected), `${language}: ${await shown.innerText()}`);
    if (language === "fr-FR") {
      const stageFr = stagesFr.find((s) => s.id === stages.find((x) => x.name === alert.params.stage)?.id)?.name;
      assert.ok((await shown.innerText()).includes(`« ${stageFr} »`), "the stage is named in French");
    }
    await context.close();
  }
  // A late follow-up is an alert too, and the card's follow-ups are written in French.
  const { page, context } = await open(mailFrom(contact, `<alert-fu-${run}@client.example>`, { language: "fr-FR" }));
  const card = cardOf(page, contact);
  await card.locator(".alerts").waitFor();
  assert.ok((await card.locator(".alerts").innerText()).includes(`Relance en retard de 4 jours`), await card.locator(".alerts").innerText());
  assert.equal(await card.getByRole("heading", { name: "Relances" }).count(), 1);
  assert.ok((await card.locator(".followups li").first().innerText()).startsWith("En retard"));
  await context.close();
});

test("logging a mail: the only open deal is preselected, the result shows by the button with focus on it, the card lists the mail as a mail", async () => {
  const messageId = `<log-${run}@client.example>`;
  const { page, context } = await open(mailFrom(contact, messageId));
  const section = page.locator("section.log-mail");
  await section.waitFor();
  assert.equal(await section.getByLabel("Deal").inputValue(), String(deal.id), "the only open deal is preselected");
  // A draft typed elsewhere survives the redraw after saving.
  await cardOf(page, contact).locator("summary", { hasText: "Add a note" }).click();
  await cardOf(page, contact).locator("form.note-form textarea").fill(`Draft ${run}`);
  await section.getByRole("button", { name: "Log this mail to the CRM" }).click();
  const result = page.locator('[data-status-for="log-mail"]');
  await assert.doesNotReject(result.getByText("Mail logged to the CRM.").waitFor());
  assert.equal((await focused(page)).key, "log-mail", "focus stays at the action");
  assert.equal(await page.locator(".announce").innerText(), "Mail logged to the CRM.", "announced to screen readers");
  assert.equal(await cardOf(page, contact).locator("form.note-form textarea").inputValue(), `Draft ${run}`, "the draft note is kept");
  const card = cardOf(page, contact);
  assert.match(await card.locator("ul.mails").innerText(), new RegExp(`Quote request ${run}`), "the mail is listed as a mail");
  assert.doesNotMatch(await card.locator("ul.notes").innerText().catch(() => ""), /Quote request/, "not as a note");
  await shot(page, "02-mail-logged");

  const logged = await rep.ok(`/api/activities/by-outlook?internetMessageId=${encodeURIComponent(messageId)}`);
  assert.equal(logged.type, "Email");
  assert.equal(logged.companyId, co.id);
  assert.deepEqual(logged.contactIds.sort(), [contact.id, second.id].sort().filter((id) => logged.contactIds.includes(id)));
  assert.equal(logged.dealId, deal.id);
  assert.match(logged.details, /request\.pdf/);
  assert.equal(logged.status, "Done");
  const again = await rep.post("/api/activities", { type: "Email", subject: "x", startUtc: "2026-11-20T08:30:00Z", companyId: co.id, internetMessageId: messageId, status: "Done", note: "x" });
  assert.equal(again.status, 200);
  assert.equal(again.body.alreadyLogged, true, "the API says alreadyLogged");
  await context.close();

  const reopened = await open(mailFrom(contact, messageId));
  await assert.doesNotReject(reopened.page.locator("section.log-mail").getByText(/Already logged/).waitFor());
  assert.equal(await reopened.page.getByRole("button", { name: "Log this mail to the CRM" }).count(), 0, "no second logging offered");
  await reopened.context.close();
});

test("a mail to counterparts of two companies is logged for both by default, once each; the deal goes with its company", async () => {
  const other = (await rep.post("/api/companies", { name: `Pane Partner ${run}`, status: "Client", postalCode: "69003" })).body;
  const partner = (await rep.post("/api/contacts", { companyId: other.id, firstName: "Luc", lastName: `Bernard ${run}`, email: `luc.bernard@partner-${run}.example` })).body;
  const messageId = `<two-${run}@client.example>`;
  const item = mailFrom(contact, messageId, { cc: [person(partner)] });
  const { page, context } = await open(item);
  const section = page.locator("section.log-mail");
  await section.waitFor();
  const boxes = section.getByRole("group", { name: "Log to" }).getByRole("checkbox");
  assert.equal(await boxes.count(), 2, "one box per company");
  for (let i = 0; i < 2; i++) assert.ok(await boxes.nth(i).isChecked(), "all companies chosen by default");
  assert.equal(await section.getByLabel("Deal").inputValue(), String(deal.id), "the only open deal is preselected");
  await assertNoHorizontalOverflow(page, "log mail to two companies at 320 px");
  await section.getByRole("button", { name: "Log this mail to the CRM" }).click();
  await assert.doesNotReject(page.locator('[data-status-for="log-mail"]').getByText(`Mail logged to the CRM for ${co.name}, ${other.name}.`).waitFor());
  const forCustomer = await rep.ok(`/api/activities/by-outlook?internetMessageId=${encodeURIComponent(messageId)}&companyId=${co.id}`);
  const forPartner = await rep.ok(`/api/activities/by-outlook?internetMessageId=${encodeURIComponent(messageId)}&companyId=${other.id}`);
  assert.notEqual(forCustomer.id, forPartner.id);
  assert.equal(forCustomer.dealId, deal.id, "the deal goes with its own company");
  assert.equal(forPartner.dealId, null);
  assert.deepEqual(forPartner.contactIds, [partner.id]);
  await context.close();

  const reopened = await open(item);
  await assert.doesNotReject(reopened.page.locator("section.log-mail").getByText(/Already logged/).waitFor());
  assert.equal(await reopened.page.getByRole("button", { name: "Log this mail to the CRM" }).count(), 0, "nothing left to log");
  await reopened.context.close();
});

test("keyboard only: log the visit with few Tab stops, then close it; done stays done in the pane", async () => {
  const itemId = `AAMkVisit${run}`;
  const { page, context } = await open(appointment(contact, itemId));
  const form = page.locator("section.log-visit");
  await form.waitFor();
  assert.equal(await form.getByLabel("Subject").inputValue(), `Annual visit ${run}`);
  assert.equal(await form.getByLabel("Deal").inputValue(), String(deal.id), "the only open deal is preselected");
  await assertNoHorizontalOverflow(page, "visit form");
  await form.getByLabel("Type").focus();
  const stops = await tabTo(page, /^Save to the CRM$/);
  assert.ok(stops <= 10, `Save is ${stops} Tab stops from Type (times are one collapsed line)`);
  await page.keyboard.press("Enter");
  await assert.doesNotReject(page.locator('[data-status-for="log-visit"]').getByText("Activity logged in the CRM.").waitFor());
  assert.equal((await focused(page)).text, "Save to the CRM", "focus back on Save");
  await shot(page, "04-visit-logged");
  const linked = await rep.ok(`/api/activities/by-outlook?icalUid=${encodeURIComponent(itemId)}`);
  assert.equal(linked.type, "Visit");
  assert.equal(linked.startUtc.slice(0, 16), "2026-12-02T09:00");
  assert.equal(linked.endUtc.slice(0, 16), "2026-12-02T10:30");

  // Closing without a note: refused with the reason, focus on the note to write.
  const panel = page.locator("section.linked");
  await panel.getByLabel("Closing note").focus();
  await tabTo(page, /^Close activity$/);
  await page.keyboard.press("Enter");
  await assert.doesNotReject(panel.getByRole("alert").getByText(/A note is required/).waitFor());
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("name")), "closing-note");
  await page.keyboard.type(`Met the buyer ${run}`);
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.type("Quote to send");
  const toClose = await tabTo(page, /^Close activity$/);
  assert.ok(toClose <= 3, `Close is ${toClose} Tab stops from the outcome`);
  await page.keyboard.press("Enter");
  const closed = page.locator("section.linked .closed-summary");
  await assert.doesNotReject(closed.getByText("Activity closed.").waitFor());
  assert.equal((await focused(page)).key, `activity-${linked.id}-close`, "focus on the closed summary");
  assert.equal(await page.locator("section.log-visit").count(), 0, "no form left that could reopen it");
  await shot(page, "05-visit-closed");
  const done = await rep.ok(`/api/activities/${linked.id}`);
  assert.equal(done.status, "Done");
  assert.equal(done.outcome, "Quote to send");
  await context.close();

  const again = await open(appointment(contact, itemId));
  await again.page.locator("section.linked .closed-summary").waitFor();
  assert.match(await again.page.locator("section.linked").innerText(), /Done on/);
  assert.equal(await again.page.locator("section.log-visit").count(), 0, "the pane shows the closed summary, not the form");

  // After the visit, the next step: a follow-up on the visit's company and deal, then listed on the card.
  const plan = again.page.locator("section.linked");
  await plan.locator("summary", { hasText: "Plan a follow-up" }).click();
  await plan.locator("form.follow-up-form button").click();
  await assert.doesNotReject(plan.getByText("Say why you will follow up").waitFor(), "a follow-up needs its reason");
  await plan.getByLabel("Reason").fill(`Send the quote ${run}`);
  await plan.locator("form.follow-up-form button").click();
  await assert.doesNotReject(again.page.locator(`[data-status-for="activity-${linked.id}-follow-up"]`).getByText(/Follow-up planned for/).waitFor());
  const planned = (await rep.ok(`/api/followups?companyId=${co.id}`)).items.find((f) => f.reason === `Send the quote ${run}`);
  assert.ok(planned, "the follow-up is in the CRM");
  assert.equal(planned.dealId, deal.id, "on the visit's deal");
  assert.match(await cardOf(again.page, contact).locator("section.followups").innerText(), new RegExp(`Send the quote ${run}`));
  await assertNoHorizontalOverflow(again.page, "follow-up form at 320 px");
  await again.context.close();
});

test("an organizer's new appointment is saved first, then linked to its activity", async () => {
  const itemId = `AAMkOrganizer${run}`;
  const { page, context } = await open(appointment(second, itemId, { mode: "compose", subject: `Call ${run}` }));
  const form = page.locator("section.log-visit");
  await form.waitFor();
  await form.getByLabel("Type").selectOption("Call");
  await form.getByText(/Date and time/).click();
  await form.getByLabel("Start time").fill("14:15");
  // Ending before it starts: the API's reason shows by the button, and what was typed stays.
  await form.getByRole("button", { name: "Save to the CRM" }).click();
  await assert.doesNotReject(page.locator('[data-status-for="log-visit"]').getByText(/end of an activity cannot be before its start/).waitFor());
  assert.equal(await form.getByLabel("Start time").inputValue(), "14:15");
  await form.getByLabel("End time").fill("15:00");
  await form.getByRole("button", { name: "Save to the CRM" }).click();
  await assert.doesNotReject(page.locator('[data-status-for="log-visit"]').getByText("Activity logged in the CRM.").waitFor());
  const linked = await rep.ok(`/api/activities/by-outlook?icalUid=${encodeURIComponent(itemId)}`);
  assert.equal(linked.type, "Call");
  assert.equal(linked.outlookEventId, itemId);
  assert.equal(new Date(linked.startUtc).getTime(), new Date("2026-12-02T14:15:00").getTime(), "the changed start time, read in the pane's time zone");
  await assert.doesNotReject(page.locator(`section.linked[data-activity-id="${linked.id}"]`).waitFor());
  await context.close();
});

test("a deal moves to another stage, with every stage's definition shown; the result lands by the deal", async () => {
  const { page, context } = await open(mailFrom(contact, `<deal-${run}@client.example>`));
  const item = page.locator(`li[data-deal-id="${deal.id}"]`).first();
  await item.waitFor();
  await item.locator("summary", { hasText: "Move to another stage" }).click();
  for (const stage of stages) await assert.doesNotReject(item.getByText(stage.definition).waitFor(), `definition of ${stage.name}`);
  const target = stages.find((s) => s.kind === "Open" && s.id !== deal.stageId && s.order > 1);
  await item.getByLabel(target.name).check();
  await assertNoHorizontalOverflow(page, "deal stages");
  await item.getByRole("button", { name: "Move deal" }).click();
  const key = `card-${co.id}-${contact.id}-deal-${deal.id}`;
  await assert.doesNotReject(page.locator(`[data-status-for="${key}"]`).getByText(`Deal moved to ${target.name}.`).waitFor());
  assert.equal((await focused(page)).key, key);
  await shot(page, "06-deal-moved");
  assert.equal((await rep.ok(`/api/deals/${deal.id}`)).stageId, target.id);
  await context.close();
});

test("an unknown sender of a known domain is offered the existing company, not a new one", async () => {
  const stranger = { name: "Alex Newcomer", email: `alex.newcomer@${domain}` };
  const { page, context } = await open({ kind: "message", subject: "Hi", from: stranger, to: [me()], internetMessageId: `<dom-${run}@x>`, user: me() });
  const panel = page.locator(`details.unknown[data-email="${stranger.email}"]`);
  await panel.waitFor();
  await panel.locator("summary").click();
  const suggested = panel.getByLabel(new RegExp(`^Pane Customer ${run}`));
  await assert.doesNotReject(suggested.waitFor());
  assert.ok(await suggested.isChecked(), "the company of the domain is preselected");
  await shot(page, "07-domain-suggestion");
  await panel.getByRole("button", { name: "Create contact" }).click();
  await assert.doesNotReject(cardOf(page, stranger).waitFor());
  assert.equal((await focused(page)).key, `card-for-${stranger.email}`, "focus on the new card");
  const found = (await rep.ok(`/api/contacts?q=${encodeURIComponent(stranger.email)}`)).items;
  assert.equal(found.length, 1);
  assert.equal(found[0].companyId, co.id, "attached to the existing customer");
  await context.close();
});

test("an address already known in another territory is refused with a neutral message that names nobody", async () => {
  const all = (await admin.ok("/api/contacts?limit=200")).items.filter((c) => c.email);
  let hidden = null;
  for (const c of all) if ((await rep.ok(`/api/lookup?email=${encodeURIComponent(c.email)}`)).length === 0) { hidden = c; break; }
  assert.ok(hidden, "the demo data has a contact outside this rep's scope");
  const stranger = { name: "Someone Else", email: hidden.email };
  const { page, context } = await open({ kind: "message", subject: "Hello", from: stranger, to: [me()], internetMessageId: `<known-${run}@x>`, user: me() });
  const panel = page.locator(`details.unknown[data-email="${hidden.email}"]`);
  await panel.waitFor();
  await panel.locator("summary").click();
  const message = panel.getByRole("alert");
  await assert.doesNotReject(message.getByText(/already belongs to a customer/).waitFor());
  const shown = await panel.innerText();
  assert.ok(!shown.includes(hidden.companyName) && !shown.includes(hidden.lastName), "nothing of the other record is shown");
  assert.ok(await panel.getByRole("button", { name: "Create contact" }).isDisabled());
  await shot(page, "08-address-known");
  const refused = await rep.post("/api/contacts", { companyId: co.id, lastName: "Copy", email: hidden.email });
  assert.equal(refused.status, 409);
  assert.ok(!JSON.stringify(refused.body).includes(hidden.companyName));
  await context.close();
});

test("a likely duplicate company (same name and postcode) is shown before creating one", async () => {
  const stranger = { name: "Dana Lookalike", email: `dana@other-${run}.example` };
  const { page, context } = await open({ kind: "message", subject: "Hi", from: stranger, to: [me()], internetMessageId: `<dup-${run}@x>`, user: me() });
  const panel = page.locator(`details.unknown[data-email="${stranger.email}"]`);
  await panel.waitFor();
  await panel.locator("summary").click();
  await assert.doesNotReject(panel.getByText("No company found.").waitFor());
  await panel.getByLabel("New company name").fill(`pane customer ${run}`);
  await panel.getByLabel("Postcode").fill("69002");
  await panel.getByRole("button", { name: "Create contact" }).click();
  await assert.doesNotReject(panel.getByText(/Similar companies already exist/).first().waitFor());
  assert.ok(await panel.getByLabel(new RegExp(`^Pane Customer ${run}`)).isChecked(), "the existing company is offered first");
  await shot(page, "09-duplicate-warning");
  assert.equal((await rep.ok(`/api/companies?q=${encodeURIComponent(`pane customer ${run}`)}`)).items.length, 1, "nothing created yet");
  await panel.getByRole("button", { name: "Create it anyway" }).click();
  await assert.doesNotReject(cardOf(page, stranger).waitFor());
  assert.equal((await rep.ok(`/api/contacts?q=${encodeURIComponent(stranger.email)}`)).items[0].companyId, co.id, "with the existing company kept checked");
  await context.close();
});

test("an unknown sender of a new domain becomes a contact of a new company (French)", async () => {
  const newDomain = `nouvelle-entreprise-${run}.example`;
  const stranger = { name: "Zoé Nouvelle", email: `zoe.nouvelle@${newDomain}` };
  const { page, context } = await open({
    kind: "message", subject: "Première prise de contact", from: stranger, to: [me()], internetMessageId: `<new-${run}@x>`,
    itemId: `AAMkNew${run}`, body: "Bonjour", user: me(), language: "fr-FR",
  });
  const panel = page.locator(`details.unknown[data-email="${stranger.email}"]`);
  await panel.waitFor();
  await panel.locator("summary").click();
  assert.equal(await panel.getByLabel("Prénom").inputValue(), "Zoé");
  await assert.doesNotReject(panel.getByText("Aucune société trouvée.").waitFor());
  assert.equal(await panel.getByLabel("Nom de la nouvelle société").inputValue(), `Nouvelle Entreprise ${run[0].toUpperCase()}${run.slice(1)}`);
  await panel.getByLabel("Fonction").fill("Acheteuse");
  await panel.getByRole("button", { name: "Créer le contact" }).click();
  await assert.doesNotReject(cardOf(page, stranger).waitFor());
  assert.match(await page.locator(`[data-status-for="card-for-${stranger.email}"]`).innerText(), /Contact créé/);
  await shot(page, "10-new-contact-card-fr");
  const found = (await rep.ok(`/api/contacts?q=${encodeURIComponent(stranger.email)}`)).items;
  assert.equal(found.length, 1);
  assert.equal(found[0].jobTitle, "Acheteuse");
  await context.close();
});

test("a failed request says what to do and keeps what was typed", async () => {
  const { page, context } = await open(mailFrom(contact, `<err-${run}@client.example>`));
  const card = cardOf(page, contact);
  await card.waitFor();
  await page.route("**/api/notes", (route) => route.abort());
  await card.locator("summary", { hasText: "Add a note" }).click();
  await card.locator("form.note-form textarea").fill(`Kept ${run}`);
  await card.getByRole("button", { name: "Save note" }).click();
  await assert.doesNotReject(card.getByRole("alert").getByText(/Cannot reach the CRM/).waitFor());
  assert.equal(await card.locator("form.note-form textarea").inputValue(), `Kept ${run}`);
  await shot(page, "11-network-error");
  await page.unroute("**/api/notes");
  await card.getByRole("button", { name: "Save note" }).click();
  await assert.doesNotReject(card.getByText("Note saved.").waitFor());
  assert.equal((await focused(page)).text, "Add a note", "focus on the note's summary, the result beside it");
  const notes = (await rep.ok(`/api/notes?companyId=${co.id}&limit=50`)).items;
  assert.ok(notes.some((n) => n.text === `Kept ${run}`));
  await context.close();
});

// A 1-second silent WAV: a real audio file for the upload path.
function wav() {
  const rate = 8000, samples = rate, buffer = Buffer.alloc(44 + samples);
  buffer.write("RIFF", 0); buffer.writeUInt32LE(36 + samples, 4); buffer.write("WAVEfmt ", 8); buffer.writeUInt32LE(16, 16);
  buffer.writeUInt16LE(1, 20); buffer.writeUInt16LE(1, 22); buffer.writeUInt32LE(rate, 24); buffer.writeUInt32LE(rate, 28);
  buffer.writeUInt16LE(1, 32); buffer.writeUInt16LE(8, 34); buffer.write("data", 36); buffer.writeUInt32LE(samples, 40); buffer.fill(128, 44);
  return buffer;
}

test("voice notes: recorded with the microphone or chosen as a file, stored by the API, played back on the card", async () => {
  const { page, context } = await open(mailFrom(contact, `<voice-${run}@client.example>`), { permissions: ["microphone"] });
  const card = cardOf(page, contact);
  await card.waitFor();
  // 1. Recorded with MediaRecorder (Chromium's fake microphone).
  await card.locator("summary", { hasText: "Add a note" }).click();
  const form = card.locator("form.note-form");
  await form.getByRole("button", { name: "Record" }).click();
  await assert.doesNotReject(form.getByText(/Recording…/).waitFor());
  await page.waitForTimeout(1500);
  await form.getByRole("button", { name: "Stop" }).click();
  await assert.doesNotReject(form.getByText(/Recording ready/).waitFor());
  await form.locator("textarea").fill(`Spoken ${run}`);
  await form.getByRole("button", { name: "Save note" }).click();
  await assert.doesNotReject(card.getByText("Note saved.").waitFor());
  const recorded = (await rep.ok(`/api/notes?companyId=${co.id}&limit=50`)).items.find((n) => n.text === `Spoken ${run}`);
  assert.ok(recorded?.hasAudio, "the recording is stored with the note");
  const audio = await fetch(`${server.base}/api/notes/${recorded.id}/audio`, { headers: { Authorization: `Bearer ${rep.token}` } });
  assert.match(audio.headers.get("content-type"), /^audio\//);
  assert.ok((await audio.arrayBuffer()).byteLength > 100, "not empty");

  // 2. A file where recording is not possible.
  await card.locator("summary", { hasText: "Add a note" }).click();
  await card.locator("form.note-form").getByLabel("Or choose an audio file").setInputFiles({ name: "memo.wav", mimeType: "audio/wav", buffer: wav() });
  await card.getByRole("button", { name: "Save note" }).click();
  await assert.doesNotReject(card.getByText("Note saved.").waitFor());
  const uploaded = (await rep.ok(`/api/notes?companyId=${co.id}&limit=50`)).items[0];
  assert.ok(uploaded.hasAudio);
  const bytes = Buffer.from(await (await fetch(`${server.base}/api/notes/${uploaded.id}/audio`, { headers: { Authorization: `Bearer ${rep.token}` } })).arrayBuffer());
  assert.deepEqual(bytes, wav(), "stored as sent");

  // 3. Played back on the card.
  await card.getByRole("button", { name: "Play the voice note" }).first().click();
  await assert.doesNotReject(card.locator("audio[controls]").first().waitFor());
  assert.ok(await card.locator("audio").first().evaluate((a) => a.src.startsWith("blob:")));
  await shot(page, "12-voice-note");
  await context.close();
});

test("a pinned pane follows the selected item (ItemChanged)", async () => {
  const { page, context } = await open(mailFrom(contact, `<pin-a-${run}@client.example>`));
  await cardOf(page, contact).waitFor();
  const otherItem = mailFrom(second, `<pin-b-${run}@client.example>`);
  await page.evaluate((spec) => window.__OUTLOOKCRM_SELECT_ITEM__(spec), otherItem);
  await assert.doesNotReject(cardOf(page, second).waitFor());
  assert.equal(await cardOf(page, contact).count(), 0, "the previous item's card is gone");
  await context.close();
});

// A .docx is a zip: the text of word/document.xml, found through the zip's central directory.
function docxText(bytes) {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = bytes.readUInt32LE(end + 16);
  for (let i = 0; i < bytes.readUInt16LE(end + 10); i++) {
    const [method, size, nameLength, extra, comment, local] = [bytes.readUInt16LE(at + 10), bytes.readUInt32LE(at + 20), bytes.readUInt16LE(at + 28),
      bytes.readUInt16LE(at + 30), bytes.readUInt16LE(at + 32), bytes.readUInt32LE(at + 42)];
    if (bytes.toString("utf8", at + 46, at + 46 + nameLength) === "word/document.xml") {
      const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
      const data = bytes.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString("utf8").replace(/<[^>]+>/g, " ");
    }
    at += 46 + nameLength + extra + comment;
  }
  throw new Error("no word/document.xml in the attachment");
}

test("on a mail being written, \"Attach the quote\" adds the deal's quote document to the mail; without a quote it says so", async () => {
  const { page, context, errors } = await open(composeTo(contact));
  const card = cardOf(page, contact);
  const button = card.getByRole("button", { name: "Attach the quote" });
  await button.click();
  await card.getByRole("alert").filter({ hasText: "This deal has no quote to send" }).waitFor();

  const quote = await rep.post("/api/quotes", { dealId: deal.id, lines: [{ description: `Pose de menuiseries ${run}`, quantity: 2, unitPrice: 450, vatRate: 20 }] });
  assert.equal(quote.status, 201, JSON.stringify(quote.body));
  await button.click();
  await card.getByRole("status").filter({ hasText: `Quote ${quote.body.number} attached to the mail.` }).waitFor();
  const attached = await page.evaluate(() => window.__OUTLOOKCRM_ATTACHED__);
  assert.deepEqual(attached.map((a) => a.name), [`${quote.body.number}.docx`]);
  const text = docxText(Buffer.from(attached[0].base64, "base64"));
  for (const expected of [quote.body.number, co.name, `Pose de menuiseries ${run}`]) assert.ok(text.includes(expected), `the attached document names ${expected}`);
  await assertNoHorizontalOverflow(page, "compose card at 320 px");
  await shot(page, "05-attach-quote-320");
  assert.deepEqual(errors, []);
  await context.close();

  // A mail being read has nothing to attach to: no button there.
  const reading = await open(mailFrom(contact, `<no-attach-${run}@client.example>`));
  await cardOf(reading.page, contact).waitFor();
  assert.equal(await cardOf(reading.page, contact).locator("button.attach-quote").count(), 0);
  await reading.context.close();
});

// Every screen, in French, light and dark: no English left (outside CRM data), axe 0 critical / 0 serious.
const screens = () => [
  ["mail", mailFrom(contact, `<screen-mail-${run}@client.example>`), async (page) => {
    await cardOf(page, contact).waitFor();
    for (const s of await page.locator("article.card summary").all()) await s.click();
  }],
  ["mail-logged", mailFrom(contact, `<log-${run}@client.example>`), (page) => page.locator("section.log-mail").waitFor()],
  ["compose-quote-attached", composeTo(contact), async (page) => {
    await cardOf(page, contact).locator("button.attach-quote").click();
    // Attached (after the attach test made a quote) or "no quote" (run alone): either way a sentence of the pane's.
    await cardOf(page, contact).locator(".attach .status.ok, .attach .status.error").waitFor();
  }],
  ["appointment-open", appointment(second, `AAMkScreen${run}`), async (page) => {
    await page.locator("section.log-visit").waitFor();
    await page.locator("section.log-visit summary").click();
  }],
  ["appointment-done", appointment(contact, `AAMkVisit${run}`), (page) => page.locator("section.linked .closed-summary").waitFor()],
  ["appointment-linked", appointment(second, `AAMkOrganizer${run}`), (page) => page.locator("section.linked form.close-form").waitFor()],
  ["errors", mailFrom(contact, `<screen-err-${run}@client.example>`), async (page) => {
    // What a rep reads when things go wrong: an empty note refused, then the CRM out of reach.
    const card = cardOf(page, contact);
    await card.locator("summary", { hasText: /Add a note|Ajouter une note/ }).click();
    await card.locator("form.note-form button[type=submit]").click();
    await card.getByRole("alert").waitFor();
    await page.route("**/api/notes", (route) => route.abort());
    await card.locator("form.note-form textarea").fill("x");
    await card.locator("form.note-form button[type=submit]").click();
    await card.getByRole("alert").filter({ hasText: /CRM/ }).waitFor();
  }],
  ["unknown", { kind: "message", subject: "Bonjour", from: { name: "Inconnu Total", email: `inconnu@screen-${run}.example` }, to: [me()], internetMessageId: `<u-${run}@x>`, user: me() },
    async (page) => {
      const panel = page.locator("details.unknown");
      await panel.waitFor();
      await panel.locator("summary").click();
      await panel.locator(".results p").waitFor();
    }],
  ["no-item-people", { kind: "message", subject: "Interne", from: me(), to: [me()], internetMessageId: `<i-${run}@x>`, user: me() }, (page) => page.locator("p.empty").waitFor()],
];

// What the French pane may show that is not its own text: stage texts (the API's, in French) and demo user names.
const frenchData = async () => {
  const users = await (await fetch(`${server.base}/dev/users`)).json();
  return [...stagesFr.flatMap((s) => [s.name, s.definition]), ...users.flatMap((u) => [u.displayName, u.territory].filter(Boolean))];
};

test("every screen in French: no English string left, alerts and stages included", async () => {
  const data = await frenchData();
  const found = {};
  for (const [name, item, ready] of screens()) {
    const { page, context } = await open({ ...item, language: "fr-FR" });
    await ready(page);
    const left = await untranslated(page, data);
    if (left.length) found[name] = left;
    await shot(page, `20-fr-${name}`);
    await context.close();
  }
  // The development sign-in too (it lists demo users: data).
  const { page, context } = await browser.open(server.base, { ...mailFrom(contact, `<fr-signin-${run}@x>`), language: "fr-FR" });
  await page.getByLabel("Utilisateur de démonstration", { exact: true }).waitFor();
  const left = await untranslated(page, data);
  if (left.length) found["dev-sign-in"] = left;
  await context.close();
  assert.deepEqual(found, {}, "English (or untranslated) texts in French mode");
});

test("the checker does catch English in French mode", async () => {
  const { page, context } = await open({ ...mailFrom(contact, `<fr-check-${run}@x>`), language: "fr-FR" });
  await cardOf(page, contact).waitFor();
  await page.evaluate(() => document.querySelector("main").append(Object.assign(document.createElement("p"), { textContent: "Loading…" })));
  assert.deepEqual(await untranslated(page, await frenchData()), ["Loading…"]);
  await context.close();
});

// Each screen opened once per language; the colour scheme switched in place (prefers-color-scheme), axe run in both.
for (const language of ["en-US", "fr-FR"]) {
  test(`axe-core: 0 critical and 0 serious on every screen, light and dark themes, ${language}`, async () => {
    for (const [name, item, ready] of screens()) {
      const { page, context } = await open({ ...item, language });
      await ready(page);
      for (const colorScheme of ["light", "dark"]) {
        await page.emulateMedia({ colorScheme });
        assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), colorScheme === "dark" ? "rgb(31, 31, 31)" : "rgb(250, 250, 250)", "the theme applied");
        await assertAccessible(page, `${name} (${language}, ${colorScheme})`);
        await assertNoHorizontalOverflow(page, `${name} (${language}, ${colorScheme})`);
        if (language === "en-US") await shot(page, `30-${colorScheme}-${name}`);
      }
      await context.close();
    }
  });
}

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

test("MSAL comes from its own file, loaded only when the API publishes NAA settings (not for the development sign-in)", async () => {
  const msalFile = /\/addin\/chunks\/msal-[A-Z0-9]+\.js$/;
  // Development sign-in: the card without MSAL.
  const dev = await open(mailFrom(contact, `<no-msal-${run}@client.example>`));
  const devRequests = [];
  dev.page.on("request", (r) => devRequests.push(r.url()));
  await cardOf(dev.page, contact).waitFor();
  const loaded = await dev.page.evaluate(() => performance.getEntriesByType("resource").map((r) => r.name));
  assert.deepEqual([...loaded, ...devRequests].filter((u) => msalFile.test(u)), []);
  assert.deepEqual(dev.errors, []);
  await dev.context.close();

  // NAA settings (as a tenant's API publishes them): the pane imports MSAL's file to get a token. Outside Outlook there
  // is no NAA bridge, so MSAL falls back to its sign-in popup, which is refused here (nothing leaves the machine).
  const context = await browser.browser.newContext({ viewport: { width: 320, height: 1000 } });
  const refused = [];
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "appsforoffice.microsoft.com") return route.fulfill({ path: new URL("../dist/dev/office-stub.js", import.meta.url).pathname, contentType: "application/javascript" });
    if (url.pathname === "/addin/config.json")
      return route.fulfill({ json: { devSignIn: false, clientId: "00000000-0000-0000-0000-0000000000aa", authority: "https://login.microsoftonline.com/common", apiScope: "api://00000000-0000-0000-0000-0000000000aa/access_as_user" } });
    if (["127.0.0.1", "localhost"].includes(url.hostname)) return route.continue();
    refused.push(url.hostname);
    return route.abort();
  });
  await context.addInitScript((spec) => { window.__OUTLOOKCRM_FAKE_ITEM__ = spec; }, mailFrom(contact, `<naa-${run}@client.example>`));
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const msal = page.waitForResponse((r) => msalFile.test(r.url()));
  await page.goto(`${server.base}/addin/taskpane.html`);
  const response = await msal;
  assert.equal(response.status(), 200);
  assert.match(response.headers()["content-type"], /javascript/);
  // The module evaluated and MSAL ran: its popup went for Microsoft's sign-in page (refused above).
  const deadline = Date.now() + 15_000;
  while (!refused.includes("login.microsoftonline.com") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  assert.ok(refused.includes("login.microsoftonline.com"), `MSAL went for Microsoft's sign-in (refused: ${refused.join(", ") || "nothing"})`);
  assert.deepEqual(errors, []);
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

// GET over HTTPS trusting only the development certificate the API serves (as a rep's browser does once trusted).
const httpsGet = (url) => new Promise((resolve, reject) => {
  request(url, { ca: server.certificate }, (res) => {
    const chunks = [];
    res.on("data", (c) => chunks.push(c));
    res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
  }).on("error", reject).end();
});

test("HTTPS with the development certificate: the pane, its icons and the manifests, all pointing at the HTTPS address", async () => {
  const xml = await httpsGet(`${server.httpsBase}/manifest.xml`);
  assert.equal(xml.status, 200);
  const { checkManifest } = await import("../test-support/manifest.mjs");
  const urls = checkManifest(xml.body.toString());
  for (const url of urls) {
    assert.ok(url.startsWith(server.httpsBase), `${url} is on the HTTPS address`);
    const r = await httpsGet(url);
    assert.equal(r.status, 200, url);
    if (/\.png$/.test(url)) {
      // https://learn.microsoft.com/javascript/api/manifest/image: no Cache-Control on icons (Office must cache them).
      assert.equal(r.headers["cache-control"], undefined, `${url}: no Cache-Control`);
      assert.ok(new Date(r.headers.expires) > new Date(Date.now() + 300 * 86400_000), `${url}: kept for a long time`);
    }
  }
  const pane = await httpsGet(`${server.httpsBase}/addin/taskpane.html`);
  assert.equal(pane.status, 200);
  assert.equal(pane.headers["cache-control"], "no-cache", "a new build of the pane is picked up at once");
  // MSAL's file is named by its content's hash: kept for good (a new build names it anew).
  const msalName = readdirSync(new URL("../dist/chunks/", import.meta.url)).find((f) => /^msal-[A-Z0-9]+\.js$/.test(f));
  const msal = await httpsGet(`${server.httpsBase}/addin/chunks/${msalName}`);
  assert.equal(msal.status, 200);
  assert.equal(msal.headers["cache-control"], "public, max-age=31536000, immutable");
  await assert.rejects(new Promise((resolve, reject) => request(`${server.httpsBase}/manifest.xml`, (res) => resolve(res.statusCode)).on("error", reject).end()),
    "without trusting the certificate, the connection is refused");
});

test("the unified manifest and its app package are served for the host, valid against Microsoft's schema", async () => {
  const { validate, unzip } = await import("../test-support/unified.mjs");
  const served = await httpsGet(`${server.httpsBase}/manifest.json`);
  assert.equal(served.status, 200);
  const manifest = JSON.parse(served.body.toString());
  assert.deepEqual(await validate(manifest), []);
  assert.equal(manifest.extensions[0].runtimes[0].code.page, `${server.httpsBase}/addin/taskpane.html`);
  assert.deepEqual(manifest.validDomains, [new URL(server.httpsBase).host]);
  const zip = await httpsGet(`${server.httpsBase}/manifest.zip`);
  assert.equal(zip.status, 200);
  assert.equal(zip.headers["content-type"], "application/zip");
  const files = unzip(zip.body);
  const names = [...files.keys()];
  assert.deepEqual(names.sort(), ["fr-fr.json", "icon-192.png", "icon-outline-32.png", "manifest.json"]);
  assert.deepEqual(JSON.parse(files.get("manifest.json").toString()), manifest, "the package holds the served manifest");
  for (const icon of Object.values(manifest.icons)) assert.deepEqual([...files.get(icon).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], `${icon} is a PNG`);
});
