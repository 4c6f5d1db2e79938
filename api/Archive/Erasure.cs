using OutlookCrm.Api.Audit;

namespace OutlookCrm.Api.Archive;

public sealed record NoteToReview(long NoteId, long CompanyId, string Reason);
public sealed record ErasureReport(long ContactId, DateTime ErasedAt, int ActivitiesScrubbed, IReadOnlyList<NoteToReview> NotesToReview);

// GDPR erasure (admin): the contact's personal data is removed wherever the CRM stores it; notes that mention
// the person are free text a person must read, so they are listed, not rewritten. The contact leaves the sync
// feed, so the worker deletes its Outlook copies. The audit keeps who erased which record when, not the data.
public static class Erasure
{
    public const string ErasedName = "[erased]";

    public static RouteGroupBuilder MapErasure(this RouteGroupBuilder api)
    {
        api.MapPost("/contacts/{id:long}/erase", EraseContact).WithTags("Contacts");
        return api;
    }

    internal static async Task<Ok<ErasureReport>> EraseContact(long id, CrmDbContext db, Caller caller)
    {
        if (caller.Role != UserRole.Admin || caller.IsApplication)
            throw CrmProblem.Forbidden("Only an administrator can erase a person's data.");
        var k = await db.Contacts.FirstOrDefaultAsync(x => x.Id == id) ?? throw CrmProblem.NotFound("Contact", id);
        if (k.LastName == ErasedName && k.Email is null) throw CrmProblem.Conflict($"Contact {id} is already erased.");
        var now = DateTime.UtcNow;
        var name = string.Join(' ', new[] { k.FirstName, k.LastName }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var traces = new[] { k.Email, k.Email2, k.Phone, k.Mobile }.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!).ToList();

        await using var tx = await db.Database.BeginTransactionAsync();
        // Logged mails and meetings: the person's addresses and numbers in their texts.
        var scrubbed = 0;
        foreach (var trace in traces)
        {
            var activities = await db.Activities.Where(a => a.Subject.Contains(trace) || (a.Details != null && a.Details.Contains(trace))
                || (a.Outcome != null && a.Outcome.Contains(trace)) || (a.Location != null && a.Location.Contains(trace))).ToListAsync();
            foreach (var a in activities)
            {
                a.Subject = a.Subject.Replace(trace, ErasedName, StringComparison.OrdinalIgnoreCase);
                a.Details = a.Details?.Replace(trace, ErasedName, StringComparison.OrdinalIgnoreCase);
                a.Outcome = a.Outcome?.Replace(trace, ErasedName, StringComparison.OrdinalIgnoreCase);
                a.Location = a.Location?.Replace(trace, ErasedName, StringComparison.OrdinalIgnoreCase);
                a.Version++;
                scrubbed++;
            }
        }
        await db.ActivityContacts.Where(x => x.ContactId == id).ExecuteDeleteAsync();
        await db.Contacts.Where(x => x.ReportsToId == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.ReportsToId, (long?)null));
        await db.Deals.IgnoreQueryFilters().Where(d => d.PrescriberContactId == id)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.PrescriberContactId, (long?)null));
        // The audit trail must not keep what the erasure removes.
        await db.AuditEntries.Where(e => e.EntityType == nameof(Contact) && e.EntityId == id)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.OldValue, (string?)null).SetProperty(e => e.NewValue, (string?)null));

        (k.FirstName, k.LastName, k.JobTitle, k.Email, k.Email2, k.Phone, k.Mobile) = (null, ErasedName, null, null, null, null, null);
        (k.ReportsToId, k.IsPrescriber, k.ExternalKey, k.LastVerifiedAt) = (null, false, null, null);
        k.DeletedAt ??= now;
        k.Version++;
        db.AuditEntries.Add(AuditTrail.Entry(caller, now, nameof(Contact), id, "erase"));
        await db.SaveChangesAsync();

        var mentions = traces.Append(name).Where(s => s.Length >= 3).ToList();
        var notes = new List<NoteToReview>();
        foreach (var m in mentions)
            notes.AddRange(await db.Notes.IgnoreQueryFilters().AsNoTracking().Where(n => n.Text.Contains(m))
                .Select(n => new NoteToReview(n.Id, n.CompanyId, "mentions the erased person")).Take(500).ToListAsync());
        await tx.CommitAsync();
        return TypedResults.Ok(new ErasureReport(id, now, scrubbed, notes.DistinctBy(n => n.NoteId).ToList()));
    }
}
