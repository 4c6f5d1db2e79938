namespace OutlookCrm.Api.Contacts;

public static class ContactsApi
{
    public static RouteGroupBuilder MapContacts(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/contacts").WithTags("Contacts");
        group.MapGet("/", SearchContacts);
        group.MapGet("/{id:long}", GetContact).WithName(nameof(GetContact));
        group.MapPost("/", CreateContact);
        group.MapPut("/{id:long}", UpdateContact).Accepts<ContactRequest>("application/json");
        group.MapPatch("/{id:long}", PatchContact).Accepts<ContactRequest>(JsonBody.MergePatch);
        return api;
    }

    internal static async Task<Ok<Page<ContactDto>>> SearchContacts(CrmDbContext db, Caller caller,
        string? q, long? companyId, long? after, int? limit)
    {
        var size = Page<ContactDto>.Size(limit);
        var query = db.Contacts.AsNoTracking().VisibleTo(db, caller);
        // Names by substring, e-mails and phone numbers by prefix, each from its index (Lookup/Search.cs).
        if (!string.IsNullOrWhiteSpace(q)) query = Lookup.Search.Matching(query, db, q);
        if (companyId is not null) query = query.Where(k => k.CompanyId == companyId);
        if (after is not null) query = query.Where(k => k.Id > after);
        var rows = await query.OrderBy(k => k.Id).Take(size + 1).To<ContactDto>().ToListAsync();
        return TypedResults.Ok(Page<ContactDto>.From(rows, size, k => k.Id));
    }

    internal static async Task<Ok<ContactDto>> GetContact(long id, CrmDbContext db, Caller caller, HttpResponse response)
    {
        var dto = await db.Contacts.AsNoTracking().VisibleTo(db, caller).Where(k => k.Id == id).To<ContactDto>().FirstOrDefaultAsync()
            ?? throw CrmProblem.NotFound("Contact", id);
        ETag.Set(response, dto.Version);
        return TypedResults.Ok(dto);
    }

    internal static async Task<CreatedAtRoute<ContactDto>> CreateContact(ContactRequest request, CrmDbContext db, Caller caller, HttpResponse response)
    {
        var contact = new Contact { LastName = request.LastName, CreatedAt = DateTime.UtcNow, Version = 1 };
        await Apply(db, caller, contact, request);
        db.Contacts.Add(contact);
        await db.SaveChangesAsync();
        return TypedResults.CreatedAtRoute(await Reload(db, contact.Id, response), nameof(GetContact), new { id = contact.Id });
    }

    // PUT: the full representation; PATCH: a JSON Merge Patch of it. Both go through Apply.
    internal static Task<Ok<ContactDto>> UpdateContact(long id, IfMatch ifMatch, HttpRequest request,
        CrmDbContext db, Caller caller, HttpResponse response) =>
        Write(id, ifMatch, db, caller, response, _ => JsonBody.ReadFull<ContactRequest>(request));

    internal static Task<Ok<ContactDto>> PatchContact(long id, IfMatch ifMatch, HttpRequest request,
        CrmDbContext db, Caller caller, HttpResponse response) =>
        Write(id, ifMatch, db, caller, response, k => JsonBody.ReadPatch(request, Representations.Of<ContactRequest>(k)));

    private static async Task<Ok<ContactDto>> Write(long id, IfMatch ifMatch, CrmDbContext db, Caller caller, HttpResponse response,
        Func<Contact, Task<ContactRequest>> read)
    {
        var contact = await db.Contacts.VisibleTo(db, caller).FirstOrDefaultAsync(k => k.Id == id)
            ?? throw CrmProblem.NotFound("Contact", id);
        ifMatch.Check(contact.Version);
        await Apply(db, caller, contact, await read(contact));
        contact.Version++;
        Audit.AuditTrail.RecordChanges(db, caller);
        await db.SaveChangesAsync();
        return TypedResults.Ok(await Reload(db, id, response));
    }

    internal static async Task Apply(CrmDbContext db, Caller caller, Contact k, ContactRequest r)
    {
        if (!await db.Companies.VisibleTo(caller).AnyAsync(c => c.Id == r.CompanyId))
            throw CrmProblem.Invalid(nameof(r.CompanyId), $"Company {r.CompanyId} does not exist or is not in your scope.");
        if (r.ReportsToId is long boss && (boss == k.Id || !await db.Contacts.AnyAsync(x => x.Id == boss && x.CompanyId == r.CompanyId)))
            throw CrmProblem.Invalid(nameof(r.ReportsToId), $"Contact {boss} is not a colleague in the same company.");
        await RefuseKnownAddress(db, k, ContactProjection.NormalizeEmail(r.Email));
        Assign(k, r);
    }

    // Copies a checked request onto the contact.
    internal static void Assign(Contact k, ContactRequest r)
    {
        k.CompanyId = r.CompanyId;
        k.FirstName = r.FirstName?.Trim();
        k.LastName = r.LastName.Trim();
        k.JobTitle = r.JobTitle;
        k.Email = ContactProjection.NormalizeEmail(r.Email);
        k.Email2 = ContactProjection.NormalizeEmail(r.Email2);
        k.Phone = r.Phone; k.Mobile = r.Mobile;
        k.ReportsToId = r.ReportsToId;
        k.IsPrescriber = r.IsPrescriber;
        k.ExternalKey = r.ExternalKey;
        k.LastVerifiedAt = DateTime.UtcNow;
    }

    public const string AddressKnown =
        "This e-mail address already belongs to a customer in the CRM. Ask your manager to give you access rather than creating it again.";

    // The single exception to "outside your scope is 404" (docs/api.md): a duplicate customer costs more than
    // knowing that an address exists. Searched in every scope, it answers that fact only: no name, owner or id.
    internal static async Task RefuseKnownAddress(CrmDbContext db, Contact k, string? email)
    {
        if (email is null || email == k.Email) return;
        if (await AddressKnownAsync(db, email, exceptId: k.Id)) throw AddressKnownProblem();
    }

    internal static CrmProblem AddressKnownProblem()
    {
        var problem = CrmProblem.Conflict(AddressKnown);
        problem.Extensions["code"] = "addressKnown";
        return problem;
    }

    internal static Task<bool> AddressKnownAsync(CrmDbContext db, string email, long exceptId = 0) =>
        db.Contacts.AnyAsync(x => x.Id != exceptId && x.DeletedAt == null && (x.Email == email || x.Email2 == email));

    private static async Task<ContactDto> Reload(CrmDbContext db, long id, HttpResponse response)
    {
        var dto = await db.Contacts.AsNoTracking().Where(k => k.Id == id).To<ContactDto>().FirstAsync();
        ETag.Set(response, dto.Version);
        return dto;
    }
}
