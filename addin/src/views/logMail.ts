import { date, t } from "../i18n";
import type { CurrentItem, Person } from "../mailbox";
import { busy, field, h, select, statusLine } from "./dom";
import { companiesOf, openDealsOf, type PaneContext } from "./context";

const list = (people: Person[]) => people.map((p) => `${p.name} <${p.email}>`).join(", ");

// What the email activity records: the people, the date and the attachment names, then an excerpt.
export function mailDetails(item: CurrentItem): string {
  const header = [
    item.from ? `From: ${list([item.from])}` : "",
    item.to.length ? `To: ${list(item.to)}` : "",
    item.cc.length ? `Cc: ${list(item.cc)}` : "",
    item.sentAt ? `Date: ${item.sentAt.toISOString()}` : "",
    item.attachmentNames.length ? `Attachments: ${item.attachmentNames.join(", ")}` : "",
  ].filter(Boolean).join("\n");
  return [header, item.bodyExcerpt].filter(Boolean).join("\n\n");
}

export function mailNote(item: CurrentItem): string {
  const gist = item.bodyExcerpt.length > 200 ? item.bodyExcerpt.slice(0, 199) + "…" : item.bodyExcerpt;
  return [`✉ ${item.subject || t("noSubject")}${item.from ? ` (${item.from.name})` : ""}`, gist].filter(Boolean).join(": ");
}

// Logs the open mail once, keyed by its internet message id: a second time the API answers "already logged".
// The only open deal of the chosen company is preselected; the answer lands next to the button.
export function logMailSection(ctx: PaneContext): HTMLElement {
  const key = "log-mail";
  const status = statusLine(key);
  const companies = companiesOf(ctx.cards);
  const section = h("section", { class: "panel log-mail", "aria-labelledby": "log-mail-title", "data-key": key }, h("h2", { id: "log-mail-title" }, t("logMail")));
  if (ctx.item.mode === "compose" || !ctx.item.internetMessageId) {
    section.append(h("p", { class: "muted" }, t("composeCannotLog")));
    return section;
  }
  if (companies.length === 0) return section.appendChild(h("p", { class: "muted" }, t("noCompanyToLog"))) && section;
  if (ctx.linked) {
    section.append(h("p", { class: "status ok", "data-status-for": key, tabindex: "-1" }, t("mailAlreadyLogged", date(ctx.linked.startUtc))));
    return section;
  }

  const companySelect = select(companies.map((c) => ({ value: String(c.id), label: c.name, data: true })), String(companies[0].id), { name: "company" });
  const dealSelect = h("select", { name: "deal" });
  const fillDeals = () => {
    const deals = openDealsOf(ctx.cards, Number(companySelect.value));
    dealSelect.replaceChildren(h("option", { value: "" }, t("noDeal")),
      ...deals.map((d) => h("option", { value: String(d.id), translate: "no", selected: deals.length === 1 }, d.title)));
  };
  fillDeals();
  companySelect.addEventListener("change", fillDeals);
  const button = h("button", { type: "submit", class: "primary", "data-focus-for": key }, t("logMail"));
  const form = h("form", {},
    companies.length > 1 ? field(t("logMailTo"), companySelect) : null,
    field(t("deal"), dealSelect),
    h("div", { class: "actions" }, button),
    h("p", { class: "hint" }, t("logMailHelp")));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const item = ctx.item;
    const company = companies.find((c) => c.id === Number(companySelect.value)) ?? companies[0];
    void busy(button, status, async () => {
      const saved = await ctx.api.saveActivity({
        type: "Email",
        subject: item.subject || t("noSubject"),
        startUtc: (item.sentAt ?? new Date()).toISOString(),
        companyId: company.id,
        contactIds: company.contactIds,
        dealId: dealSelect.value ? Number(dealSelect.value) : null,
        details: mailDetails(item),
        internetMessageId: item.internetMessageId,
        // A mail is a done exchange, and a done activity carries a note: the mail's gist is that note.
        status: "Done",
        note: mailNote(item),
      });
      await ctx.refresh(saved.created ? t("mailLogged") : t("mailAlreadyLogged", date(saved.value.startUtc)), key);
    });
  });
  section.append(form, status.el);
  return section;
}
