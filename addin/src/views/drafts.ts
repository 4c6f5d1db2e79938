// The pane redraws after each save; what the rep typed elsewhere, the open sections and the place of the
// eye survive it. Forms and sections carry data-key (stable across redraws); controls are found by name.

type Saved = { value?: string; checked?: boolean; open?: boolean };

function controlKey(el: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement): string | null {
  const owner = el.closest<HTMLElement>("[data-key]");
  if (!owner || !el.name) return null;
  const choice = el instanceof HTMLInputElement && (el.type === "radio" || el.type === "checkbox") ? `|${el.value}` : "";
  return `${owner.dataset.key}|${el.name}${choice}`;
}

export function snapshot(root: HTMLElement): Map<string, Saved> {
  const saved = new Map<string, Saved>();
  for (const el of root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>("input, textarea, select")) {
    const key = controlKey(el);
    if (!key || (el instanceof HTMLInputElement && el.type === "file")) continue;
    saved.set(key, el instanceof HTMLInputElement && (el.type === "radio" || el.type === "checkbox") ? { checked: el.checked } : { value: el.value });
  }
  for (const d of root.querySelectorAll<HTMLDetailsElement>("details[data-key]")) saved.set(`open|${d.dataset.key}`, { open: d.open });
  return saved;
}

// Puts back every value and open state, except those of the form that was just saved (`done`): it starts afresh.
export function restore(root: HTMLElement, saved: Map<string, Saved>, done?: string): void {
  for (const el of root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>("input, textarea, select")) {
    const key = controlKey(el);
    if (!key || (done && key.startsWith(`${done}|`))) continue;
    const s = saved.get(key);
    if (!s) continue;
    if (s.checked !== undefined) (el as HTMLInputElement).checked = s.checked;
    else if (s.value !== undefined && el.value !== s.value) { el.value = s.value; el.dispatchEvent(new Event("change")); }
  }
  for (const d of root.querySelectorAll<HTMLDetailsElement>("details[data-key]")) {
    if (d.dataset.key === done) { d.open = false; continue; }
    const s = saved.get(`open|${d.dataset.key}`);
    if (s?.open !== undefined) d.open = s.open;
  }
}

// After a save: the result is shown next to the action (data-status-for) and focus goes to a sensible control
// (data-focus-for: the action's own button or summary), so the keyboard user carries on from where they were.
export function land(root: HTMLElement, key: string | undefined, message: string | undefined): void {
  if (!key) return;
  const status = root.querySelector<HTMLElement>(`[data-status-for="${CSS.escape(key)}"]`);
  if (status && message) {
    status.className = "status ok";
    status.textContent = message;
  }
  const target = root.querySelector<HTMLElement>(`[data-focus-for="${CSS.escape(key)}"]`) ?? status;
  if (target) {
    if (!target.hasAttribute("tabindex") && !/^(BUTTON|SUMMARY|INPUT|SELECT|TEXTAREA|A)$/.test(target.tagName)) target.tabIndex = -1;
    target.focus();
    target.scrollIntoView({ block: "nearest" });
  }
}
