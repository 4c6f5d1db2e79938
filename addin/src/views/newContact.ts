import { t } from "../i18n";
import { domainOf, type Person } from "../mailbox";
import { busy, field, h, statusLine } from "./dom";
import type { PaneContext } from "./context";

// Personal mail providers say nothing about the company.
const FREE_MAIL = new Set(["gmail.com", "outlook.com", "hotmail.com", "hotmail.fr", "live.com", "live.fr", "yahoo.com", "yahoo.fr",
  "icloud.com", "orange.fr", "wanadoo.fr", "free.fr", "sfr.fr", "laposte.net", "gmx.fr", "gmx.com", "proton.me", "protonmail.com"]);

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

// First and last name from the display name, else from the address ("jean.dupont@" → Jean Dupont).
export function splitName(person: Person): { firstName: string; lastName: string } {
  const display = person.name.includes("@") ? "" : person.name.replace(/\(.*?\)/g, "").trim();
  if (display.includes(",")) {
    const [last, first] = display.split(",", 2).map((s) => s.trim());
    return { firstName: first, lastName: last };
  }
  const parts = (display || person.email.split("@")[0].replace(/[._-]+/g, " ")).split(/\s+/).filter(Boolean).map(capital);
  if (parts.length <= 1) return { firstName: "", lastName: parts[0] ?? person.email };
  return { firstName: parts[0], lastName: parts.slice(1).join(" ") };
}

// "acme-industrie.fr" → "Acme Industrie"; nothing for a personal mail provider.
export function companyNameFromDomain(email: string): string {
  const domain = domainOf(email);
  if (!domain || FREE_MAIL.has(domain)) return "";
  const labels = domain.split(".");
  const main = labels.length > 2 && ["co", "com"].includes(labels[labels.length - 2]) ? labels[labels.length - 3] : labels[labels.length - 2] ?? labels[0];
  return main.split(/[-_]+/).map(capital).join(" ");
}

