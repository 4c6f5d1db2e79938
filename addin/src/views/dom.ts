// Tiny DOM helpers: views build elements directly, no framework.
import { ApiError } from "../api";
import { t } from "../i18n";

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | EventListener | undefined | null>;

let uid = 0;
export const newId = (prefix: string) => `${prefix}-${++uid}`;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2).toLowerCase(), value);
    else if (key === "class") el.className = String(value);
    else if (value === true) el.setAttribute(key, "");
    else el.setAttribute(key, String(value));
  }
  for (const child of children.flat()) if (child) el.append(child);
  return el;
}

// A labelled field: the label points at the control so screen readers announce it.
export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || (control.id = newId("f"));
  const hintEl = hint ? h("p", { class: "hint", id: `${id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute("aria-describedby", hintEl.id);
  return h("div", { class: "field" }, h("label", { for: id }, label), control, hintEl);
}

// data: the labels are CRM data (company names…), marked translate="no" like every CRM value the pane shows.
export function select(options: { value: string; label: string; data?: boolean }[], selected?: string, attrs: Attrs = {}): HTMLSelectElement {
  return h("select", attrs, ...options.map((o) => h("option", { value: o.value, selected: o.value === selected, translate: o.data ? "no" : undefined }, o.label)));
}

export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const detail = [error.problem.detail || error.problem.title || "", ...error.fieldErrors].filter(Boolean).join(" ");
    if (error.problem.code === "addressKnown") return t("addressKnown");
    switch (error.status) {
      case 0: return t("errNetwork");
      case 401: return t("errAuth");
      case 403: return t("errForbidden", detail);
      case 404: return t("errNotFound");
      case 412: return t("errStale");
      case 503: return t("errUnavailable");
      default: return detail || t("errGeneric", String(error.status));
    }
  }
  return t("errGeneric", error instanceof Error ? error.message : String(error));
}

// A live region under a form: success is polite, failure is an alert; the form itself is never cleared on failure.
// key: the action it reports on, so a result after a redraw lands in the same place (drafts.land).
export function statusLine(key?: string): { el: HTMLElement; ok(text: string): void; fail(error: unknown): void; clear(): void } {
  const el = h("div", { class: "status", "aria-live": "polite", "data-status-for": key });
  return {
    el,
    ok(text) { el.className = "status ok"; el.setAttribute("role", "status"); el.textContent = text; },
    fail(error) { el.className = "status error"; el.setAttribute("role", "alert"); el.textContent = typeof error === "string" ? error : describeError(error); },
    clear() { el.className = "status"; el.removeAttribute("role"); el.textContent = ""; },
  };
}

// Runs a submit handler with the button busy; errors land in the status line and the form keeps its values.
export async function busy(button: HTMLButtonElement, status: ReturnType<typeof statusLine>, work: () => Promise<void>): Promise<void> {
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  status.clear();
  try {
    await work();
  } catch (error) {
    status.fail(error);
  } finally {
    button.disabled = false;
    button.removeAttribute("aria-busy");
  }
}
