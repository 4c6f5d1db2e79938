import type { DevAuth } from "../auth";
import { t } from "../i18n";
import { busy, field, h, select, statusLine } from "./dom";

// Embedded run only: pick one of the API's demo users instead of signing in with Entra ID.
export async function devSignInView(auth: DevAuth, onSignedIn: () => void): Promise<HTMLElement> {
  const status = statusLine();
  const users = await auth.users();
  const picker = select(users.map((u) => ({ value: String(u.id), label: `${u.displayName} · ${t(`role_${u.role}` as never) || u.role}${u.territory ? " · " + u.territory : ""}` })),
    String(auth.userId ?? users[0]?.id ?? ""), { name: "devUser" });
  const button = h("button", { type: "submit", class: "primary" }, t("signIn"));
  const form = h("form", { class: "panel dev-signin", "aria-labelledby": "dev-signin-title" },
    h("h2", { id: "dev-signin-title" }, t("devPick")), field(t("devUser"), picker), h("div", { class: "actions" }, button), status.el);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void busy(button, status, async () => {
      await auth.signIn(Number(picker.value));
      onSignedIn();
    });
  });
  return form;
}
