// The development mailbox simulator: builds a fake Outlook item and opens the real task pane on it.
import { FAKE_ITEM_KEY, type FakeItemSpec, type FakePerson } from "./fakeItem";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const value = (id: string) => $<HTMLInputElement>(id).value.trim();
const pad = (n: number) => String(n).padStart(2, "0");
const local = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;

interface DevUser { id: number; displayName: string; upn: string; role: string; territory: string | null }
let users: DevUser[] = [];

function people(text: string): FakePerson[] {
  return text.split("\n").map((line) => line.trim()).filter(Boolean).map((line) => {
    const m = /^(.*)<([^>]+)>$/.exec(line);
    return m ? { name: m[1].trim() || m[2].trim(), email: m[2].trim() } : { name: line, email: line };
  });
}

async function token(userId: number): Promise<string> {
  const r = await fetch("/dev/token", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ userId }) });
  return ((await r.json()) as { accessToken: string }).accessToken;
}

async function loadContacts(): Promise<void> {
  const select = $<HTMLSelectElement>("contact");
  select.replaceChildren(new Option("—", ""));
  const userId = Number($<HTMLSelectElement>("user").value);
  if (!userId) return;
  const r = await fetch("/api/contacts?limit=50", { headers: { Authorization: `Bearer ${await token(userId)}` } });
  if (!r.ok) return;
  const page = (await r.json()) as { items: { firstName: string | null; lastName: string; email: string | null; companyName: string }[] };
  for (const c of page.items.filter((c) => c.email))
    select.append(new Option(`${[c.firstName, c.lastName].filter(Boolean).join(" ")} · ${c.companyName}`, JSON.stringify(c)));
}

function open(event?: Event): void {
  event?.preventDefault();
  const [kind, mode] = value("kind").split("-") as ["message" | "appointment", string | undefined];
  const user = users.find((u) => u.id === Number($<HTMLSelectElement>("user").value));
  if (user) localStorage.setItem("outlookcrm.dev.userId", String(user.id));
  const spec: FakeItemSpec = {
    kind, mode: mode ? "compose" : "read",
    subject: value("subject"),
    from: { name: value("fromName"), email: value("fromEmail") },
    to: people($<HTMLTextAreaElement>("to").value),
    start: value("start") ? new Date(value("start")).toISOString() : undefined,
    end: value("end") ? new Date(value("end")).toISOString() : undefined,
    location: value("location"),
    internetMessageId: value("messageId"),
    itemId: value("itemId"),
    body: $<HTMLTextAreaElement>("body").value,
    attachments: value("attachments").split(",").map((s) => s.trim()).filter(Boolean),
    sentAt: new Date().toISOString(),
    user: { name: user?.displayName ?? "Me", email: user?.upn ?? "me@outlookcrm.example" },
    language: value("language"),
  };
  sessionStorage.setItem(FAKE_ITEM_KEY, JSON.stringify(spec));
  $<HTMLIFrameElement>("pane").src = `taskpane-dev.html?t=${Date.now()}`;
}

async function start(): Promise<void> {
  const now = new Date();
  now.setMinutes(0, 0, 0);
  $<HTMLInputElement>("start").value = local(new Date(now.getTime() + 86400000));
  $<HTMLInputElement>("end").value = local(new Date(now.getTime() + 86400000 + 3600000));
  $<HTMLInputElement>("messageId").value = `<sim-${Date.now()}@prospect.example>`;
  $<HTMLInputElement>("itemId").value = `AAMkSimulated${Date.now()}`;
  const r = await fetch("/dev/users");
  if (!r.ok) { $("simStatus").textContent = "The API does not offer the development sign-in (Auth:DevSignIn=true in Development)."; return; }
  users = (await r.json()) as DevUser[];
  const userSelect = $<HTMLSelectElement>("user");
  const remembered = localStorage.getItem("outlookcrm.dev.userId");
  for (const u of users) userSelect.append(new Option(`${u.displayName} · ${u.role}${u.territory ? " · " + u.territory : ""}`, String(u.id), false, String(u.id) === remembered));
  userSelect.addEventListener("change", () => void loadContacts());
  $<HTMLSelectElement>("contact").addEventListener("change", (e) => {
    const raw = (e.target as HTMLSelectElement).value;
    if (!raw) return;
    const c = JSON.parse(raw) as { firstName: string | null; lastName: string; email: string };
    $<HTMLInputElement>("fromName").value = [c.firstName, c.lastName].filter(Boolean).join(" ");
    $<HTMLInputElement>("fromEmail").value = c.email;
  });
  $("sim").addEventListener("submit", open);
  await loadContacts();
}

void start();
