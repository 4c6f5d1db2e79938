import type { Company } from "../api";
import { t } from "../i18n";
import { domainOf, type Person } from "../mailbox";
import { busy, field, h, newId, statusLine } from "./dom";
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

export function unknownPersonPanel(ctx: PaneContext, person: Person): HTMLElement {
  const status = statusLine();
  const name = splitName(person);
  const firstName = h("input", { type: "text", name: "firstName", value: name.firstName, autocomplete: "off" });
  const lastName = h("input", { type: "text", name: "lastName", value: name.lastName, required: true, autocomplete: "off" });
  const email = h("input", { type: "email", name: "email", value: person.email, required: true });
  const jobTitle = h("input", { type: "text", name: "jobTitle", autocomplete: "off" });
  const query = h("input", { type: "search", name: "companySearch", value: FREE_MAIL.has(domainOf(person.email)) ? "" : domainOf(person.email) });
  const group = newId("co");
  const newName = h("input", { type: "text", name: "newCompanyName", value: companyNameFromDomain(person.email), "aria-label": t("newCompanyName") });
  const newId_ = newId("co-new");
  const newChoice = h("div", { class: "choice" },
    h("input", { type: "radio", name: group, id: newId_, value: "new", checked: true }), h("label", { for: newId_ }, t("newCompany")), newName);
  const results = h("div", { class: "results", "aria-live": "polite" });
  const searchButton = h("button", { type: "button" }, t("search"));
  const searchStatus = statusLine();

  const showResults = (companies: Company[]) => {
    results.replaceChildren(...(companies.length ? companies.map((c, i) => {
      const id = newId("co");
      return h("div", { class: "choice" }, h("input", { type: "radio", name: group, id, value: String(c.id), checked: i === 0 }),
        h("label", { for: id }, c.name + (c.city ? ` · ${c.city}` : "")));
    }) : [h("p", { class: "muted" }, t("noCompanyFound"))]));
    if (!companies.length) newChoice.querySelector("input")!.checked = true;
  };
  const search = () => {
    if (!query.value.trim()) return;
    results.textContent = t("searching");
    void busy(searchButton, searchStatus, async () => showResults((await ctx.api.searchCompanies(query.value.trim())).items))
      .then(() => { if (searchStatus.el.textContent) results.textContent = ""; });
  };
  searchButton.addEventListener("click", search);
  query.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); search(); } });

  const create = h("button", { type: "submit", class: "primary" }, t("createContact"));
  const form = h("form", { class: "new-contact" },
    field(t("firstName"), firstName), field(t("lastName"), lastName), field(t("email"), email), field(t("jobTitle"), jobTitle),
    h("fieldset", {}, h("legend", {}, t("company")),
      field(t("findCompany"), query), h("div", { class: "actions" }, searchButton), searchStatus.el, results, newChoice),
    h("div", { class: "actions" }, create), status.el);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const choice = form.querySelector<HTMLInputElement>(`input[name="${group}"]:checked`)?.value;
    if (!choice || (choice === "new" && !newName.value.trim())) return status.fail(t("chooseCompany"));
    void busy(create, status, async () => {
      // A company created on an earlier, failed try is reused rather than duplicated.
      let companyId = choice === "new" ? Number(form.dataset.createdCompanyId) || 0 : Number(choice);
      if (!companyId) {
        companyId = (await ctx.api.createCompany(newName.value.trim())).id;
        form.dataset.createdCompanyId = String(companyId);
      }
      await ctx.api.createContact({ companyId, firstName: firstName.value.trim() || null, lastName: lastName.value.trim(),
        email: email.value.trim(), jobTitle: jobTitle.value.trim() || null });
      await ctx.refresh(t("contactCreated"));
    });
  });
  const details = h("details", { class: "panel unknown", "data-email": person.email },
    h("summary", {}, `${person.name} · ${person.email}`), h("p", { class: "hint" }, t("createContact")), form);
  let searched = false;
  details.addEventListener("toggle", () => { if (details.open && !searched) { searched = true; search(); } });
  return details;
}
