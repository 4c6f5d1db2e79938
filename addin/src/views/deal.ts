import type { CardDeal } from "../api";
import { t } from "../i18n";
import { busy, h, newId, statusLine } from "./dom";
import type { PaneContext } from "./context";

// Moving a deal shows every stage with its written definition, so everyone labels deals the same way.
export function dealMoveForm(ctx: PaneContext, deal: CardDeal): HTMLElement {
  const status = statusLine();
  const group = newId("stage");
  const options = ctx.stages.map((stage) => {
    const id = newId("st");
    return h("div", { class: "choice" },
      h("input", { type: "radio", name: group, id, value: String(stage.id), checked: stage.id === deal.stageId, "aria-describedby": `${id}-def` }),
      h("label", { for: id }, h("strong", {}, stage.name)),
      h("p", { class: "hint definition", id: `${id}-def` }, stage.definition));
  });
  const move = h("button", { type: "submit", class: "primary" }, t("move"));
  const form = h("form", { class: "deal-move" },
    h("fieldset", {}, h("legend", {}, t("stageDefinitions")), ...options),
    h("div", { class: "actions" }, move), status.el);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const checked = form.querySelector<HTMLInputElement>(`input[name="${group}"]:checked`);
    const stageId = Number(checked?.value);
    if (!stageId || stageId === deal.stageId) return status.fail(t("sameStage"));
    void busy(move, status, async () => {
      const moved = await ctx.api.moveDeal(deal, stageId);
      await ctx.refresh(t("dealMoved", moved.stageName));
    });
  });
  return h("details", { class: "panel" }, h("summary", {}, t("moveDeal")), form);
}
