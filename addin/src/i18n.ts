// French and English, chosen from Office's display language.

const en = {
  appName: "OutlookCrm",
  loading: "Loading…",
  retry: "Retry",
  signedInAs: "Signed in as {0}",
  devBadge: "development sign-in",
  devPick: "Development sign-in: choose a demo user",
  devUser: "Demo user",
  signIn: "Sign in",
  switchUser: "Switch user",
  signInFailed: "Sign-in failed: {0}",
  noItem: "Open a mail or an appointment to see its customers.",
  mailTitle: "Mail",
  appointmentTitle: "Appointment",
  noSubject: "(no subject)",
  noCounterpart: "Nobody outside your organisation is on this item.",
  noKnown: "None of these people is a customer you can see in the CRM. Create the contact below.",
  counterparts: "Outside your organisation: {0}; known to the CRM: {1}",
  // card
  contact: "Contact",
  status: "Status",
  category: "Category",
  accountManager: "Account manager",
  territory: "Territory",
  salesYtd: "Sales this year",
  salesLastYear: "Last year",
  outstanding: "Outstanding",
  openDeals: "Open deals",
  noOpenDeals: "No open deal.",
  lastNotes: "Last notes",
  noNotes: "No note yet.",
  toVerify: "To verify",
  verifiedOn: "Last verified on {0}",
  neverVerified: "Never verified",
  lastActivity: "Last activity",
  nextActivity: "Next activity",
  none: "None",
  alerts: "Alerts",
  // mail logging
  logMail: "Log this mail to the CRM",
  logMailHelp: "Adds an email activity with the subject, people, date, an excerpt and the attachment names.",
  mailLogged: "Mail logged to the CRM.",
  mailAlreadyLogged: "Already logged: this mail is in the CRM (activity of {0}).",
  mailLoggedFor: "Already logged for: {0}",
  mailLoggedToCompanies: "Mail logged to the CRM for {0}.",
  logMailChooseCompany: "Tick at least one company to log this mail to.",
  mailInCrm: "This mail is already in the CRM.",
  composeCannotLog: "Send the mail first, then log it from Sent Items.",
  company: "Company",
  deal: "Deal",
  noDeal: "No deal",
  // visit logging
  logVisitTitle: "Log this appointment",
  type: "Type",
  type_Visit: "Visit",
  type_Call: "Call",
  type_Meeting: "Meeting",
  type_Email: "Email",
  type_Task: "Task",
  subject: "Subject",
  start: "Start",
  end: "End",
  location: "Location",
  contacts: "Contacts",
  saveActivity: "Save to the CRM",
  visitLogged: "Activity logged in the CRM.",
  visitUpdated: "Activity updated: this appointment was already linked to it.",
  noCompanyToLog: "No known customer among the attendees: create the contact first.",
  linkedActivity: "Linked CRM activity",
  status_Planned: "Planned",
  status_Done: "Done",
  status_Cancelled: "Cancelled",
  noteCount: "{0} note(s)",
  // notes and closing
  addNote: "Add a note",
  noteText: "Note",
  noteOn: "Attach to",
  noteTargetCompany: "Company: {0}",
  noteTargetActivity: "Activity: {0}",
  noteTargetDeal: "Deal: {0}",
  saveNote: "Save note",
  noteSaved: "Note saved.",
  noteEmpty: "Write the note first.",
  closeActivity: "Close the activity",
  outcome: "Outcome",
  closeNote: "Closing note",
  closeNoteRequired: "A note is required to close an activity.",
  closeNoteMissing: "A note is required: write a closing note, then close the activity.",
  close: "Close activity",
  closed: "Activity closed.",
  // deals
  moveDeal: "Move to another stage",
  stageDefinitions: "Stages and what they mean",
  move: "Move deal",
  dealMoved: "Deal moved to {0}.",
  sameStage: "Pick a different stage.",
  // contacts
  unknownPeople: "Not in the CRM",
  createContact: "Create contact",
  firstName: "First name",
  lastName: "Last name",
  email: "Email",
  jobTitle: "Job title",
  findCompany: "Find an existing company",
  search: "Search",
  searching: "Searching…",
  noCompanyFound: "No company found.",
  newCompany: "New company",
  newCompanyName: "New company name",
  contactCreated: "Contact created.",
  chooseCompany: "Choose a company or name a new one.",
  // card first
  phone: "Phone",
  mobile: "Mobile",
  call: "Call {0}",
  companyPhone: "Switchboard",
  figures: "Figures",
  recentMails: "Logged mails",
  noMails: "No mail logged yet.",
  actions: "Actions",
  moreOnCard: "Details, deals and notes",
  companyStatus_Suspect: "Suspect",
  companyStatus_Prospect: "Prospect",
  companyStatus_Client: "Customer",
  companyStatus_Former: "Former customer",
  companyStatus_Lost: "Lost",
  categoryLabel: "Category {0}",
  role_Rep: "Rep",
  role_Manager: "Manager",
  role_Admin: "Administrator",
  alert_StageTooLong: "{0}: in stage “{1}” for {2} days (maximum {3}).",
  alert_NoActivity: "{0}: no activity with {1} for {2} days (limit {3}).",
  alert_NoActivitySinceCreated: "{0}: no activity with {1} since the deal was created {2} days ago.",
  alert_FollowUpOverdue: "Follow-up overdue by {0} days (due {1}): {2}",
  // follow-ups and quotes on the card
  followUps: "Follow-ups",
  followUpOverdue: "Overdue",
  followUpBy: "for {0}",
  planFollowUp: "Plan a follow-up",
  followUpDue: "Follow up on",
  followUpReason: "Reason",
  followUpReasonMissing: "Say why you will follow up (a few words).",
  followUpPlanned: "Follow-up planned for {0}.",
  attachQuote: "Attach the quote",
  attachQuoteHelp: "Adds the deal's latest quote (.docx) to this mail.",
  quoteAttached: "Quote {0} attached to the mail.",
  noQuote: "This deal has no quote to send (none yet, or only refused or expired ones).",
  quoteAttachFailed: "Outlook did not attach the quote: {0}",
  // done stays done
  closedSummary: "Done on {0}",
  closedOutcome: "Outcome: {0}",
  closedFinal: "This activity is closed: it stays done. Add a note if something follows, or plan a new appointment.",
  times: "Date and time: {0}",
  changeTimes: "Change date and time",
  date: "Date",
  startTime: "Start time",
  endTime: "End time",
  // mail logging
  logMailTo: "Log to",
  // voice notes
  voiceNote: "Voice note",
  record: "Record",
  stopRecording: "Stop",
  recording: "Recording… {0} s",
  recorded: "Recording ready ({0} s). It is saved with the note.",
  audioFile: "Or choose an audio file",
  audioTooLarge: "The recording is over 10 MB: record a shorter note.",
  voiceNoteText: "Voice note",
  play: "Play the voice note",
  noMicrophone: "Recording is not available here: choose an audio file instead.",
  // suggestions and duplicates
  suggested: "Companies that look like this sender's",
  reason_domain: "same mail domain",
  reason_website: "website on this domain",
  reason_name: "similar name",
  addressKnown: "This address already belongs to a customer in the CRM. Ask your manager to give you access rather than creating it again.",
  postalCode: "Postcode",
  duplicateWarning: "Similar companies already exist: choose one above, or confirm a new company.",
  confirmNew: "Create it anyway",
  checking: "Checking for similar companies…",
  // errors
  errNetwork: "Cannot reach the CRM. Check your connection, then retry: what you typed is kept.",
  errAuth: "Your sign-in has expired. Sign in again, then retry.",
  errForbidden: "Not allowed: {0}",
  errNotFound: "Not found, or outside the customers you can see.",
  errStale: "Someone changed this record since you opened it. It was reloaded: check it and try again.",
  errUnavailable: "The CRM is unavailable for a moment. Retry shortly: what you typed is kept.",
  errGeneric: "Something went wrong: {0}",
  errOffice: "Outlook did not give the item: {0}",
};

