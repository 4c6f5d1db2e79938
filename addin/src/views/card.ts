import type { ActivityRef, CardFollowUp, CardNote, LookupCard } from "../api";
import { alertText, date, day, money, t } from "../i18n";
import { h } from "./dom";
import type { PaneContext } from "./context";
import { dealMoveForm } from "./deal";
import { noteForm, type NoteTarget } from "./notes";
import { attachQuoteButton } from "./quote";

const fullName = (c: LookupCard["contact"]) => [c.firstName, c.lastName].filter(Boolean).join(" ");
// Data from the CRM is never translated (translate="no"): the French test tells it from the pane's own words.
const data = (text: string | null | undefined, cls = "") => h("span", { translate: "no", class: cls || undefined }, text ?? "—");

function activityLine(a: ActivityRef | null): (HTMLElement | string)[] {
  if (!a) return [t("none")];
  return [`${t(`type_${a.type}` as never)} · ${date(a.startUtc, true)} · `, data(a.subject), ` (${t(`status_${a.status}` as never)})`];
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

// tel: links, so a rep on the road calls from the card.
function phoneLink(label: string, number: string | null | undefined): HTMLElement | null {
  if (!number) return null;
  const dial = number.replace(/[^\d+]/g, "");
  return h("li", {}, h("span", { class: "muted" }, `${label} `), h("a", { href: `tel:${dial}`, "aria-label": t("call", `${label} ${number}`) }, data(number)));
}

// A follow-up ("relance"): when, what, for whom; overdue ones are flagged (they are also among the alerts).
function followUpLine(f: CardFollowUp): HTMLElement {
  return h("li", { "data-follow-up-id": f.id, class: f.overdue ? "overdue" : undefined },
    f.overdue ? h("span", { class: "badge overdue" }, t("followUpOverdue")) : null, f.overdue ? " " : null,
    `${day(f.dueOn)} · `, data(f.reason), " · ", h("span", { class: "muted" }, t("followUpBy", ""), data(f.ownerName)));
}

export function noteLine(ctx: PaneContext, n: CardNote): HTMLElement {
  const player = n.hasAudio ? audioButton(ctx, n.id) : null;
  return h("li", { "data-note-id": n.id }, h("span", { class: "muted" }, `${date(n.createdAt)} · `, data(n.authorName)), h("br"), data(n.text), player);
}

// A voice note plays on demand: the audio is fetched with the rep's token, then handed to a native player.
function audioButton(ctx: PaneContext, noteId: number): HTMLElement {
  const holder = h("div", { class: "audio" });
  const button = h("button", { type: "button", class: "small" }, t("play"));
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const blob = await ctx.api.audio(noteId);
      const player = h("audio", { controls: true, src: URL.createObjectURL(blob), "aria-label": t("voiceNote") });
      holder.replaceChildren(player);
      player.focus();
      void player.play().catch(() => undefined);
    } catch {
      button.disabled = false;
      holder.append(h("p", { class: "status error", role: "alert" }, t("errNotFound")));
    }
  });
  holder.append(button);
  return holder;
}

// The CRM card of one known address, first thing in the pane: who, which company, how to call, what to watch.
export function renderCard(ctx: PaneContext, card: LookupCard): HTMLElement {
  const { company, contact } = card;
  const key = `card-${company.id}-${contact.id}`;
  const headingId = `${key}-title`;
  const row = (label: string, ...value: (HTMLElement | string)[]) => [h("dt", {}, label), h("dd", {}, ...(value.length ? value : ["—"]))];
  const targets: NoteTarget[] = [{ label: t("noteTargetCompany", company.name), companyId: company.id }];
  if (ctx.linked && ctx.linked.companyId === company.id) targets.push({ label: t("noteTargetActivity", ctx.linked.subject), activityId: ctx.linked.id });
  for (const deal of card.openDeals) targets.push({ label: t("noteTargetDeal", deal.title), dealId: deal.id });
  const [lastNote, ...olderNotes] = card.lastNotes;
  const phones = [phoneLink(t("phone"), contact.phone), phoneLink(t("mobile"), contact.mobile), phoneLink(t("companyPhone"), company.phone)].filter(Boolean);

  return h("article", { class: "card", "aria-labelledby": headingId, "data-email": card.email, "data-company-id": company.id, "data-key": key },
    h("p", { class: "status", "data-status-for": `card-for-${card.email}` }),
    h("h2", { id: headingId, "data-focus-for": `card-for-${card.email}` }, data(fullName(contact)), toVerify(contact)),
    h("p", { class: "company" }, h("strong", {}, data(company.name)), toVerify(company), " ",
      h("span", { class: "badge" }, t(`companyStatus_${company.status}` as never) || company.status),
      company.category ? h("span", { class: "badge" }, t("categoryLabel", company.category)) : null),
    contact.jobTitle ? h("p", { class: "muted" }, data(contact.jobTitle)) : null,
    phones.length ? h("ul", { class: "phones" }, phones) : null,
    card.alerts.length ? h("section", { class: "alerts", "aria-label": t("alerts") }, h("ul", {}, card.alerts.map((a) => h("li", {}, alertText(a))))) : null,
    h("dl", { class: "figures", "aria-label": t("figures") },
      ...row(t("salesYtd"), money(company.salesYearToDate) + trend(company.salesYearToDate, company.salesLastYear)),
      ...row(t("salesLastYear"), money(company.salesLastYear)),
      ...row(t("outstanding"), money(company.outstandingAmount))),
    h("h3", {}, t("lastNotes")),
    lastNote ? h("ul", { class: "notes" }, noteLine(ctx, lastNote)) : h("p", { class: "muted" }, t("noNotes")),
    h("h3", {}, t("openDeals")),
    card.openDeals.length
      ? h("ul", { class: "deals" }, card.openDeals.map((deal) => h("li", { "data-deal-id": deal.id },
          h("span", { class: "deal-title", translate: "no" }, deal.title), " · ", money(deal.amount), " · ",
          h("span", { class: "badge stage" }, deal.stageName),
          attachQuoteButton(ctx, deal, `${key}-quote-${deal.id}`),
          dealMoveForm(ctx, deal, `${key}-deal-${deal.id}`))))
      : h("p", { class: "muted" }, t("noOpenDeals")),
    card.followUps?.length
      ? h("section", { class: "followups", "aria-labelledby": `${key}-followups` }, h("h3", { id: `${key}-followups` }, t("followUps")),
          h("ul", {}, card.followUps.map(followUpLine)))
      : null,
    h("details", { class: "more", "data-key": `${key}-more` }, h("summary", {}, t("moreOnCard")),
      h("dl", { class: "facts" },
        ...row(t("accountManager"), data(company.accountManagerName)), ...row(t("territory"), data(company.territoryName)),
        ...row(t("lastActivity"), ...activityLine(card.lastActivity)), ...row(t("nextActivity"), ...activityLine(card.nextActivity))),
      olderNotes.length ? h("ul", { class: "notes" }, olderNotes.map((n) => noteLine(ctx, n))) : null),
    h("h3", {}, t("recentMails")),
    card.recentMails?.length
      ? h("ul", { class: "mails" }, card.recentMails.map((m) => h("li", {}, `✉ ${date(m.startUtc)} · `, data(m.subject))))
      : h("p", { class: "muted" }, t("noMails")),
    noteForm(ctx, targets, `${key}-note`));
}
