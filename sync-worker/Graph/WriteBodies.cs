using System.Text.Json;

namespace OutlookCrm.SyncWorker.Graph;

// A property a write sends. Left null (no Sent), the property is not in the body at all and Outlook keeps what it has;
// Sent with a null Value clears it (a CRM-owned field emptied in the CRM). Only CRM-owned properties are ever Sent.
public readonly record struct Sent<T>(T Value);

public sealed record AddressBody(Sent<string?>? Street, Sent<string?>? PostalCode, Sent<string?>? City, Sent<string?>? Country);

// The body of a contact POST or PATCH, written straight to JSON (no Graph SDK model and backing store per item): exactly
// the properties set here travel, in Graph's contact shape (https://learn.microsoft.com/en-us/graph/api/resources/contact).
public sealed class ContactBody
{
    public string? DisplayName { get; set; }
    public Sent<string?>? GivenName { get; set; }
    public Sent<string?>? Surname { get; set; }
    public Sent<string?>? JobTitle { get; set; }
    public string? CompanyName { get; set; }
    public IReadOnlyList<string>? Emails { get; set; }
    public IReadOnlyList<string>? BusinessPhones { get; set; }
    public Sent<string?>? MobilePhone { get; set; }
    public AddressBody? BusinessAddress { get; set; }
    public IReadOnlyList<string>? Categories { get; set; }
    public string? PersonalNotes { get; set; }
    // The CRM key as the item's single-value extended property (creates, and adoption of an untagged item).
    public string? CrmKey { get; set; }

    public void WriteTo(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        if (DisplayName is not null) w.WriteString("displayName", DisplayName);
        WriteSent(w, "givenName", GivenName);
        WriteSent(w, "surname", Surname);
        WriteSent(w, "jobTitle", JobTitle);
        if (CompanyName is not null) w.WriteString("companyName", CompanyName);
        if (Emails is not null)
        {
            w.WriteStartArray("emailAddresses");
            foreach (var e in Emails)
            {
                w.WriteStartObject();
                w.WriteString("address", e);
                w.WriteString("name", e);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        if (BusinessPhones is not null) WriteStrings(w, "businessPhones", BusinessPhones);
        WriteSent(w, "mobilePhone", MobilePhone);
        if (BusinessAddress is { } a)
        {
            w.WriteStartObject("businessAddress");
            WriteSent(w, "street", a.Street);
            WriteSent(w, "postalCode", a.PostalCode);
            WriteSent(w, "city", a.City);
            WriteSent(w, "countryOrRegion", a.Country);
            w.WriteEndObject();
        }
        if (Categories is not null) WriteStrings(w, "categories", Categories);
        if (PersonalNotes is not null) w.WriteString("personalNotes", PersonalNotes);
        if (CrmKey is not null) WriteCrmKey(w, CrmKey);
        w.WriteEndObject();
    }

    internal static void WriteSent(Utf8JsonWriter w, string name, Sent<string?>? value)
    {
        if (value is not { } v) return;
        if (v.Value is null) w.WriteNull(name);
        else w.WriteString(name, v.Value);
    }

    internal static void WriteStrings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    internal static void WriteCrmKey(Utf8JsonWriter w, string key)
    {
        w.WriteStartArray("singleValueExtendedProperties");
        w.WriteStartObject();
        w.WriteString("id", CrmIdProperty.Id);
        w.WriteString("value", key);
        w.WriteEndObject();
        w.WriteEndArray();
    }
}

// The body of an event POST or PATCH, written straight to JSON in Graph's event shape
// (https://learn.microsoft.com/en-us/graph/api/resources/event). Body, attendees and online meeting are never part of an
// update: an event's body is only written when the event is created.
public sealed class EventBody
{
    public string? Subject { get; set; }
    public (string DateTime, string TimeZone)? Start { get; set; }
    public (string DateTime, string TimeZone)? End { get; set; }
    // Sent as location.displayName ("" when the CRM has none).
    public string? Location { get; set; }
    public IReadOnlyList<string>? Categories { get; set; }
    public string? CrmKey { get; set; }
    // Creates only: the event's text body.
    public string? TextBody { get; set; }

    public void WriteTo(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        if (Subject is not null) w.WriteString("subject", Subject);
        if (TextBody is not null)
        {
            w.WriteStartObject("body");
            w.WriteString("contentType", "text");
            w.WriteString("content", TextBody);
            w.WriteEndObject();
        }
        WriteTime(w, "start", Start);
        WriteTime(w, "end", End);
        if (Location is not null)
        {
            w.WriteStartObject("location");
            w.WriteString("displayName", Location);
            w.WriteEndObject();
        }
        if (Categories is not null) ContactBody.WriteStrings(w, "categories", Categories);
        if (CrmKey is not null) ContactBody.WriteCrmKey(w, CrmKey);
        w.WriteEndObject();
    }

    private static void WriteTime(Utf8JsonWriter w, string name, (string DateTime, string TimeZone)? value)
    {
        if (value is not { } t) return;
        w.WriteStartObject(name);
        w.WriteString("dateTime", t.DateTime);
        w.WriteString("timeZone", t.TimeZone);
        w.WriteEndObject();
    }
}
