using System.Globalization;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using OutlookCrm.Api.Data;
using OutlookCrm.Api.Spreadsheets;

namespace OutlookCrm.Api.Reports;

// The raw activity rows of the period, for the manager's own pivots: streamed from the database into the sheet
// (a few batches in flight, no list in memory), with a progress line every ReportOptions.ProgressEvery rows; past Excel's
// 1,048,576 rows they go on in "Activities 2", and so on.
public static partial class PerformanceWorkbook
{
    private static readonly XlsxColumn[] Columns =
    [
        new("Id", 9, XlsxStyle.Integer), new("Start (local)", 16, XlsxStyle.DateTime), new("ISO week", 9), new("Month", 8),
        new("Rep", 20), new("Territory", 20), new("Company", 30), new("Type", 9), new("Status", 9), new("Subject", 36),
        new("Minutes", 8, XlsxStyle.Integer), new("Deal", 8, XlsxStyle.Integer),
    ];

    // An enum stored by name (HasConversion<string>), read as EF's converter reads it (Enum.Parse), its name shared by the rows.
    private sealed class StoredNames<T> where T : struct, Enum
    {
        private readonly Dictionary<string, (T, string)> seen = [];

        public (T Value, string Name) Of(string stored)
        {
            if (seen.TryGetValue(stored, out var known)) return known;
            var value = Enum.Parse<T>(stored);
            return seen[stored] = (value, value.ToString());
        }
    }

    private static void Close(XlsxSheet sheet) =>
        sheet.TotalsRow("Total", XlsxTotal.Count, XlsxTotal.None, XlsxTotal.None, XlsxTotal.None, XlsxTotal.None, XlsxTotal.None,
            XlsxTotal.None, XlsxTotal.None, XlsxTotal.None, XlsxTotal.None, XlsxTotal.Sum);

    // Local time, ISO week and month of UTC times mostly in order: the zone's offset is looked up once per quarter hour (offsets
    // change on quarter hours in every zone) and the labels once per local day, not for each of a million rows.
    private sealed class LocalLabels(TimeZoneInfo zone)
    {
        private long quarter = -1, day = -1;
        private TimeSpan offset;
        private string week = "", month = "";

