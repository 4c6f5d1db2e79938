namespace OutlookCrm.Api.Companies;

public static class CompaniesApi
{
    public static RouteGroupBuilder MapCompanies(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/companies").WithTags("Companies");
        group.MapGet("/", SearchCompanies);
        group.MapGet("/suggestions", CompanySuggestionsApi.Suggest);
        group.MapGet("/{id:long}", GetCompany).WithName(nameof(GetCompany));
        group.MapPost("/", CreateCompany);
        group.MapPut("/{id:long}", UpdateCompany).Accepts<CompanyRequest>("application/json");
        group.MapPatch("/{id:long}", PatchCompany).Accepts<CompanyRequest>(JsonBody.MergePatch);
        return api;
    }

    // Search by name, phone or a contact's e-mail; keyset paging on id.
    internal static async Task<Ok<Page<CompanyDto>>> SearchCompanies(CrmDbContext db, Caller caller,
        string? q, CompanyStatus? status, int? accountManagerId, long? after, int? limit)
    {
        var size = Page<CompanyDto>.Size(limit);
        var query = db.Companies.AsNoTracking().VisibleTo(caller);
        if (status is not null) query = query.Where(c => c.Status == status);
        if (accountManagerId is not null) query = query.Where(c => c.AccountManagerId == accountManagerId);
        if (after is not null) query = query.Where(c => c.Id > after);
        // Name by substring, phone and a contact's e-mail by prefix, each from its index (Lookup/Search.cs). In two
        // statements: the page's ids, which PostgreSQL plans for each term (the name's estimate decides between the trigram
        // index and the key), then those companies with what their DTO joins, by key, a plan it keeps. As one statement it
        // planned the DTO's joins with every term: 1.4–2.2 ms of planning against 1.0 for the ids alone (docs/performance.md).
        if (!string.IsNullOrWhiteSpace(q))
        {
            var ids = (await Lookup.Search.MatchingIds(query, db, q, size + 1).ToListAsync()).Distinct().Order().Take(size + 1).ToList();
            if (ids.Count == 0) return TypedResults.Ok(Page<CompanyDto>.From([], size, c => c.Id));
            query = db.Companies.AsNoTracking().VisibleTo(caller).Where(c => ids.Contains(c.Id));
        }
        var rows = await query.OrderBy(c => c.Id).Take(size + 1).To<CompanyDto>().ToListAsync();
        return TypedResults.Ok(Page<CompanyDto>.From(rows, size, c => c.Id));
    }

    internal static async Task<Ok<CompanyDto>> GetCompany(long id, CrmDbContext db, Caller caller, HttpResponse response)
    {
        var dto = await db.Companies.AsNoTracking().VisibleTo(caller).Where(c => c.Id == id).To<CompanyDto>().FirstOrDefaultAsync()
            ?? throw CrmProblem.NotFound("Company", id);
        ETag.Set(response, dto.Version);
        return TypedResults.Ok(dto);
    }

    internal static async Task<CreatedAtRoute<CompanyDto>> CreateCompany(CompanyRequest request, CrmDbContext db, Caller caller, HttpResponse response)
    {
        var company = new Company { Name = request.Name, CreatedAt = DateTime.UtcNow, Version = 1 };
        await CompanyWrites.Apply(db, caller, company, request);
        db.Companies.Add(company);
        await db.SaveChangesAsync();
        var dto = await db.Companies.AsNoTracking().Where(c => c.Id == company.Id).To<CompanyDto>().FirstAsync();
        ETag.Set(response, dto.Version);
        return TypedResults.CreatedAtRoute(dto, nameof(GetCompany), new { id = dto.Id });
    }

    // PUT: the full representation; PATCH: a JSON Merge Patch of it. Both go through CompanyWrites.Apply.
    internal static Task<Ok<CompanyDto>> UpdateCompany(long id, IfMatch ifMatch, HttpRequest request,
        CrmDbContext db, Caller caller, HttpResponse response) =>
        Write(id, ifMatch, db, caller, response, _ => JsonBody.ReadFull<CompanyRequest>(request));

    internal static Task<Ok<CompanyDto>> PatchCompany(long id, IfMatch ifMatch, HttpRequest request,
        CrmDbContext db, Caller caller, HttpResponse response) =>
        Write(id, ifMatch, db, caller, response, c => JsonBody.ReadPatch(request, Representations.Of<CompanyRequest>(c)));

    private static async Task<Ok<CompanyDto>> Write(long id, IfMatch ifMatch, CrmDbContext db, Caller caller, HttpResponse response,
        Func<Company, Task<CompanyRequest>> read)
    {
        var company = await db.Companies.VisibleTo(caller).Include(c => c.ProductFamilies).ThenInclude(p => p.ProductFamily)
            .FirstOrDefaultAsync(c => c.Id == id) ?? throw CrmProblem.NotFound("Company", id);
        ifMatch.Check(company.Version);
        var request = await read(company);
        await CompanyWrites.Apply(db, caller, company, request);
        company.Version++;
        Audit.AuditTrail.RecordChanges(db, caller);
        await db.SaveChangesAsync();
        var dto = await db.Companies.AsNoTracking().Where(c => c.Id == id).To<CompanyDto>().FirstAsync();
        ETag.Set(response, dto.Version);
        return TypedResults.Ok(dto);
    }
}
