import { t } from "../i18n";
import { busy, field, h, newId, select, statusLine } from "./dom";
import type { PaneContext } from "./context";

export interface NoteTarget { label: string; companyId?: number; activityId?: number; dealId?: number }

// A note on the company, the activity or a deal; the text stays in the box if saving fails.
export function noteForm(ctx: PaneContext, targets: NoteTarget[], title = t("addNote")): HTMLElement {
  const status = statusLine();
  const text = h("textarea", { rows: 3, name: "note", required: true });
  const target = select(targets.map((tg, i) => ({ value: String(i), label: tg.label })), "0", { name: "target" });
  const save = h("button", { type: "submit", class: "primary" }, t("saveNote"));
  const form = h("form", { class: "note-form", "aria-label": title },
    targets.length > 1 ? field(t("noteOn"), target) : null,
    field(t("noteText"), text),
    h("div", { class: "actions" }, save),
    status.el);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (!text.value.trim()) return status.fail(t("noteEmpty"));
    const chosen = targets[Number(target.value)] ?? targets[0];
    void busy(save, status, async () => {
      await ctx.api.addNote({ text: text.value.trim(), companyId: chosen.companyId, activityId: chosen.activityId, dealId: chosen.dealId });
      await ctx.refresh(t("noteSaved"));
    });
  });
  const id = newId("note");
  return h("details", { class: "panel", id }, h("summary", {}, title), form);
}
