import type { Activity } from "../api";
import { ApiError } from "../api";
import { date, day, t } from "../i18n";
import { busy, field, h, statusLine } from "./dom";
import type { PaneContext } from "./context";
import { noteForm } from "./notes";

// The CRM activity linked to the open item: add a note, close it (a note is required). Once done, it shows
// a closed summary and no form that could set it back: done stays done.
export function activityPanel(ctx: PaneContext, activity: Activity): HTMLElement {
  const key = `activity-${activity.id}`;
  const done = activity.status !== "Planned";
  const section = h("section", { class: "panel linked", "aria-labelledby": "linked-title", "data-activity-id": activity.id, "data-key": key },
    h("h2", { id: "linked-title" }, t("linkedActivity")),
    h("p", {}, h("strong", { translate: "no" }, activity.subject), h("br"),
      `${t(`type_${activity.type}`)} · ${date(activity.startUtc, true)} · `, h("span", { translate: "no" }, activity.companyName), h("br"),
      h("span", { class: "badge", "data-status": activity.status }, t(`status_${activity.status}`)), " ",
      h("span", { class: "muted" }, t("noteCount", activity.noteCount))));
  if (done && activity.status === "Done") {
    section.append(h("div", { class: "closed-summary" },
      h("p", { "data-status-for": `${key}-close`, role: "status" }),
      h("p", {}, h("strong", {}, t("closedSummary", date(activity.closedAt ?? activity.startUtc, true)))),
      activity.outcome ? h("p", {}, t("closedOutcome", ""), h("span", { translate: "no" }, activity.outcome)) : null,
      h("p", { class: "muted" }, t("closedFinal"))));
  }
  section.append(noteForm(ctx, [{ label: t("noteTargetActivity", activity.subject), activityId: activity.id }], `${key}-note`));
  if (!done) section.append(closeForm(ctx, activity, `${key}-close`));
  if (activity.status !== "Cancelled") section.append(followUpForm(ctx, activity, `${key}-follow-up`));
  return section;
}

// After the visit, the next step: a follow-up date and reason on the visit's company (and its deal), as the rep plans it.
// Two weeks ahead unless changed; the card lists it and the worker puts it in the rep's calendar.
function followUpForm(ctx: PaneContext, activity: Activity, key: string): HTMLElement {
  const status = statusLine(key);
  const inTwoWeeks = new Date(Date.now() + 14 * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  const due = h("input", { type: "date", name: "follow-up-due",
    value: `${inTwoWeeks.getFullYear()}-${pad(inTwoWeeks.getMonth() + 1)}-${pad(inTwoWeeks.getDate())}` });
  const reason = h("input", { type: "text", name: "follow-up-reason", maxlength: 4000 });
  const save = h("button", { type: "submit" }, t("planFollowUp"));
  const form = h("form", { class: "follow-up-form" },
    h("div", { class: "two" }, field(t("followUpDue"), due), field(t("followUpReason"), reason)),
    h("div", { class: "actions" }, save));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (!reason.value.trim()) { status.fail(t("followUpReasonMissing")); reason.focus(); return; }
    void busy(save, status, async () => {
      const made = await ctx.api.createFollowUp({ companyId: activity.companyId, dealId: activity.dealId, dueOn: due.value, reason: reason.value.trim() });
      await ctx.refresh(t("followUpPlanned", day(made.dueOn)), key);
    });
  });
  return h("div", { class: "action" },
    h("details", { class: "panel", "data-key": key }, h("summary", { "data-focus-for": key }, t("planFollowUp")), form), status.el);
}

function closeForm(ctx: PaneContext, initial: Activity, key: string): HTMLElement {
  let activity = initial;
  const status = statusLine(key);
  const outcome = h("input", { type: "text", name: "outcome" });
  const note = h("textarea", { rows: 3, name: "closing-note" });
  const close = h("button", { type: "submit", class: "primary" }, t("close"));
  const form = h("form", { class: "close-form" },
    field(t("outcome"), outcome),
    field(t("closeNote"), note, t("closeNoteRequired")),
    h("div", { class: "actions" }, close));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    // Said before asking: the API refuses a close without any note, and says so if it comes anyway.
    if (!note.value.trim() && activity.noteCount === 0) { status.fail(t("closeNoteMissing")); note.focus(); return; }
    void busy(close, status, async () => {
      try {
        await ctx.api.closeActivity(activity, { outcome: outcome.value.trim() || null, note: note.value.trim() || null });
      } catch (error) {
        // A stale version: take the fresh one so the next click can succeed; the typed text stays.
        if (error instanceof ApiError && error.status === 412) activity = await ctx.api.activity(activity.id);
        throw error;
      }
      await ctx.refresh(t("closed"), key);
    });
  });
  return h("div", { class: "action" },
    h("details", { class: "panel", open: true, "data-key": key }, h("summary", { "data-focus-for": key }, t("closeActivity")), form), status.el);
}
