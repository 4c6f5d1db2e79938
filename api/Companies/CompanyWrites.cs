namespace OutlookCrm.Api.Companies;

// Copies a request onto a company after checking the references it names (shared by the API and import).
internal static class CompanyWrites
{
    public static async Task Apply(CrmDbContext db, Caller caller, Company c, CompanyRequest r)
    {
        var am = r.AccountManagerId ?? c.AccountManagerId ?? caller.UserId;
        var users = am is int id ? await db.Users.Where(u => u.Id == id && u.IsActive).ToDictionaryAsync(u => u.Id, u => u.TerritoryId) 
            : new Dictionary<int, int?>();
        var territories = r.TerritoryId is int t ? await db.Territories.Where(x => x.Id == t).Select(x => x.Id).ToListAsync() : [];
        var (checkedRequest, territory) = Check(caller, c, r, users, territories.ToHashSet());
        if (r.ParentCompanyId is long p && (p == c.Id || !await db.Companies.VisibleTo(caller).AnyAsync(x => x.Id == p)))
            throw CrmProblem.Invalid(nameof(r.ParentCompanyId), $"Company {p} cannot be the parent of this company.");
        Assign(c, checkedRequest, territory);
        if (r.ProductFamilies is not null) await SetFamilies(db, c, r.ProductFamilies);
    }

    // The reference and move rules of Apply, against the active users (with their territory) and the territories it
    // names: the API reads the one or two it needs, the import all of them once for the whole file.
    public static (CompanyRequest Request, int? Territory) Check(Caller caller, Company c, CompanyRequest r,
        IReadOnlyDictionary<int, int?> activeUserTerritories, IReadOnlySet<int> territories)
    {
        // Leaving the account manager out keeps the current one (a new company is the caller's).
        r = r with { AccountManagerId = r.AccountManagerId ?? c.AccountManagerId ?? caller.UserId };
        if (r.AccountManagerId is int am && !activeUserTerritories.ContainsKey(am))
            throw CrmProblem.Invalid(nameof(r.AccountManagerId), $"User {am} does not exist.");
        if (r.TerritoryId is int t && !territories.Contains(t))
            throw CrmProblem.Invalid(nameof(r.TerritoryId), $"Territory {t} does not exist.");
        // The territory follows the account manager unless given (or, on an update, changed) explicitly.
        var amChanges = r.AccountManagerId != c.AccountManagerId;
        var follows = r.TerritoryId is null || (c.Id != 0 && r.TerritoryId == c.TerritoryId && amChanges);
        var territory = follows && r.AccountManagerId is int m ? activeUserTerritories[m] : r.TerritoryId;
        CheckMove(caller, c, r.AccountManagerId, territory);
        return (r, territory);
    }

    // Copies a checked request onto the company.
    public static void Assign(Company c, CompanyRequest r, int? territory)
    {
        c.Name = r.Name.Trim();
        c.Status = r.Status;
        c.Category = r.Category;
        c.AccountManagerId = r.AccountManagerId;
        c.TerritoryId = territory;
        c.ParentCompanyId = r.ParentCompanyId;
        c.Street = r.Street; c.PostalCode = r.PostalCode; c.City = r.City; c.Country = r.Country;
        c.Phone = r.Phone; c.Website = r.Website;
        c.Email = Contacts.ContactProjection.NormalizeEmail(r.Email);
        c.SalesYearToDate = r.SalesYearToDate; c.SalesLastYear = r.SalesLastYear; c.OutstandingAmount = r.OutstandingAmount;
        c.ExternalKey = r.ExternalKey;
        // Editing a record is verifying it.
        c.LastVerifiedAt = DateTime.UtcNow;
    }

    // Who may move what: a company changes territory or account manager only by its territory's manager (within
    // that territory) or an admin; a rep only creates companies for themselves in their own territory.
    private static void CheckMove(Caller caller, Company c, int? accountManager, int? territory)
    {
        var isNew = c.Id == 0;
        var amChanges = accountManager != (isNew ? caller.UserId : c.AccountManagerId);
        var territoryChanges = territory != (isNew ? caller.TerritoryId : c.TerritoryId);
        if ((!amChanges && !territoryChanges) || caller.Role == UserRole.Admin) return;
        if (caller.Role != UserRole.Manager)
            throw CrmProblem.Forbidden("Only a manager of the company's territory or an administrator can change its account manager or territory.");
        if (caller.SeesAll) return;
        if (!isNew && c.TerritoryId is not null && c.TerritoryId != caller.TerritoryId)
            throw CrmProblem.Forbidden("This company is in another territory: only that territory's manager or an administrator can move it.");
        if (territory != caller.TerritoryId)
            throw CrmProblem.Forbidden("A manager moves companies within their territory; an administrator moves them between territories.");
    }

    private static async Task SetFamilies(CrmDbContext db, Company c, List<string> names)
    {
        var wanted = names.Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var known = await db.ProductFamilies.Where(f => wanted.Contains(f.Name)).ToListAsync();
        var unknown = wanted.Except(known.Select(f => f.Name), StringComparer.OrdinalIgnoreCase).ToList();
        if (unknown.Count > 0)
            throw CrmProblem.Invalid("ProductFamilies", $"Unknown product families: {string.Join(", ", unknown)}.");
        c.ProductFamilies.RemoveAll(x => !known.Any(f => f.Id == x.ProductFamilyId));
        foreach (var f in known.Where(f => c.ProductFamilies.All(x => x.ProductFamilyId != f.Id)))
            c.ProductFamilies.Add(new CompanyProductFamily { ProductFamilyId = f.Id });
    }
}