type Strings = typeof en;

const fr: Strings = {
  appName: "OutlookCrm",
  loading: "Chargement…",
  retry: "Réessayer",
  signedInAs: "Connecté : {0}",
  devBadge: "connexion de développement",
  devPick: "Connexion de développement : choisissez un utilisateur de démonstration",
  devUser: "Utilisateur de démonstration",
  signIn: "Se connecter",
  switchUser: "Changer d’utilisateur",
  signInFailed: "Échec de la connexion : {0}",
  noItem: "Ouvrez un courrier ou un rendez-vous pour voir ses clients.",
  mailTitle: "Courrier",
  appointmentTitle: "Rendez-vous",
  noSubject: "(sans objet)",
  noCounterpart: "Personne d’extérieur à votre organisation sur cet élément.",
  noKnown: "Aucune de ces personnes n’est un client visible dans le CRM. Créez le contact ci-dessous.",
  counterparts: "Hors de votre organisation : {0} ; connus du CRM : {1}",
  contact: "Contact",
  status: "Statut",
  category: "Catégorie",
  accountManager: "Commercial",
  territory: "Secteur",
  salesYtd: "CA de l’année",
  salesLastYear: "Année dernière",
  outstanding: "Encours",
  openDeals: "Affaires en cours",
  noOpenDeals: "Aucune affaire en cours.",
  lastNotes: "Dernières notes",
  noNotes: "Aucune note.",
  toVerify: "À vérifier",
  verifiedOn: "Vérifié le {0}",
  neverVerified: "Jamais vérifié",
  lastActivity: "Dernière action",
  nextActivity: "Prochaine action",
  none: "Aucune",
  alerts: "Alertes",
  logMail: "Enregistrer ce courrier dans le CRM",
  logMailHelp: "Ajoute une action e-mail avec l’objet, les personnes, la date, un extrait et le nom des pièces jointes.",
  mailLogged: "Courrier enregistré dans le CRM.",
  mailAlreadyLogged: "Déjà enregistré : ce courrier est dans le CRM (action du {0}).",
  mailLoggedFor: "Déjà enregistré pour : {0}",
  mailLoggedToCompanies: "Courrier enregistré dans le CRM pour {0}.",
  logMailChooseCompany: "Cochez au moins une société pour enregistrer ce courrier.",
  mailInCrm: "Ce courrier est déjà dans le CRM.",
  composeCannotLog: "Envoyez d’abord le courrier, puis enregistrez-le depuis Éléments envoyés.",
  company: "Société",
  deal: "Affaire",
  noDeal: "Aucune affaire",
  logVisitTitle: "Enregistrer ce rendez-vous",
  type: "Type",
  type_Visit: "Visite",
  type_Call: "Appel",
  type_Meeting: "Réunion",
  type_Email: "E-mail",
  type_Task: "Tâche",
  subject: "Objet",
  start: "Début",
  end: "Fin",
  location: "Lieu",
  contacts: "Contacts",
  saveActivity: "Enregistrer dans le CRM",
  visitLogged: "Action enregistrée dans le CRM.",
  visitUpdated: "Action mise à jour : ce rendez-vous y était déjà lié.",
  noCompanyToLog: "Aucun client connu parmi les participants : créez d’abord le contact.",
  linkedActivity: "Action CRM liée",
  status_Planned: "Planifiée",
  status_Done: "Réalisée",
  status_Cancelled: "Annulée",
  noteCount: "{0} note(s)",
  addNote: "Ajouter une note",
  noteText: "Note",
  noteOn: "Rattacher à",
  noteTargetCompany: "Société : {0}",
  noteTargetActivity: "Action : {0}",
  noteTargetDeal: "Affaire : {0}",
  saveNote: "Enregistrer la note",
  noteSaved: "Note enregistrée.",
  noteEmpty: "Écrivez d’abord la note.",
  closeActivity: "Clôturer l’action",
  outcome: "Résultat",
  closeNote: "Note de clôture",
  closeNoteRequired: "Une note est obligatoire pour clôturer une action.",
  closeNoteMissing: "Une note est obligatoire : écrivez une note de clôture, puis clôturez l’action.",
  close: "Clôturer l’action",
  closed: "Action clôturée.",
  moveDeal: "Changer d’étape",
  stageDefinitions: "Les étapes et leur définition",
  move: "Changer l’étape",
  dealMoved: "Affaire passée à l’étape {0}.",
  sameStage: "Choisissez une autre étape.",
  unknownPeople: "Absents du CRM",
  createContact: "Créer le contact",
  firstName: "Prénom",
  lastName: "Nom",
  email: "E-mail",
  jobTitle: "Fonction",
  findCompany: "Chercher une société existante",
  search: "Chercher",
  searching: "Recherche…",
  noCompanyFound: "Aucune société trouvée.",
  newCompany: "Nouvelle société",
  newCompanyName: "Nom de la nouvelle société",
  contactCreated: "Contact créé.",
  chooseCompany: "Choisissez une société ou nommez-en une nouvelle.",
  phone: "Téléphone",
  mobile: "Portable",
  call: "Appeler {0}",
  companyPhone: "Standard",
  figures: "Chiffres",
  recentMails: "Courriers enregistrés",
  noMails: "Aucun courrier enregistré.",
  actions: "Actions",
  moreOnCard: "Détails, affaires et notes",
  companyStatus_Suspect: "Suspect",
  companyStatus_Prospect: "Prospect",
  companyStatus_Client: "Client",
  companyStatus_Former: "Ancien client",
  companyStatus_Lost: "Perdu",
  categoryLabel: "Catégorie {0}",
  role_Rep: "Commercial",
  role_Manager: "Responsable",
  role_Admin: "Administrateur",
  alert_StageTooLong: "{0} : à l’étape « {1} » depuis {2} jours (maximum {3}).",
  alert_NoActivity: "{0} : aucune action avec {1} depuis {2} jours (limite {3}).",
  alert_NoActivitySinceCreated: "{0} : aucune action avec {1} depuis la création de l’affaire il y a {2} jours.",
  alert_FollowUpOverdue: "Relance en retard de {0} jours (prévue le {1}) : {2}",
  followUps: "Relances",
  followUpOverdue: "En retard",
  followUpBy: "pour {0}",
  planFollowUp: "Prévoir une relance",
  followUpDue: "Relancer le",
  followUpReason: "Motif",
  followUpReasonMissing: "Indiquez pourquoi relancer (quelques mots).",
  followUpPlanned: "Relance prévue le {0}.",
  attachQuote: "Joindre le devis",
  attachQuoteHelp: "Ajoute à ce mail le dernier devis de l’affaire (.docx).",
  quoteAttached: "Devis {0} joint au mail.",
  noQuote: "Cette affaire n’a pas de devis à envoyer (aucun, ou seulement refusés ou expirés).",
  quoteAttachFailed: "Outlook n’a pas joint le devis : {0}",
  closedSummary: "Réalisée le {0}",
  closedOutcome: "Résultat : {0}",
  closedFinal: "Cette action est clôturée : elle reste réalisée. Ajoutez une note si quelque chose suit, ou planifiez un nouveau rendez-vous.",
  times: "Date et heure : {0}",
  changeTimes: "Modifier la date et l’heure",
  date: "Date",
  startTime: "Heure de début",
  endTime: "Heure de fin",
  logMailTo: "Enregistrer pour",
  voiceNote: "Note vocale",
  record: "Enregistrer",
  stopRecording: "Arrêter",
  recording: "Enregistrement… {0} s",
  recorded: "Enregistrement prêt ({0} s). Il est sauvegardé avec la note.",
  audioFile: "Ou choisissez un fichier audio",
  audioTooLarge: "L’enregistrement dépasse 10 Mo : enregistrez une note plus courte.",
  voiceNoteText: "Note vocale",
  play: "Écouter la note vocale",
  noMicrophone: "L’enregistrement n’est pas disponible ici : choisissez plutôt un fichier audio.",
  suggested: "Sociétés qui ressemblent à celle de l’expéditeur",
  reason_domain: "même domaine de messagerie",
  reason_website: "site web sur ce domaine",
  reason_name: "nom proche",
  addressKnown: "Cette adresse appartient déjà à un client du CRM. Demandez à votre responsable de vous y donner accès plutôt que de le recréer.",
  postalCode: "Code postal",
  duplicateWarning: "Des sociétés proches existent déjà : choisissez-en une ci-dessus, ou confirmez la nouvelle société.",
  confirmNew: "La créer quand même",
  checking: "Recherche de sociétés proches…",
  errNetwork: "Le CRM est injoignable. Vérifiez la connexion puis réessayez : votre saisie est conservée.",
  errAuth: "Votre connexion a expiré. Reconnectez-vous puis réessayez.",
  errForbidden: "Non autorisé : {0}",
  errNotFound: "Introuvable, ou hors des clients que vous pouvez voir.",
  errStale: "Quelqu’un a modifié cette fiche depuis son ouverture. Elle a été rechargée : vérifiez et réessayez.",
  errUnavailable: "Le CRM est momentanément indisponible. Réessayez dans un instant : votre saisie est conservée.",
  errGeneric: "Une erreur est survenue : {0}",
  errOffice: "Outlook n’a pas fourni l’élément : {0}",
};

