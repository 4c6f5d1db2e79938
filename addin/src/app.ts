import { CrmApi, type Me, type Stage } from "./api";
import { DevAuth, NaaAuth, loadConfig, type Auth } from "./auth";
import { currentLanguage, setLanguage, t, warmFormatters } from "./i18n";
import { counterparts, displayLanguage, hasItem, onItemChanged, readCurrentItem, readUser, type CurrentItem } from "./mailbox";
import { activityPanel } from "./views/activityPanel";
import { renderCard } from "./views/card";
import type { PaneContext } from "./views/context";
import { describeError, h } from "./views/dom";
import { land, restore, snapshot } from "./views/drafts";
import { logMailSection } from "./views/logMail";
import { logVisitSection } from "./views/logVisit";
import { unknownPersonPanel } from "./views/newContact";
import { devSignInView } from "./views/signin";

// The pane: sign in, read the Outlook item, ask the CRM about its people, render the views.
export async function startPane(root: HTMLElement): Promise<void> {
  setLanguage(displayLanguage());
  const who = h("p", { class: "who-am-i" });
  // Screen readers hear each result here; sighted users see it next to the action (drafts.land).
  const announce = h("div", { class: "announce sr-only", role: "status", "aria-live": "polite" });
  const main = h("main", { id: "main", tabindex: "-1" });
  // The page keeps its spinner until the first request has left: the layout of the pane's frame then happens while
  // the request is out instead of before it (docs/performance.md, "Pane's first card").
  const show = () => { if (!main.isConnected) root.replaceChildren(h("header", {}, h("h1", {}, t("appName")), who), announce, main); };

  const showError = (error: unknown, retry: () => void) => {
    show();
    main.replaceChildren(h("div", { class: "status error", role: "alert" }, describeError(error)), h("button", { type: "button", class: "primary", onclick: retry }, t("retry")));
  };

  // The item is read while the configuration arrives (Office answers asynchronously).
  const itemRead = hasItem() ? readCurrentItem() : null;
  itemRead?.catch(() => {}); // a failure is reported by load(), which awaits it
  let auth: Auth;
  try {
    const config = await loadConfig();
    auth = config.devSignIn ? new DevAuth() : new NaaAuth(config);
  } catch (error) {
    return showError(error, () => void startPane(root));
  }
  const api = new CrmApi(() => auth.token(), "", currentLanguage());
  let stages: Stage[] | null = null;
  // The first screen's request, sent before anything is drawn; the first load() takes it, an item change drops it.
  let early = itemRead && !(auth instanceof DevAuth && auth.userId == null) ? firstScreen(api, itemRead) : null;
  early?.answer.catch(() => {}); // reported by load()

  const signInFirst = async () => {
    main.replaceChildren(await devSignInView(auth as DevAuth, () => void load()));
  };

  // quiet: a reload after a save, keeping drafts, open sections and focus; key: the action that saved.
  async function load(message?: string, quiet = false, key?: string): Promise<void> {
    const pending = early;
    early = null; // a reload asks again
    if (pending) await pending.left;
    if (!quiet) main.replaceChildren(h("p", { class: "loading", role: "status" }, t("loading")));
    show();
    main.setAttribute("aria-busy", "true");
    try {
      if (auth instanceof DevAuth && auth.userId == null) return await signInFirst();
      const showWho = (me: Me) => who.replaceChildren(t("signedInAs", "").trim(), h("span", { translate: "no" }, me.displayName),
        auth instanceof DevAuth ? h("span", { class: "badge" }, t("devBadge")) : "",
        auth instanceof DevAuth ? h("button", { type: "button", class: "link", onclick: () => { (auth as DevAuth).signOut(); void load(); } }, t("switchUser")) : "");
      if (!hasItem()) {
        showWho(await api.me());
        return void main.replaceChildren(h("p", { class: "empty" }, t("noItem")));
      }
      const { user, item, people, start } = await (pending ?? firstScreen(api)).answer;
      showWho(start.me);
      stages = start.stages;
      const { cards, linked } = start;
      const known = new Set(cards.map((c) => c.email.toLowerCase()));
      const ctx: PaneContext = {
        api, stages, item, user, cards, linked, linkedCompanyIds: start.linkedCompanyIds ?? [],
        unknown: people.filter((p) => !known.has(p.email)),
        refresh: (msg, k) => load(msg, true, k),
      };
      const drafts = snapshot(main);
      main.replaceChildren(...render(ctx, people.length));
      restore(main, drafts, key);
      announce.textContent = message ?? "";
      land(main, key, message);
    } catch (error) {
      showError(error, () => void load());
    } finally {
      main.removeAttribute("aria-busy");
    }
  }

  onItemChanged(() => { early = null; void load(); });
  await load();
}

// The item, its people and the one request on the way to the first card: user, stages, cards and the linked activity
// together. left: settled once the request has been handed to the browser (or the item could not be read).
function firstScreen(api: CrmApi, itemRead?: Promise<CurrentItem>) {
  let sent = () => {};
  const left = new Promise<void>((resolve) => (sent = resolve));
  const answer = (async () => {
    const user = readUser();
    const item = await (itemRead ?? readCurrentItem());
    const people = counterparts(item, user.email);
    const starting = api.paneStart(people.map((p) => p.email),
      item.kind === "message" ? { internetMessageId: item.internetMessageId ?? undefined } : { icalUid: item.itemId ?? undefined });
    // Timers run after the request has left (it only waits for the token first): then the page is drawn and Intl's
    // formatters built while the API answers.
    setTimeout(sent, 0);
    setTimeout(warmFormatters, 0);
    return { user, item, people, start: await starting };
  })();
  answer.catch(() => sent());
  return { left, answer };
}

// Card first: at 320 px the first screen is the counterparts' cards; logging and the linked activity follow.
function render(ctx: PaneContext, peopleCount: number): HTMLElement[] {
  const { item } = ctx;
  const views: (HTMLElement | null)[] = [];
  if (!peopleCount) views.push(h("p", { class: "empty" }, t("noCounterpart")));
  else if (!ctx.cards.length) views.push(h("p", { class: "empty" }, t("noKnown")));
  views.push(...ctx.cards.map((card) => renderCard(ctx, card)));
  if (ctx.cards.length) views.push(item.kind === "message" ? logMailSection(ctx) : logVisitSection(ctx));
  if (ctx.linked && item.kind === "appointment") views.push(activityPanel(ctx, ctx.linked));
  if (ctx.unknown.length)
    views.push(h("section", { class: "unknown-people", "aria-labelledby": "unknown-title" },
      h("h2", { id: "unknown-title" }, t("unknownPeople")), ...ctx.unknown.map((p) => unknownPersonPanel(ctx, p))));
  views.push(h("p", { class: "muted item-line" }, `${item.kind === "message" ? t("mailTitle") : t("appointmentTitle")} · `,
    h("span", { translate: "no" }, item.subject || t("noSubject")), " · ", peopleCount ? t("counterparts", peopleCount, ctx.cards.length) : t("noCounterpart")));
  return views.filter((v): v is HTMLElement => v !== null);
}
