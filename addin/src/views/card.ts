import type { ActivityRef, LookupCard } from "../api";
import { date, money, t } from "../i18n";
import { h, newId } from "./dom";
import type { PaneContext } from "./context";
import { dealMoveForm } from "./deal";
import { noteForm, type NoteTarget } from "./notes";

const fullName = (c: LookupCard["contact"]) => [c.firstName, c.lastName].filter(Boolean).join(" ");

function activityLine(a: ActivityRef | null): string {
  if (!a) return t("none");
  return `${t(`type_${a.type}` as never)} · ${date(a.startUtc, true)} · ${a.subject} (${t(`status_${a.status}` as never)})`;
}

function trend(ytd: number | null, last: number | null): string {
  if (!ytd || !last) return "";
  const pct = Math.round(((ytd - last) / last) * 100);
  return ` (${pct >= 0 ? "+" : ""}${pct} %)`;
}

// Records not verified for longer than the API's review period (data goes stale): the rep checks them on the phone.
function toVerify(record: { toVerify?: boolean; lastVerifiedAt: string | null }): HTMLElement | null {
  if (!record.toVerify) return null;
  const since = record.lastVerifiedAt ? t("verifiedOn", date(record.lastVerifiedAt)) : t("neverVerified");
  return h("span", { class: "badge to-verify", title: since }, t("toVerify"));
}

// The CRM card of one known address: who, which company, how it is going, what is open.
export function renderCard(ctx: PaneContext, card: LookupCard): HTMLElement {
  const headingId = newId("card");
  const { company, contact } = card;
  const row = (label: string, value: string | null | undefined) => [h("dt", {}, label), h("dd", {}, value || "—")];
  const targets: NoteTarget[] = [{ label: t("noteTargetCompany", company.name), companyId: company.id }];
  if (ctx.linked && ctx.linked.companyId === company.id) targets.push({ label: t("noteTargetActivity", ctx.linked.subject), activityId: ctx.linked.id });
  for (const deal of card.openDeals) targets.push({ label: t("noteTargetDeal", deal.title), dealId: deal.id });

  return h("article", { class: "card", "aria-labelledby": headingId, "data-email": card.email, "data-company-id": company.id },
    h("h2", { id: headingId }, company.name, toVerify(company)),
    h("p", { class: "who" }, `${fullName(contact)}${contact.jobTitle ? " · " + contact.jobTitle : ""}`, toVerify(contact), h("br"), h("span", { class: "muted" }, contact.email)),
    h("dl", { class: "facts" },
      ...row(t("status"), company.status), ...row(t("category"), company.category),
      ...row(t("accountManager"), company.accountManagerName), ...row(t("territory"), company.territoryName)),
    h("dl", { class: "figures" },
      ...row(t("salesYtd"), money(company.salesYearToDate) + trend(company.salesYearToDate, company.salesLastYear)),
      ...row(t("salesLastYear"), money(company.salesLastYear)),
      ...row(t("outstanding"), money(company.outstandingAmount))),
    card.alerts.length ? h("section", { class: "alerts", "aria-label": t("alerts") }, h("ul", {}, card.alerts.map((a) => h("li", {}, a.message)))) : null,
    h("h3", {}, t("openDeals")),
    card.openDeals.length
      ? h("ul", { class: "deals" }, card.openDeals.map((deal) => h("li", { "data-deal-id": deal.id },
          h("span", { class: "deal-title" }, deal.title), " · ", money(deal.amount), " · ",
          h("span", { class: "badge stage" }, deal.stageName),
          dealMoveForm(ctx, deal))))
      : h("p", { class: "muted" }, t("noOpenDeals")),
    h("h3", {}, t("lastNotes")),
    card.lastNotes.length
      ? h("ul", { class: "notes" }, card.lastNotes.map((n) => h("li", {}, h("span", { class: "muted" }, `${date(n.createdAt)} · ${n.authorName}`), h("br"), n.text)))
      : h("p", { class: "muted" }, t("noNotes")),
    h("dl", { class: "facts" }, ...row(t("lastActivity"), activityLine(card.lastActivity)), ...row(t("nextActivity"), activityLine(card.nextActivity))),
    noteForm(ctx, targets));
}
