import type { CardDeal } from "../api";
import { t } from "../i18n";
import { busy, h, statusLine } from "./dom";
import type { PaneContext } from "./context";

// Moving a deal shows every stage with its written definition (in the pane's language, from the API),
// so everyone labels deals the same way.
export function dealMoveForm(ctx: PaneContext, deal: CardDeal, key: string): HTMLElement {
  const status = statusLine(key);
  const group = `${key}-stage`;
  const options = ctx.stages.map((stage) => {
    const id = `${group}-${stage.id}`;
    return h("div", { class: "choice" },
      h("input", { type: "radio", name: group, id, value: String(stage.id), checked: stage.id === deal.stageId, "aria-describedby": `${id}-def` }),
      h("label", { for: id }, h("strong", {}, stage.name)),
      h("p", { class: "hint definition", id: `${id}-def` }, stage.definition));
  });
  const move = h("button", { type: "submit", class: "primary" }, t("move"));
  const form = h("form", { class: "deal-move" },
    h("fieldset", {}, h("legend", {}, t("stageDefinitions")), ...options),
    h("div", { class: "actions" }, move));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const checked = form.querySelector<HTMLInputElement>(`input[name="${group}"]:checked`);
    const stageId = Number(checked?.value);
    if (!stageId || stageId === deal.stageId) return status.fail(t("sameStage"));
    void busy(move, status, async () => {
      await ctx.api.moveDeal(deal, stageId);
      await ctx.refresh(t("dealMoved", ctx.stages.find((s) => s.id === stageId)?.name ?? ""), key);
    });
  });
  return h("div", { class: "action" },
    h("details", { class: "panel", "data-key": key }, h("summary", { "data-focus-for": key }, t("moveDeal")), form), status.el);
}