        public (DateTime Local, string Week, string Month) Of(DateTime utc)
        {
            var q = utc.Ticks / (TimeSpan.TicksPerMinute * 15);
            if (q != quarter) (quarter, offset) = (q, zone.GetUtcOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));
            var local = DateTime.SpecifyKind(utc + offset, DateTimeKind.Unspecified);
            var d = local.Ticks / TimeSpan.TicksPerDay;
            if (d != day)
                (day, week, month) = (d, ReportPeriod.IsoWeekLabel(local), local.ToString("yyyy-MM", CultureInfo.InvariantCulture));
            return (local, week, month);
        }
    }

    private static async Task<int> ActivitiesSheet(XlsxBook book, CrmDbContext db, ReportOptions options, ReportScope scope,
        ReportPeriod period, ILogger log, CancellationToken cancel)
    {
        var ids = scope.UserIds;
        var (start, end) = (period.StartUtc, period.EndUtc);
        var query = db.Activities.AsNoTracking()
            .Where(a => a.DeletedAt == null && ids.Contains(a.OwnerId) && a.StartUtc >= start && a.StartUtc < end);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var total = await query.CountAsync(cancel);
        log.LogInformation("Workbook: writing {Total} activity rows ({Elapsed} ms to count them)", total, started.ElapsedMilliseconds);

        // atEnd: the tabs come after the figure sheets, which may be written after these rows (WriteAsync).
        using var sheet = new XlsxSplitSheet(part => book.AddSheet(part == 1 ? "Activities" : $"Activities {part}", Columns, table: total > 0, atEnd: true,
            title: $"Activities from {period.From:yyyy-MM-dd} to {period.To:yyyy-MM-dd}, every status, local times ({period.Zone.Id})" +
                (part == 1 ? "" : $", continued (part {part})")), Close);
        // Two threads: the rows are read from the database (and their cells prepared) on one while this one writes and
        // deflates the XML, in batches through a small bounded channel, so memory stays flat and neither waits for the other.
        var batches = Channel.CreateBounded<object?[][]>(new BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var reading = Task.Run(() => ReadRowsAsync(db, query, scope, options, period, batches.Writer, stop.Token), CancellationToken.None);
        var rows = 0;
        var starved = new System.Diagnostics.Stopwatch(); // the writer waiting for rows: then reading is the bottleneck
        Exception? failure = null;
        try
        {
            while (true)
            {
                if (!batches.Reader.TryRead(out var batch))
                {
                    starved.Start();
                    var more = await batches.Reader.WaitToReadAsync(cancel);
                    starved.Stop();
                    if (more) continue;
                    break;
                }
                foreach (var row in batch)
                {
                    sheet.Row(row);
                    if (rows == 0) log.LogInformation("Workbook: first activity row after {Elapsed} ms", started.ElapsedMilliseconds);
                    if (++rows % options.ProgressEvery == 0)
                        log.LogInformation("Workbook: {Rows} of {Total} activity rows ({Percent:0}%) in {Elapsed} s", rows, total,
                            100.0 * rows / Math.Max(total, 1), started.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture));
                }
            }
        }
        catch (Exception e)
        {
            failure = e;
            await stop.CancelAsync();
        }
        // The reader is always awaited (it uses the DbContext); a failure of the writer wins over the reader's cancellation.
        var blocked = TimeSpan.Zero;
        try { blocked = await reading; }
        catch when (failure is not null) { }
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        sheet.Complete();
        log.LogInformation("Workbook: activity rows in {Elapsed} ms; the writer waited {Starved} ms for rows, the reader {Blocked} ms for room",
            started.ElapsedMilliseconds, starved.ElapsedMilliseconds, (long)blocked.TotalMilliseconds);
        return rows;
    }

    private const int BatchRows = 1024;

    // Returns the time spent waiting for the writer (the channel full).
    private static async Task<TimeSpan> ReadRowsAsync(CrmDbContext db, IQueryable<Activity> query, ReportScope scope, ReportOptions options, ReportPeriod period,
        ChannelWriter<object?[][]> batches, CancellationToken cancel)
    {
        var blocked = new System.Diagnostics.Stopwatch();
        try
        {
            var users = scope.Users.ToDictionary(u => u.Id);
            var labels = new LocalLabels(period.Zone);
            var batch = new object?[BatchRows][];
            var n = 0;
            // By rep, then time: the order of the (OwnerId, StartUtc) index, so rows stream out without sorting a million first.
            // EF Core writes the SQL and its parameters; the rows are read straight from its DbDataReader, without the
            // materializer's object and async step per row (a third of the rows' CPU time at a million rows). The values are
            // what EF would read: the UTC converter's kind on times, the enums' stored names.
            var select = query.OrderBy(a => a.OwnerId).ThenBy(a => a.StartUtc).ThenBy(a => a.Id)
                .Select(a => new { a.Id, a.StartUtc, a.EndUtc, a.Type, a.Status, a.Subject, a.OwnerId, Company = a.Company!.Name, a.DealId });
            await db.Database.OpenConnectionAsync(cancel);
            var cache = await WidenSqliteCacheAsync(db, cancel);
            try
            {
                await using var command = select.CreateDbCommand();
                await using var reader = await command.ExecuteReaderAsync(cancel);
                int Column(string name) => reader.GetOrdinal(name);
                var (id, startUtc, endUtc, type, status, subject, owner, company, deal) = (Column("Id"), Column("StartUtc"), Column("EndUtc"),
                    Column("Type"), Column("Status"), Column("Subject"), Column("OwnerId"), Column("Company"), Column("DealId"));
                var types = new StoredNames<ActivityType>();
                var statuses = new StoredNames<ActivityStatus>();
                while (await reader.ReadAsync(cancel))
                {
                    var start = DateTime.SpecifyKind(reader.GetFieldValue<DateTime>(startUtc), DateTimeKind.Utc);
                    DateTime? end = reader.IsDBNull(endUtc) ? null : DateTime.SpecifyKind(reader.GetFieldValue<DateTime>(endUtc), DateTimeKind.Utc);
                    var (kind, kindName) = types.Of(reader.GetString(type));
                    var (local, week, month) = labels.Of(start);
                    var user = users[reader.GetInt32(owner)];
                    batch[n++] = [reader.GetInt32(id), local, week, month, user.Name, user.TerritoryName, reader.GetString(company), kindName,
                        statuses.Of(reader.GetString(status)).Name, reader.IsDBNull(subject) ? null : reader.GetString(subject),
                        Math.Round(options.MinutesOf(kind, start, end)), reader.IsDBNull(deal) ? null : reader.GetInt32(deal)];
                    if (n < BatchRows) continue;
                    if (!batches.TryWrite(batch))
                    {
                        blocked.Start();
                        await batches.WriteAsync(batch, cancel);
                        blocked.Stop();
                    }
                    (batch, n) = (new object?[BatchRows][], 0);
                }
            }
            finally
            {
                await RestoreSqliteCacheAsync(db, cache);
                await db.Database.CloseConnectionAsync();
            }
            if (n > 0) await batches.WriteAsync(batch[..n], cancel);
            batches.Complete();
            return blocked.Elapsed;
        }
        catch (Exception e)
        {
            batches.TryComplete(e);
            throw;
        }
    }

    // In (OwnerId, StartUtc) order one rep's rows lie on a few thousand pages of the table, visited back and forth: with
    // SQLite's default 2 MB of pages per connection nearly every row was a read from the file (4.9 of the 8.8 CPU seconds
    // of the query at 1,000,000 rows, in the kernel); 16 MB holds a rep's pages (0.45 s). The connection goes back to
    // the pool with its own value.
    private const int SqliteCacheKilobytes = 16_384;

    private static async Task<long?> WidenSqliteCacheAsync(CrmDbContext db, CancellationToken cancel)
    {
        if (!db.Database.IsSqlite()) return null;
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA cache_size";
        var before = Convert.ToInt64(await command.ExecuteScalarAsync(cancel), CultureInfo.InvariantCulture);
        if (before < 0 ? -before >= SqliteCacheKilobytes : before * 4 >= SqliteCacheKilobytes) return null; // already larger (pages of 4 KB)
        command.CommandText = $"PRAGMA cache_size = -{SqliteCacheKilobytes}";
        await command.ExecuteNonQueryAsync(cancel);
        return before;
    }

    private static async Task RestoreSqliteCacheAsync(CrmDbContext db, long? before)
    {
        if (before is not long value) return;
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA cache_size = {value}";
        await command.ExecuteNonQueryAsync();
    }
}