export type StringKey = keyof Strings;

let current: Strings = en;
let locale = "en-US";

export function setLanguage(displayLanguage: string): void {
  const lang = (displayLanguage || "en").toLowerCase();
  current = lang.startsWith("fr") ? fr : en;
  locale = lang.startsWith("fr") ? "fr-FR" : displayLanguage || "en-US";
  document.documentElement.lang = lang.startsWith("fr") ? "fr" : "en";
}

export function t(key: StringKey, ...args: (string | number)[]): string {
  return current[key].replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)] ?? ""));
}

export const currentLanguage = () => (current === fr ? "fr" : "en");

// An alert of the API (a code and its parameters) in the pane's language; the API's English text if the code is new.
export function alertText(alert: { kind: string; message: string; params?: Record<string, string | number | boolean | null> }): string {
  const p = alert.params ?? {};
  const v = (k: string) => (p[k] == null ? "" : String(p[k]));
  if (alert.kind === "StageTooLong") return t("alert_StageTooLong", v("deal"), v("stage"), v("days"), v("max"));
  if (alert.kind === "NoActivity")
    return p.sinceCreated ? t("alert_NoActivitySinceCreated", v("deal"), v("company"), v("days")) : t("alert_NoActivity", v("deal"), v("company"), v("days"), v("limit"));
  if (alert.kind === "FollowUpOverdue") return t("alert_FollowUpOverdue", v("days"), day(v("dueOn")), v("reason"));
  return alert.message;
}

