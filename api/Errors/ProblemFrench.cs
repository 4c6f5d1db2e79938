namespace OutlookCrm.Api.Errors;

// The French of the API's error texts. Keys are the English sentences as thrown; {name} matches any text.
// A sentence missing here stays in English: the pane's test in French mode shows which ones a rep can meet.
internal static class ProblemFrench
{
    public static readonly (string English, string French)[] Entries =
    [
        // Titles
        ("Not found", "Introuvable"),
        ("Business rule violated", "Règle de gestion non respectée"),
        ("Invalid request", "Requête invalide"),
        ("Bad request", "Requête invalide"),
        ("Forbidden", "Non autorisé"),
        ("Conflict", "Conflit"),
        ("Precondition failed", "Version périmée"),
        ("Precondition required", "Version requise"),
        ("Service unavailable", "Service indisponible"),
        ("Unexpected error", "Erreur inattendue"),
        ("Unsupported media type", "Type de contenu non pris en charge"),
        ("Recording too large", "Enregistrement trop volumineux"),
        ("One or more validation errors occurred.", "Une ou plusieurs valeurs sont invalides."),
        ("Unauthorized", "Non authentifié"),
        ("Method Not Allowed", "Méthode non autorisée"),
        ("Not Found", "Introuvable"),
        // Shared (specific subjects before the general sentence)
        ("Activity for this Outlook item {id} does not exist or is not in your scope.", "Aucune action liée à cet élément Outlook ({id}) dans votre périmètre."),
        ("Recording of note {id} does not exist or is not in your scope.", "La note {id} n’a pas d’enregistrement, ou n’est pas dans votre périmètre."),
        ("{what} {id} does not exist or is not in your scope.", "{what} {id} n’existe pas ou n’est pas dans votre périmètre."),
        ("The record was changed by someone else since you read it. Reload it and apply your change again.",
            "Quelqu’un d’autre a modifié la fiche depuis que vous l’avez lue. Rechargez-la et refaites votre modification."),
        ("Send the record's ETag in an If-Match header, so that no one else's change is overwritten.",
            "Envoyez l’ETag de la fiche dans un en-tête If-Match, pour n’écraser la modification de personne."),
        ("The If-Match header must be an ETag returned by this API, such as \"3\".", "L’en-tête If-Match doit être un ETag rendu par cette API, par exemple \"3\"."),
        ("A record with the same unique key already exists.", "Une fiche avec la même clé unique existe déjà."),
        ("The database cannot be reached right now. Retry in a few seconds; nothing was saved.",
            "La base de données est injoignable pour le moment. Réessayez dans quelques secondes ; rien n’a été enregistré."),
        ("The database cannot be reached.", "La base de données est injoignable."),
        ("Something went wrong on our side. The error was logged.", "Une erreur s’est produite de notre côté. Elle a été journalisée."),
        ("The request body is not valid JSON for this endpoint{rest}", "Le corps de la requête n’est pas un JSON valide pour cette adresse{rest}"),
        (" (at {path}).", " (à {path})."),
        (".", "."),
        // Sign-in
        ("The token does not identify a user (no oid claim).", "Le jeton n’identifie pas d’utilisateur (pas de revendication oid)."),
        ("Your account is not registered in the CRM. Ask an administrator to add you.",
            "Votre compte n’est pas enregistré dans le CRM. Demandez à un administrateur de vous ajouter."),
        ("X-Act-As must be a CRM user id.", "X-Act-As doit être l’identifiant d’un utilisateur du CRM."),
        // Activities
        ("An activity cannot be closed without a note. Write what happened (a note on this activity), then close it.",
            "Une action ne peut pas être clôturée sans note. Écrivez ce qui s’est passé (une note sur cette action), puis clôturez-la."),
        ("A done activity stays done: it cannot be set back to planned or cancelled. Plan a new activity instead.",
            "Une action réalisée le reste : elle ne peut pas redevenir planifiée ni être annulée. Planifiez plutôt une nouvelle action."),
        ("A cancelled activity cannot be closed; plan a new one.", "Une action annulée ne peut pas être clôturée ; planifiez-en une nouvelle."),
        ("Only a manager can log an activity for someone else.", "Seul un responsable peut enregistrer une action pour quelqu’un d’autre."),
        ("Only a manager can hand an activity to someone else.", "Seul un responsable peut confier une action à quelqu’un d’autre."),
        ("Company {id} does not exist or is not in your scope.", "La société {id} n’existe pas ou n’est pas dans votre périmètre."),
        ("User {id} does not exist.", "L’utilisateur {id} n’existe pas."),
        ("The end of an activity cannot be before its start.", "La fin d’une action ne peut pas précéder son début."),
        ("Deal {deal} is not a deal of company {company}.", "L’affaire {deal} n’est pas une affaire de la société {company}."),
        ("Every contact of an activity must belong to its company.", "Chaque contact d’une action doit appartenir à sa société."),
        ("Give icalUid or internetMessageId.", "Donnez icalUid ou internetMessageId."),
        ("'{zone}' is not a known time zone (use an IANA or Windows id, such as Europe/Paris).",
            "« {zone} » n’est pas un fuseau horaire connu (utilisez un identifiant IANA ou Windows, par exemple Europe/Paris)."),
        // Contacts and companies
        ("This e-mail address already belongs to a customer in the CRM. Ask your manager to give you access rather than creating it again.",
            "Cette adresse e-mail appartient déjà à un client du CRM. Demandez à votre responsable de vous y donner accès plutôt que de le recréer."),
        ("Contact {boss} is not a colleague in the same company.", "Le contact {boss} n’est pas un collègue de la même société."),
        ("Only a manager can hand a company over to another account manager.", "Seul un responsable peut confier une société à un autre commercial."),
        ("Territory {id} does not exist.", "Le secteur {id} n’existe pas."),
        ("Company {id} cannot be the parent of this company.", "La société {id} ne peut pas être la maison mère de cette société."),
        ("Unknown product families: {list}.", "Familles de produits inconnues : {list}."),
        ("Give the e-mail address of the person, or the name of the company to create.",
            "Donnez l’adresse e-mail de la personne, ou le nom de la société à créer."),
        ("'{email}' is not an e-mail address.", "« {email} » n’est pas une adresse e-mail."),
        ("Give at least one address: /api/lookup?email=name@example.com", "Donnez au moins une adresse : /api/lookup?email=nom@exemple.fr"),
        ("At most {n} addresses per lookup.", "Au plus {n} adresses par recherche."),
        // Notes and voice notes
        ("Activity {id} does not exist or is not in your scope.", "L’action {id} n’existe pas ou n’est pas dans votre périmètre."),
        ("Deal {id} does not exist or is not in your scope.", "L’affaire {id} n’existe pas ou n’est pas dans votre périmètre."),
        ("The deal and the activity belong to different companies.", "L’affaire et l’action appartiennent à des sociétés différentes."),
        ("The note's company differs from its activity's or deal's company.", "La société de la note diffère de celle de son action ou de son affaire."),
        ("A note belongs to a company, an activity or a deal: give one of them.", "Une note appartient à une société, une action ou une affaire : donnez-en une."),
        ("Only the author of a note or a manager can edit it.", "Seul l’auteur d’une note ou un responsable peut la modifier."),
        ("Only the author of a note or a manager can attach its recording.", "Seul l’auteur d’une note ou un responsable peut y joindre un enregistrement."),
        ("Send the recording with an audio/* Content-Type (for example audio/webm).",
            "Envoyez l’enregistrement avec un Content-Type audio/* (par exemple audio/webm)."),
        ("The recording is empty.", "L’enregistrement est vide."),
        ("A voice note is limited to {n} MB.", "Une note vocale est limitée à {n} Mo."),
        // Deals
        ("Stage {id} does not exist.", "L’étape {id} n’existe pas."),
        ("Move a deal between stages with POST /api/deals/{id}/stage, so the history is kept.",
            "Changez l’étape d’une affaire avec POST /api/deals/{id}/stage, pour garder l’historique."),
        ("Only a manager can hand a deal to someone else.", "Seul un responsable peut confier une affaire à quelqu’un d’autre."),
        ("Contact {id} does not exist.", "Le contact {id} n’existe pas."),
        ("Unknown product family '{name}'.", "Famille de produits inconnue « {name} »."),
        // Validation (DataAnnotations)
        ("The {field} field is required.", "Le champ {field} est obligatoire."),
        ("The field {field} must be a string with a minimum length of {min} and a maximum length of {max}.",
            "Le champ {field} doit contenir entre {min} et {max} caractères."),
        ("The field {field} must be a string with a maximum length of {max}.", "Le champ {field} doit contenir au plus {max} caractères."),
        ("The {field} field is not a valid e-mail address.", "Le champ {field} n’est pas une adresse e-mail valide."),
        ("The field {field} must be between {min} and {max}.", "Le champ {field} doit être compris entre {min} et {max}."),
        ("The field {field} must be a string or array type with a maximum length of '{max}'.",
            "Le champ {field} doit contenir au plus {max} éléments."),
    ];

    private static readonly Dictionary<string, string> Records = new()
    {
        ["Company"] = "La société", ["Contact"] = "Le contact", ["Activity"] = "L’action", ["Deal"] = "L’affaire", ["Note"] = "La note",
        ["User"] = "L’utilisateur", ["Territory"] = "Le secteur", ["Recording of note"] = "L’enregistrement de la note",
        ["Activity for this Outlook item"] = "L’action de cet élément Outlook",
    };

    public static string Record(string english) => Records.GetValueOrDefault(english, english);
}