// An unknown sender becomes a contact: first the companies the CRM already has for this domain (never a
// duplicate customer), then likely duplicates by name and postcode before a new company is created.
export function unknownPersonPanel(ctx: PaneContext, person: Person): HTMLElement {
  const key = `new-${person.email}`;
  const status = statusLine(key);
  const name = splitName(person);
  const firstName = h("input", { type: "text", name: "firstName", value: name.firstName, autocomplete: "off" });
  const lastName = h("input", { type: "text", name: "lastName", value: name.lastName, required: true, autocomplete: "off" });
  const email = h("input", { type: "email", name: "email", value: person.email, required: true });
  const jobTitle = h("input", { type: "text", name: "jobTitle", autocomplete: "off" });
  const query = h("input", { type: "search", name: "companySearch" });
  const group = `${key}-company`;
  const newName = h("input", { type: "text", name: "newCompanyName", value: companyNameFromDomain(person.email), "aria-label": t("newCompanyName") });
  const postalCode = h("input", { type: "text", name: "postalCode", autocomplete: "off", inputmode: "numeric", "aria-label": t("postalCode"), placeholder: t("postalCode") });
  const newChoiceId = `${group}-new`;
  const newChoice = h("div", { class: "choice" },
    h("input", { type: "radio", name: group, id: newChoiceId, value: "new", checked: true }), h("label", { for: newChoiceId }, t("newCompany")), newName, postalCode);
  const results = h("div", { class: "results", "aria-live": "polite" });
  const searchButton = h("button", { type: "button" }, t("search"));
  const searchStatus = statusLine();
  const known = h("p", { class: "status error", role: "alert", hidden: true }, t("addressKnown"));
  let confirmedNew = false;

  const choice = (id: number, label: string, checked: boolean, hint?: string) => {
    const inputId = `${group}-${id}`;
    return h("div", { class: "choice" }, h("input", { type: "radio", name: group, id: inputId, value: String(id), checked }),
      h("label", { for: inputId, translate: "no" }, label), hint ? h("p", { class: "hint" }, hint) : null);
  };
  const label = (c: { name: string; city: string | null; postalCode?: string | null }) => [c.name, c.postalCode, c.city].filter(Boolean).join(" · ");
  const showResults = (companies: { id: number; name: string; city: string | null; postalCode?: string | null; reason?: string }[], heading?: string) => {
    results.replaceChildren(...(companies.length
      ? [heading ? h("div", { class: "hint" }, heading) : null,
        ...companies.map((c, i) => choice(c.id, label(c), i === 0, c.reason ? t(`reason_${c.reason}` as never) : undefined))].filter((x): x is HTMLDivElement => x !== null)
      : [h("p", { class: "muted" }, t("noCompanyFound"))]));
    if (!companies.length) newChoice.querySelector("input")!.checked = true;
  };
  // Opening the panel asks the API what it knows of this address's domain (no search typed, no duplicate offered as new).
  const suggest = () => {
    results.textContent = t("searching");
    void busy(searchButton, searchStatus, async () => {
      const found = await ctx.api.suggestCompanies({ email: person.email });
      known.hidden = !found.addressKnown;
      create.disabled = found.addressKnown;
      showResults(found.companies, found.companies.length ? t("suggested") : undefined);
    }).then(() => { if (searchStatus.el.textContent) results.textContent = ""; });
  };
  const search = () => {
    if (!query.value.trim()) return;
    results.textContent = t("searching");
    void busy(searchButton, searchStatus, async () => showResults((await ctx.api.searchCompanies(query.value.trim())).items))
      .then(() => { if (searchStatus.el.textContent) results.textContent = ""; });
  };
  searchButton.addEventListener("click", search);
  query.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); search(); } });
  newName.addEventListener("input", () => { confirmedNew = false; });
  postalCode.addEventListener("input", () => { confirmedNew = false; });

  const create = h("button", { type: "submit", class: "primary", "data-focus-for": key }, t("createContact"));
  const form = h("form", { class: "new-contact", "data-key": key },
    known,
    field(t("firstName"), firstName), field(t("lastName"), lastName), field(t("email"), email), field(t("jobTitle"), jobTitle),
    h("fieldset", {}, h("legend", {}, t("company")),
      results, newChoice, field(t("findCompany"), query), h("div", { class: "actions" }, searchButton), searchStatus.el),
    h("div", { class: "actions" }, create));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const chosen = form.querySelector<HTMLInputElement>(`input[name="${group}"]:checked`)?.value;
    if (!chosen || (chosen === "new" && !newName.value.trim())) return status.fail(t("chooseCompany"));
    void busy(create, status, async () => {
      // A company created on an earlier, failed try is reused rather than duplicated.
      let companyId = chosen === "new" ? Number(form.dataset.createdCompanyId) || 0 : Number(chosen);
      if (!companyId && !confirmedNew) {
        // Likely duplicates (same name, same postcode) are shown before creating; a second click confirms.
        status.ok(t("checking"));
        const similar = await ctx.api.suggestCompanies({ name: newName.value.trim(), postalCode: postalCode.value.trim() || undefined });
        if (similar.companies.length) {
          showResults(similar.companies, t("duplicateWarning"));
          confirmedNew = true;
          create.textContent = t("confirmNew");
          status.fail(t("duplicateWarning"));
          return;
        }
      }
      if (!companyId) {
        companyId = (await ctx.api.createCompany(newName.value.trim(), postalCode.value.trim())).id;
        form.dataset.createdCompanyId = String(companyId);
      }
      await ctx.api.createContact({ companyId, firstName: firstName.value.trim() || null, lastName: lastName.value.trim(),
        email: email.value.trim(), jobTitle: jobTitle.value.trim() || null });
      await ctx.refresh(t("contactCreated"), `card-for-${person.email}`);
    });
  });
  const details = h("details", { class: "panel unknown", "data-email": person.email, "data-key": `${key}-panel` },
    h("summary", { translate: "no" }, `${person.name} · ${person.email}`), h("p", { class: "hint" }, t("createContact")), form);
  let suggested = false;
  details.addEventListener("toggle", () => { if (details.open && !suggested) { suggested = true; suggest(); } });
  return h("div", { class: "action" }, details, status.el);
}
