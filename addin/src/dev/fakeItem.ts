// The fake Outlook item the development simulator and the browser tests hand to the pane.
export interface FakePerson { name: string; email: string }
export interface FakeItemSpec {
  kind: "message" | "appointment";
  mode?: "read" | "compose";
  subject: string;
  from?: FakePerson; // sender, or organizer
  to?: FakePerson[]; // recipients, or required attendees
  cc?: FakePerson[]; // copies, or optional attendees
  start?: string;
  end?: string;
  location?: string;
  sentAt?: string;
  internetMessageId?: string;
  itemId?: string;
  body?: string;
  attachments?: string[];
  user: FakePerson;
  language?: string;
}

export const FAKE_ITEM_KEY = "outlookcrm.dev.fakeItem";
