using OutlookCrm.Api.Data;

namespace OutlookCrm.Api.Tests.Infrastructure;

// The people every rule is stated about: two reps and their manager in the North, a rep and a
// manager in the South, an admin.
public sealed class SalesTeam
{
    public required Territory North { get; init; }
    public required Territory South { get; init; }
    public required User RepA { get; init; }
    public required User RepB { get; init; }
    public required User RepSouth { get; init; }
    public required User NorthManager { get; init; }
    public required User SouthManager { get; init; }
    public required User Admin { get; init; }

    public static SalesTeam Create(CrmApp app) => app.WithDb(db =>
    {
        var north = new Territory { Name = "North" };
        var south = new Territory { Name = "South" };
        User U(string login, UserRole role, Territory? t) => new()
        {
            DisplayName = login, Upn = $"{login}@test.example", EntraObjectId = $"oid-{login}", Role = role, Territory = t,
        };
        var team = new SalesTeam
        {
            North = north, South = south,
            RepA = U("rep-a", UserRole.Rep, north), RepB = U("rep-b", UserRole.Rep, north), RepSouth = U("rep-south", UserRole.Rep, south),
            NorthManager = U("manager-north", UserRole.Manager, north), SouthManager = U("manager-south", UserRole.Manager, south),
            Admin = U("admin", UserRole.Admin, null),
        };
        db.Users.AddRange(team.RepA, team.RepB, team.RepSouth, team.NorthManager, team.SouthManager, team.Admin);
        db.SaveChanges();
        return team;
    });
}
