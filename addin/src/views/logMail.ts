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

// Logs the open mail once per company of its known counterparts (all chosen by default), keyed by its internet
// message id: logging it again for a company answers "already logged". The only open deal is preselected and goes
// with its own company's activity; the answer lands next to the button.
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
  const loggedFor = companies.filter((c) => ctx.linkedCompanyIds.includes(c.id));
  const toLog = companies.filter((c) => !ctx.linkedCompanyIds.includes(c.id));
  if (ctx.linked && toLog.length === 0) {
    section.append(h("p", { class: "status ok", "data-status-for": key, tabindex: "-1" }, t("mailAlreadyLogged", date(ctx.linked.startUtc))));
    return section;
  }
  if (loggedFor.length)
    section.append(h("p", { class: "muted logged-for" }, t("mailLoggedFor", ""), h("span", { translate: "no" }, loggedFor.map((c) => c.name).join(", "))));

  // Several companies: one checkbox each, all ticked; the deals offered are those of the ticked companies.
  const boxes = toLog.map((c) => h("input", { type: "checkbox", id: `${key}-company-${c.id}`, name: "company", value: String(c.id), checked: true }));
  const chosen = () => toLog.filter((c, i) => toLog.length === 1 || boxes[i].checked);
  const companiesBox = toLog.length > 1
    ? h("fieldset", { class: "companies" }, h("legend", {}, t("logMailTo")), ...toLog.map((c, i) =>
      h("div", { class: "choice" }, boxes[i], h("label", { for: boxes[i].id, translate: "no" }, c.name))))
    : null;
  const dealSelect = h("select", { name: "deal" });
  const fillDeals = () => {
    const deals = chosen().flatMap((c) => openDealsOf(ctx.cards, c.id).map((d) => ({ ...d, companyName: c.name })));
    const previous = dealSelect.value;
    dealSelect.replaceChildren(h("option", { value: "" }, t("noDeal")),
      ...deals.map((d) => h("option", { value: String(d.id), translate: "no", selected: previous ? String(d.id) === previous : deals.length === 1 },
        toLog.length > 1 ? `${d.companyName} — ${d.title}` : d.title)));
  };
  fillDeals();
  boxes.forEach((box) => box.addEventListener("change", fillDeals));
  const button = h("button", { type: "submit", class: "primary", "data-focus-for": key }, t("logMail"));
  const form = h("form", {},
    companiesBox,
    field(t("deal"), dealSelect),
    h("div", { class: "actions" }, button),
    h("p", { class: "hint" }, t("logMailHelp")));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const item = ctx.item;
    const targets = chosen();
    if (targets.length === 0) return void status.fail(t("logMailChooseCompany"));
    const dealId = dealSelect.value ? Number(dealSelect.value) : null;
    void busy(button, status, async () => {
      let created = 0, lastStart = "";
      for (const company of targets) {
        const saved = await ctx.api.saveActivity({
          type: "Email",
          subject: item.subject || t("noSubject"),
          startUtc: (item.sentAt ?? new Date()).toISOString(),
          companyId: company.id,
          contactIds: company.contactIds,
          dealId: dealId !== null && openDealsOf(ctx.cards, company.id).some((d) => d.id === dealId) ? dealId : null,
          details: mailDetails(item),
          internetMessageId: item.internetMessageId,
          // A mail is a done exchange, and a done activity carries a note: the mail's gist is that note.
          status: "Done",
          note: mailNote(item),
        });
        if (saved.created) created++;
        lastStart = saved.value.startUtc;
      }
      const message = created === 0 ? t("mailAlreadyLogged", date(lastStart))
        : targets.length > 1 ? t("mailLoggedToCompanies", targets.map((c) => c.name).join(", ")) : t("mailLogged");
      await ctx.refresh(message, key);
    });
  });
  section.append(form, status.el);
  return section;
}
