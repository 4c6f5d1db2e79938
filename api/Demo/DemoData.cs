using OutlookCrm.Api.Data;

namespace OutlookCrm.Api.Demo;

public static partial class DemoData
{
    public static Task SeedAsync(CrmDbContext db, ILogger log) => Task.CompletedTask;
}
