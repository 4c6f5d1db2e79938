import type { Activity, CrmApi, LookupCard, Stage } from "../api";
import type { CurrentItem, MailboxUser, Person } from "../mailbox";

// What every view gets: the API, the Outlook item, what the CRM knows about it, and a way to reload.
export interface PaneContext {
  api: CrmApi;
  stages: Stage[];
  item: CurrentItem;
  user: MailboxUser;
  cards: LookupCard[];
  unknown: Person[];
  linked: Activity | null;
  // Companies the open mail is already logged for (a mail can be logged once per company).
  linkedCompanyIds: number[];
  // Reloads the cards without losing drafts; the message lands next to the action `key` (and is announced),
  // and focus goes back to that action.
  refresh(message?: string, key?: string): Promise<void>;
}

// Companies of the known counterparts, once each, with the contacts met there.
export function companiesOf(cards: LookupCard[]): { id: number; name: string; contactIds: number[]; cards: LookupCard[] }[] {
  const byId = new Map<number, { id: number; name: string; contactIds: number[]; cards: LookupCard[] }>();
  for (const card of cards) {
    const entry = byId.get(card.company.id) ?? { id: card.company.id, name: card.company.name, contactIds: [], cards: [] };
    if (!entry.contactIds.includes(card.contact.id)) entry.contactIds.push(card.contact.id);
    entry.cards.push(card);
    byId.set(card.company.id, entry);
  }
  return [...byId.values()];
}

export function openDealsOf(cards: LookupCard[], companyId: number) {
  const seen = new Set<number>();
  return cards.filter((c) => c.company.id === companyId).flatMap((c) => c.openDeals).filter((d) => !seen.has(d.id) && !!seen.add(d.id));
}
