import type { ActivityType } from "../api";
import { t } from "../i18n";
import { ensureItemId } from "../mailbox";
import { busy, field, h, newId, select, statusLine } from "./dom";
import { companiesOf, openDealsOf, type PaneContext } from "./context";

const pad = (n: number) => String(n).padStart(2, "0");
export const toLocalInput = (d: Date | null) =>
  d ? `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}` : "";
const fromLocalInput = (value: string) => (value ? new Date(value).toISOString() : null);

// Logs a visit, call or meeting from the appointment, prefilled from it; the activity is linked to the
// Outlook item, so saving again updates the same activity instead of adding one.
export function logVisitSection(ctx: PaneContext): HTMLElement {
  const status = statusLine();
  const section = h("section", { class: "panel log-visit", "aria-labelledby": "log-visit-title" }, h("h2", { id: "log-visit-title" }, t("logVisitTitle")));
  const companies = companiesOf(ctx.cards);
  if (companies.length === 0) {
    section.append(h("p", { class: "muted" }, t("noCompanyToLog")));
    return section;
  }
  const item = ctx.item, linked = ctx.linked;
  const types: ActivityType[] = ["Visit", "Call", "Meeting"];
  const type = select(types.map((v) => ({ value: v, label: t(`type_${v}`) })), linked?.type ?? "Visit", { name: "type" });
  const subject = h("input", { type: "text", name: "subject", required: true, value: item.subject });
  const start = h("input", { type: "datetime-local", name: "start", required: true, value: toLocalInput(item.start) });
  const end = h("input", { type: "datetime-local", name: "end", value: toLocalInput(item.end) });
  const location = h("input", { type: "text", name: "location", value: item.location });
  const company = select(companies.map((c) => ({ value: String(c.id), label: c.name })), String(linked?.companyId ?? companies[0].id), { name: "company" });
  const contactsBox = h("fieldset", { class: "contacts" });
  const deal = h("select", { name: "deal" });
  const fill = () => {
    const chosen = companies.find((c) => c.id === Number(company.value)) ?? companies[0];
    contactsBox.replaceChildren(h("legend", {}, t("contacts")), ...chosen.cards.map((card) => {
      const id = newId("ct");
      const checked = linked ? linked.contactIds.includes(card.contact.id) : true;
      return h("div", { class: "choice" }, h("input", { type: "checkbox", id, value: String(card.contact.id), checked }),
        h("label", { for: id }, [card.contact.firstName, card.contact.lastName].filter(Boolean).join(" ")));
    }));
    deal.replaceChildren(h("option", { value: "" }, t("noDeal")), ...openDealsOf(ctx.cards, chosen.id).map((d) =>
      h("option", { value: String(d.id), selected: linked?.dealId === d.id }, d.title)));
  };
  fill();
  company.addEventListener("change", fill);
  const save = h("button", { type: "submit", class: "primary" }, t("saveActivity"));
  const form = h("form", {},
    field(t("type"), type), field(t("subject"), subject), field(t("start"), start), field(t("end"), end),
    field(t("company"), company), contactsBox, field(t("deal"), deal), field(t("location"), location),
    h("div", { class: "actions" }, save), status.el);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void busy(save, status, async () => {
      // Office.js exposes no iCalUId: the item's id in the user's mailbox is the link (see README).
      const itemId = item.itemId ?? (await ensureItemId());
      const saved = await ctx.api.saveActivity({
        type: type.value as ActivityType,
        subject: subject.value.trim() || t("noSubject"),
        startUtc: fromLocalInput(start.value) ?? new Date().toISOString(),
        endUtc: fromLocalInput(end.value),
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        companyId: Number(company.value),
        contactIds: [...contactsBox.querySelectorAll<HTMLInputElement>("input:checked")].map((c) => Number(c.value)),
        dealId: deal.value ? Number(deal.value) : null,
        location: location.value.trim() || null,
        outlookEventId: itemId,
        outlookICalUId: itemId,
      });
      await ctx.refresh(saved.created ? t("visitLogged") : t("visitUpdated"));
    });
  });
  section.append(form);
  return section;
}
