import { t } from "../i18n";
import { busy, field, h, select, statusLine } from "./dom";
import type { PaneContext } from "./context";
import { voiceRecorder } from "./voice";

export interface NoteTarget { label: string; companyId?: number; activityId?: number; dealId?: number }

// A note on the company, the activity or a deal, typed or spoken; the text stays in the box if saving fails.
// key: stable across redraws, so a draft survives other saves and the result lands here.
export function noteForm(ctx: PaneContext, targets: NoteTarget[], key: string, title = t("addNote")): HTMLElement {
  const status = statusLine(key);
  const text = h("textarea", { rows: 3, name: "note" });
  const target = select(targets.map((tg, i) => ({ value: String(i), label: tg.label })), "0", { name: "target" });
  const save = h("button", { type: "submit", class: "primary" }, t("saveNote"));
  const voice = voiceRecorder(key);
  const form = h("form", { class: "note-form", "aria-label": title },
    targets.length > 1 ? field(t("noteOn"), target) : null,
    field(t("noteText"), text),
    voice.el,
    h("div", { class: "actions" }, save));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const audio = voice.recording();
    if (!text.value.trim() && !audio) return status.fail(t("noteEmpty"));
    if (audio && audio.size > 10 * 1024 * 1024) return status.fail(t("audioTooLarge"));
    const chosen = targets[Number(target.value)] ?? targets[0];
    void busy(save, status, async () => {
      // A note saved on an earlier try whose recording failed is completed, not written twice.
      let noteId = Number(form.dataset.savedNoteId) || 0;
      if (!noteId) {
        noteId = (await ctx.api.addNote({ text: text.value.trim() || t("voiceNoteText"), companyId: chosen.companyId, activityId: chosen.activityId, dealId: chosen.dealId })).id;
        form.dataset.savedNoteId = String(noteId);
      }
      if (audio) await ctx.api.putAudio(noteId, audio);
      await ctx.refresh(t("noteSaved"), key);
    });
  });
  return h("div", { class: "action" },
    h("details", { class: "panel", "data-key": key }, h("summary", { "data-focus-for": key }, title), form),
    status.el);
}
