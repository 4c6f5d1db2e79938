import { t } from "../i18n";
import { h } from "./dom";

// A short voice note: recorded with MediaRecorder where the host gives the microphone (Outlook on the web and
// new Outlook ask the user; some clients give no media access), else an audio file chosen from the device.
export function voiceRecorder(key: string): { el: HTMLElement; recording(): Blob | null } {
  let blob: Blob | null = null;
  const state = h("p", { class: "hint", "aria-live": "polite" });
  const file = h("input", { type: "file", accept: "audio/*", name: "audio", id: `${key}-audio` });
  file.addEventListener("change", () => { blob = file.files?.[0] ?? null; });
  const canRecord = typeof MediaRecorder !== "undefined" && !!navigator.mediaDevices?.getUserMedia;
  const button = h("button", { type: "button", class: "small", "aria-pressed": "false" }, t("record"));
  let recorder: MediaRecorder | null = null;
  let timer = 0;
  button.addEventListener("click", async () => {
    if (recorder) { recorder.stop(); return; }
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      const chunks: Blob[] = [];
      const started = Date.now();
      recorder = new MediaRecorder(stream);
      recorder.ondataavailable = (e) => { if (e.data.size) chunks.push(e.data); };
      recorder.onstop = () => {
        stream.getTracks().forEach((track) => track.stop());
        clearInterval(timer);
        blob = new Blob(chunks, { type: recorder?.mimeType || "audio/webm" });
        recorder = null;
        button.textContent = t("record");
        button.setAttribute("aria-pressed", "false");
        state.textContent = t("recorded", Math.max(1, Math.round((Date.now() - started) / 1000)));
      };
      recorder.start();
      button.textContent = t("stopRecording");
      button.setAttribute("aria-pressed", "true");
      state.textContent = t("recording", 0);
      timer = window.setInterval(() => { state.textContent = t("recording", Math.round((Date.now() - started) / 1000)); }, 1000);
    } catch {
      state.textContent = t("noMicrophone");
      file.focus();
    }
  });
  const el = h("fieldset", { class: "voice" }, h("legend", {}, t("voiceNote")),
    canRecord ? h("div", { class: "actions" }, button) : h("p", { class: "hint" }, t("noMicrophone")), state,
    h("div", { class: "field" }, h("label", { for: file.id }, t("audioFile")), file));
  return { el, recording: () => blob };
}
