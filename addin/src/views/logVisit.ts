import type { ActivityType } from "../api";
import { date, t } from "../i18n";
import { ensureItemId } from "../mailbox";
import { busy, field, h, select, statusLine } from "./dom";
import { companiesOf, openDealsOf, type PaneContext } from "./context";

const pad = (n: number) => String(n).padStart(2, "0");
export const toLocalInput = (d: Date | null) =>
  d ? `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}` : "";
const datePart = (d: Date | null) => toLocalInput(d).slice(0, 10);
const timePart = (d: Date | null) => toLocalInput(d).slice(11, 16);
const fromParts = (day: string, time: string) => (day && time ? new Date(`${day}T${time}`).toISOString() : null);

// Logs a visit, call or meeting from the appointment, prefilled from it; the activity is linked to the
// Outlook item, so saving again updates the same activity instead of adding one. A done activity shows no
// form here: done stays done (the API refuses to reopen it, activityPanel shows its closed summary).
export function logVisitSection(ctx: PaneContext): HTMLElement | null {
  if (ctx.linked?.status === "Done" || ctx.linked?.status === "Cancelled") return null;
  const key = "log-visit";
  const status = statusLine(key);
  const section = h("section", { class: "panel log-visit", "aria-labelledby": "log-visit-title", "data-key": key }, h("h2", { id: "log-visit-title" }, t("logVisitTitle")));
  const companies = companiesOf(ctx.cards);
  if (companies.length === 0) {
    section.append(h("p", { class: "muted" }, t("noCompanyToLog")));
    return section;
  }
  const item = ctx.item, linked = ctx.linked;
  const types: ActivityType[] = ["Visit", "Call", "Meeting"];
  const type = select(types.map((v) => ({ value: v, label: t(`type_${v}`) })), linked?.type ?? "Visit", { name: "type" });
  const subject = h("input", { type: "text", name: "subject", required: true, value: item.subject });
  // The appointment already has its times: shown as one line, the native date and time inputs only when changing them.
  const day = h("input", { type: "date", name: "day", required: true, value: datePart(item.start) });
  const start = h("input", { type: "time", name: "start", required: true, value: timePart(item.start) });
  const end = h("input", { type: "time", name: "end", value: timePart(item.end) });
  const when = h("span", { class: "when", translate: "no" }); // a date, formatted for the pane's language
  const showWhen = () => {
    const s = fromParts(day.value, start.value);
    when.textContent = s ? `${date(s, true)}${end.value ? ` – ${end.value}` : ""}` : "—";
  };
  [day, start, end].forEach((input) => input.addEventListener("change", showWhen));
  showWhen();
  const location = h("input", { type: "text", name: "location", value: item.location });
  const company = select(companies.map((c) => ({ value: String(c.id), label: c.name, data: true })), String(linked?.companyId ?? companies[0].id), { name: "company" });
  const contactsBox = h("fieldset", { class: "contacts" });
  const deal = h("select", { name: "deal" });
  const fill = () => {
    const chosen = companies.find((c) => c.id === Number(company.value)) ?? companies[0];
    contactsBox.replaceChildren(h("legend", {}, t("contacts")), ...chosen.cards.map((card) => {
      const id = `${key}-contact-${card.contact.id}`;
      const checked = linked ? linked.contactIds.includes(card.contact.id) : true;
      return h("div", { class: "choice" }, h("input", { type: "checkbox", id, name: "contact", value: String(card.contact.id), checked }),
        h("label", { for: id, translate: "no" }, [card.contact.firstName, card.contact.lastName].filter(Boolean).join(" ")));
    }));
    const deals = openDealsOf(ctx.cards, chosen.id);
    // The only open deal is what the visit is about, unless the linked activity says otherwise.
    deal.replaceChildren(h("option", { value: "" }, t("noDeal")), ...deals.map((d) =>
      h("option", { value: String(d.id), translate: "no", selected: linked ? linked.dealId === d.id : deals.length === 1 }, d.title)));
  };
  fill();
  company.addEventListener("change", fill);
  const save = h("button", { type: "submit", class: "primary", "data-focus-for": key }, t("saveActivity"));
  const form = h("form", {},
    field(t("type"), type), field(t("subject"), subject),
    h("details", { class: "times", "data-key": `${key}-times` },
      h("summary", {}, h("span", { class: "muted" }, t("times", "")), when,
        h("span", { class: "sr-only" }, ` (${t("changeTimes")})`)),
      field(t("date"), day), h("div", { class: "two" }, field(t("startTime"), start), field(t("endTime"), end))),
    field(t("company"), company), contactsBox, field(t("deal"), deal), field(t("location"), location),
    h("div", { class: "actions" }, save));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void busy(save, status, async () => {
      // Office.js exposes no iCalUId: the item's id in the user's mailbox is the link (see README).
      const itemId = item.itemId ?? (await ensureItemId());
      const startUtc = fromParts(day.value, start.value) ?? new Date().toISOString();
      const saved = await ctx.api.saveActivity({
        type: type.value as ActivityType,
        subject: subject.value.trim() || t("noSubject"),
        startUtc,
        endUtc: end.value ? fromParts(day.value, end.value) : null,
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        companyId: Number(company.value),
        contactIds: [...contactsBox.querySelectorAll<HTMLInputElement>("input:checked")].map((c) => Number(c.value)),
        dealId: deal.value ? Number(deal.value) : null,
        location: location.value.trim() || null,
        outlookEventId: itemId,
        outlookICalUId: itemId,
      });
      await ctx.refresh(saved.created ? t("visitLogged") : t("visitUpdated"), key);
    });
  });
  section.append(form, status.el);
  return section;
}
