import type { CardDeal, QuoteSummary } from "../api";
import { t } from "../i18n";
import { attachFile } from "../mailbox";
import { busy, h, statusLine } from "./dom";
import type { PaneContext } from "./context";

// The quote a rep sends with a mail: the deal's latest quote still valid to send (not refused, not expired).
export function quoteToSend(quotes: QuoteSummary[]): QuoteSummary | null {
  return [...quotes].filter((q) => q.status !== "Refused" && q.status !== "Expired").sort((a, b) => b.id - a.id)[0] ?? null;
}

// Base64 of a blob without the data URL prefix (what addFileAttachmentFromBase64Async takes).
async function base64Of(blob: Blob): Promise<string> {
  const url = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
  return url.slice(url.indexOf(",") + 1);
}

// On a mail being written: "Attach the quote" puts the deal's quote document (.docx from the API) in the mail.
export function attachQuoteButton(ctx: PaneContext, deal: CardDeal, key: string): HTMLElement | null {
  if (ctx.item.kind !== "message" || ctx.item.mode !== "compose") return null;
  const status = statusLine(key);
  const helpId = `${key}-help`;
  const button = h("button", { type: "button", class: "small attach-quote", "data-focus-for": key, "aria-describedby": helpId }, t("attachQuote"));
  button.addEventListener("click", () => void busy(button, status, async () => {
    const quote = quoteToSend((await ctx.api.quotesOf(deal.id)).items);
    if (!quote) return status.fail(t("noQuote"));
    const document = await ctx.api.quoteDocument(quote.id);
    try {
      await attachFile(await base64Of(document), `${quote.number}.docx`);
    } catch (error) {
      return status.fail(t("quoteAttachFailed", error instanceof Error ? error.message : String(error)));
    }
    status.ok(t("quoteAttached", quote.number));
  }));
  return h("div", { class: "action attach" }, button, h("p", { class: "hint", id: helpId }, t("attachQuoteHelp")), status.el);
}
