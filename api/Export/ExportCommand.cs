namespace OutlookCrm.Api.Export;

// `export companies.csv [--out file] [--as upn] [--separator ;]`: the operator's export, with the visibility of
// the named user (default: the first admin, who sees everything). Same tables and writers as the API.
public static class ExportCommand
{
    public static async Task<int> RunAsync(CrmDbContext db, string[] args)
    {
        var what = args.FirstOrDefault(a => !a.StartsWith("--"));
        var dot = what?.LastIndexOf('.') ?? -1;
        var upn = Option(args, "--as");
        var user = await db.Users.AsNoTracking().Where(u => u.IsActive && (upn == null ? u.Role == UserRole.Admin : u.Upn == upn))
            .OrderBy(u => u.Id).FirstOrDefaultAsync();
        var table = dot > 0 && user is not null
            ? ExportTables.For(what![..dot], db, new Caller(user.Id, user.DisplayName, user.Role, user.TerritoryId,
                user.Role == UserRole.Admin || (user.Role == UserRole.Manager && user.TerritoryId is null), [], false))
            : null;
        var format = dot > 0 ? what![(dot + 1)..].ToLowerInvariant() : "";
        if (table is null || format is not ("csv" or "xlsx"))
        {
            Console.Error.WriteLine("Usage: export companies|contacts|activities.csv|xlsx [--out file] [--as upn] [--separator ;]" +
                (user is null ? $"\nNo active {(upn is null ? "admin user" : $"user '{upn}'")}." : ""));
            return 2;
        }
        var path = Option(args, "--out") ?? $"{table.Name.ToLowerInvariant()}-{DateTime.UtcNow:yyyyMMdd}.{format}";
        await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            if (format == "csv") await ExportWriters.Csv(table, file, Option(args, "--separator") is ";" ? ';' : ',', CancellationToken.None);
            else await ExportWriters.Xlsx(table, file, CancellationToken.None);
        }
        Console.WriteLine($"{table.Name} exported as {user!.Upn} sees them: {Path.GetFullPath(path)} ({new FileInfo(path).Length:N0} bytes)");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.LastIndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