// Every string of a language, for the test that walks the pane in French and finds any English left.
export const catalog = (language: "en" | "fr") => (language === "fr" ? fr : en);

// One formatter per locale and style: creating an Intl formatter costs about a millisecond (ICU data), and the first
// card formats a dozen dates; measured 40+ ms of the pane's first card (docs/performance.md, "Pane's first card").
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function formatter<T extends Intl.NumberFormat | Intl.DateTimeFormat>(kind: string, create: () => T): T {
  const key = `${locale}|${kind}`;
  let found = formatters.get(key) as T | undefined;
  if (!found) formatters.set(key, (found = create()));
  return found;
}

// The first Intl formatter of a new pane process loads ICU's data: 40–60 ms measured in fresh Chromium pages, then
// 1–10 ms for the pane's three (docs/performance.md). Before Office says which language the pane speaks, one number
// formatter of the browser's locale loads the data; the pane's own formatters are built while its request is out.
export function warmIntl(): void {
  new Intl.NumberFormat().format(0);
}

export function warmFormatters(): void {
  money(0);
  date(new Date(0));
  date(new Date(0), true);
}

export function money(value: number | null | undefined): string {
  if (value == null) return "—";
  return formatter("money", () => new Intl.NumberFormat(locale, { style: "currency", currency: "EUR", maximumFractionDigits: 0 })).format(value);
}

// A calendar date of the API (yyyy-mm-dd): read at noon so no time zone moves it to the day before.
export function day(value: string | null | undefined): string {
  return value ? date(`${value}T12:00:00`) : "—";
}

export function date(value: string | Date | null | undefined, withTime = false): string {
  if (!value) return "—";
  const d = typeof value === "string" ? new Date(value) : value;
  return formatter(withTime ? "dateTime" : "date",
    () => new Intl.DateTimeFormat(locale, withTime ? { dateStyle: "medium", timeStyle: "short" } : { dateStyle: "medium" })).format(d);
}
