using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using OutlookCrm.Api.Auth;
using OutlookCrm.Api.Data;

namespace OutlookCrm.Api.Lookup;

// The card on PostgreSQL in one statement. The portable card (LookupApi.ContactRows, then CardItem.Statement) takes two
// round trips: the contacts, then the lists of their companies. That second statement cost the card a third of its
// throughput under 16 clients (a temporary build without it: 0.59 of the floor against 0.40; docs/performance.md,
// "What one more statement costs"), and as one EF statement the lists had to find the companies again in each of their
// seven branches, which cost as much as the round trip. PostgreSQL can do it once: a common table expression referenced
// several times is computed once (https://www.postgresql.org/docs/15/queries-with.html#id-1.5.6.12.7, "MATERIALIZED"),
// and each list reads its company's newest rows through LATERAL … ORDER BY … LIMIT, an index seek that stops at the
// limit (https://www.postgresql.org/docs/15/queries-table-expressions.html#QUERIES-LATERAL). EF Core writes neither, so
// this one is SQL, sent through Npgsql itself on connections of its own (ConnectionString below). It must answer exactly
// what the portable statements answer: HotPaths/PostgreSqlCardTests compares the two on the same data (visibility,
// deleted rows, mails' notes, open stages, last contact, follow-ups, two addresses of one company), and the card's rule
// tests run on PostgreSQL through it.
internal static class PostgreSqlCard
{
    internal const string Tag = "-- lookup card";

    // One row shape for every part, in typed slots (Text1…, At1…): what each part puts where is written beside its
    // branch and read back in ToCard. The first branch types the slots; the others' NULLs take those types.
    private static readonly string Statement = Tag + $"""

        WITH matched AS MATERIALIZED (
            SELECT k."Id", k."CompanyId", k."FirstName", k."LastName", k."JobTitle", k."Email", k."Email2", k."Phone", k."Mobile",
                   k."LastVerifiedAt", k."Version"
            FROM "Contacts" AS k
            JOIN "Companies" AS v ON v."Id" = k."CompanyId"
            WHERE k."DeletedAt" IS NULL AND v."DeletedAt" IS NULL
              -- Visibility.InScopeOf with the caller's facts as parameters, as LookupApi.RowsStatement writes it.
              AND ($1 OR v."AccountManagerId" = $2 OR v."Status" = ANY ($3) OR ($4 AND v."TerritoryId" = $5))
              AND ((k."Email" IS NOT NULL AND k."Email" = ANY ($6)) OR (k."Email2" IS NOT NULL AND k."Email2" = ANY ($6)))
        ), companies AS MATERIALIZED (
            SELECT DISTINCT "CompanyId" AS "Id" FROM matched
        )
        -- Contact: Text1-7 first name, last name, job title, e-mail, second e-mail, phone, mobile; At1 verified; Int4 version.
        SELECT 7 AS "Part", m."CompanyId", m."Id",
               m."FirstName" AS "Text1", m."LastName" AS "Text2", m."JobTitle" AS "Text3", m."Email" AS "Text4", m."Email2" AS "Text5",
               m."Phone" AS "Text6", m."Mobile" AS "Text7", m."LastVerifiedAt" AS "At1", NULL::timestamptz AS "At2", NULL::timestamptz AS "At3",
               NULL::numeric AS "Number1", NULL::numeric AS "Number2", NULL::numeric AS "Number3",
               NULL::int AS "Int1", NULL::int AS "Int2", NULL::int AS "Int3", m."Version" AS "Int4",
               NULL::bigint AS "Long1", NULL::bigint AS "Long2", FALSE AS "Flag", NULL::date AS "Day"
        FROM matched AS m
        -- Company: Text1-6 name, account manager, territory, phone, status, category; At1 verified, At2 ERP update;
        -- Number1-3 sales this year, last year, outstanding; Int1 account manager id, Int4 version.
        UNION ALL
        SELECT 0, c."Id", c."Id", c."Name", u."DisplayName", t."Name", c."Phone", c."Status", c."Category", NULL,
               c."LastVerifiedAt", c."ErpUpdatedAt", NULL, c."SalesYearToDate", c."SalesLastYear", c."OutstandingAmount",
               c."AccountManagerId", NULL, NULL, c."Version", NULL, NULL, FALSE, NULL
        FROM companies AS s
        JOIN "Companies" AS c ON c."Id" = s."Id"
        LEFT JOIN "Users" AS u ON u."Id" = c."AccountManagerId"
        LEFT JOIN "Territories" AS t ON t."Id" = c."TerritoryId"
        -- Mail (2), last (4), next (5): Text1-3 subject, type, status; At1 start, At2 end.
        UNION ALL
        {ActivityBranch(CardPart.Mail, "a.\"Type\" = 'Email'", "a.\"StartUtc\" DESC, a.\"Id\" DESC", 3)}
        UNION ALL
        {ActivityBranch(CardPart.Last, "a.\"Status\" <> 'Cancelled' AND a.\"StartUtc\" <= $8", "a.\"StartUtc\" DESC, a.\"Id\" DESC", 1)}
        UNION ALL
        {ActivityBranch(CardPart.Next, "a.\"Status\" = 'Planned' AND a.\"StartUtc\" > $8", "a.\"StartUtc\", a.\"Id\"", 1)}
        -- Note: Text1-2 text, author; At1 created; Long1-2 activity, deal; Flag audio. A logged mail's gist is its
        -- activity's note: shown among the mails, not as a note.
        UNION ALL
        SELECT 1, n."CompanyId", n."Id", n."Text", (SELECT u."DisplayName" FROM "Users" AS u WHERE u."Id" = n."AuthorId"),
               NULL, NULL, NULL, NULL, NULL, n."CreatedAt", NULL, NULL,
               NULL, NULL, NULL, NULL, NULL, NULL, NULL, n."ActivityId", n."DealId", n."HasAudio", NULL
        FROM companies AS s
        CROSS JOIN LATERAL (SELECT n."Id", n."CompanyId", n."Text", n."AuthorId", n."CreatedAt", n."ActivityId", n."DealId", n."HasAudio"
                            FROM "Notes" AS n WHERE n."CompanyId" = s."Id" AND n."DeletedAt" IS NULL
                                AND NOT EXISTS (SELECT 1 FROM "Activities" AS m WHERE m."Id" = n."ActivityId" AND m."Type" = 'Email')
                            ORDER BY n."CreatedAt" DESC, n."Id" DESC LIMIT 3) AS n
        -- Open deal: Text1-3 title, stage (reference name), owner; At1-3 entered its stage, created, its company's last
        -- contact (Alerts.LastContact.IsContact: done, not a task); Number1 amount; Int1-4 stage, days allowed, owner,
        -- version; Day expected close.
        UNION ALL
        SELECT 3, d."CompanyId", d."Id", d."Title", p."Name", o."DisplayName", NULL, NULL, NULL, NULL,
               d."StageEnteredAt", d."CreatedAt",
               (SELECT max(a."StartUtc") FROM "Activities" AS a WHERE a."DeletedAt" IS NULL AND a."Status" = 'Done' AND a."Type" <> 'Task'
                    AND (a."CompanyId" = d."CompanyId" OR a."DealId" = d."Id")),
               d."Amount", NULL, NULL, d."StageId", p."MaxDaysInStage", d."OwnerId", d."Version", NULL, NULL, FALSE, d."ExpectedClose"
        FROM companies AS s
        JOIN "Deals" AS d ON d."CompanyId" = s."Id" AND d."DeletedAt" IS NULL AND d."StageId" = ANY ($7)
        JOIN "PipelineStages" AS p ON p."Id" = d."StageId"
        JOIN "Users" AS o ON o."Id" = d."OwnerId"
        -- Follow-up: Text1-2 reason, owner; Long1 deal; Int3 owner id, Int4 version; Day due.
        UNION ALL
        SELECT 6, f."CompanyId", f."Id", f."Reason", (SELECT u."DisplayName" FROM "Users" AS u WHERE u."Id" = f."OwnerId"),
               NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
               NULL, NULL, NULL, NULL, NULL, f."OwnerId", f."Version", f."DealId", NULL, FALSE, f."DueOn"
        FROM companies AS s
        CROSS JOIN LATERAL (SELECT f."Id", f."CompanyId", f."Reason", f."OwnerId", f."Version", f."DealId", f."DueOn"
                            FROM "FollowUps" AS f WHERE f."CompanyId" = s."Id" AND f."DoneAt" IS NULL
                            ORDER BY f."DueOn", f."Id" LIMIT {LookupApi.FollowUpsShown}) AS f
        """;

    // Each list's subquery names the columns it gives (not SELECT *): every output column is set up again at each
    // execution (tuple descriptors, projections), and that start-up was most of PostgreSQL's time for the card (perf:
    // ExprEvalPushStep, exprTypmod, TupleDescInitEntry…); pgbench, 16 clients: 13,200 → 15,000 cards/s.
    private static string ActivityBranch(CardPart part, string condition, string order, int limit) => $"""
        SELECT {(int)part}, a."CompanyId", a."Id", a."Subject", a."Type", a."Status", NULL, NULL, NULL, NULL, a."StartUtc", a."EndUtc", NULL,
               NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, FALSE, NULL
        FROM companies AS s
        CROSS JOIN LATERAL (SELECT a."Id", a."CompanyId", a."Subject", a."Type", a."Status", a."StartUtc", a."EndUtc"
                            FROM "Activities" AS a WHERE a."CompanyId" = s."Id" AND a."DeletedAt" IS NULL AND {condition}
                            ORDER BY {order} LIMIT {limit}) AS a
        """;

    internal sealed class Row
    {
        public int Part { get; init; }
        public long CompanyId { get; init; }
        public long Id { get; init; }
        public string? Text1 { get; init; }
        public string? Text2 { get; init; }
        public string? Text3 { get; init; }
        public string? Text4 { get; init; }
        public string? Text5 { get; init; }
        public string? Text6 { get; init; }
        public string? Text7 { get; init; }
        public DateTime? At1 { get; init; }
        public DateTime? At2 { get; init; }
        public DateTime? At3 { get; init; }
        public decimal? Number1 { get; init; }
        public decimal? Number2 { get; init; }
        public decimal? Number3 { get; init; }
        public int? Int1 { get; init; }
        public int? Int2 { get; init; }
        public int? Int3 { get; init; }
        public int? Int4 { get; init; }
        public long? Long1 { get; init; }
        public long? Long2 { get; init; }
        public bool Flag { get; init; }
        public DateOnly? Day { get; init; }
    }

    public static async Task<(List<LookupApi.ContactRow> Contacts, List<CardItem> Items)> ReadAsync(CrmDbContext db, Caller caller,
        List<string> wanted, DateTime staleBefore, List<int> openStages, DateTime now)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(db.Database.GetConnectionString()!));
        await connection.OpenAsync();
        // Positional parameters ($1…): Npgsql sends the text as it is, without rewriting it
        // (https://www.npgsql.org/doc/basic-usage.html#parameters).
        await using var command = new NpgsqlCommand(Statement, connection)
        {
            Parameters =
            {
                new() { NpgsqlDbType = NpgsqlDbType.Boolean, Value = caller.SeesAll },
                new() { NpgsqlDbType = NpgsqlDbType.Integer, Value = (object?)caller.UserId ?? DBNull.Value },
                new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = caller.PublicStatuses.Select(s => s.ToString()).ToArray() },
                new() { NpgsqlDbType = NpgsqlDbType.Boolean, Value = caller.Role == UserRole.Manager },
                new() { NpgsqlDbType = NpgsqlDbType.Integer, Value = (object?)caller.TerritoryId ?? DBNull.Value },
                new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = wanted.ToArray() },
                new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer, Value = openStages.ToArray() },
                new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = DateTime.SpecifyKind(now, DateTimeKind.Utc) },
            },
        };
        var rows = new List<Row>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) rows.Add(Read(reader));

        var companies = rows.Where(r => r.Part == (int)CardPart.Company).ToDictionary(r => r.CompanyId, r => Company(r, staleBefore));
        var contacts = rows.Where(r => r.Part == Contact).OrderBy(r => r.Id)
            .Select(r => new LookupApi.ContactRow { Email = r.Text4, Email2 = r.Text5, Contact = ContactOf(r, staleBefore), Company = companies[r.CompanyId] })
            .ToList();
        return (contacts, rows.Where(r => r.Part != Contact).Select(Item).ToList());
    }

    // The card's connections: the API's connection string with the generic plan as a session setting, sent once when a
    // connection starts (Options, https://www.npgsql.org/doc/connection-string-parameters.html#misc; the setting:
    // https://www.postgresql.org/docs/15/runtime-config-query.html#GUC-PLAN-CACHE-MODE). A prepared statement is planned
    // again at every execution while PostgreSQL judges its generic plan costlier than the custom ones, and it did for the
    // card at every lookup (1.6–3.8 ms planning against 0.1–0.35 ms executing); its generic plan seeks the same indexes.
    // Setting it around each statement instead ("SET …; card; RESET …", as the card did until 2026-11-28) cost the card a
    // third of PostgreSQL's throughput (pgbench, 16 clients: 6,600 against 9,900 cards/s; docs/performance.md). Npgsql keeps one
    // pool per connection string, so these connections serve nothing else: the searches, which need a plan per term,
    // never run on them. The pool is the same process-wide pool any NpgsqlConnection with this string uses, so clearing
    // the pools (EF's EnsureDeleted does) clears it too. The statement is prepared at its first use on a connection
    // (Npgsql's default waits for five): until then each lookup would be planned afresh, 2 ms in the server log.
    internal static string ConnectionString(string api) => CardStrings.GetOrAdd(api, static s =>
    {
        var builder = new NpgsqlConnectionStringBuilder(s) { AutoPrepareMinUsages = 1 };
        builder.Options = $"{builder.Options} -c plan_cache_mode=force_generic_plan".Trim();
        return builder.ConnectionString;
    });

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> CardStrings = new();

    // By ordinal, in the statement's column order: Part, CompanyId, Id, Text1-7, At1-3, Number1-3, Int1-4, Long1-2, Flag, Day.
    private static Row Read(NpgsqlDataReader r) => new()
    {
        Part = r.GetInt32(0), CompanyId = r.GetInt64(1), Id = r.GetInt64(2),
        Text1 = Text(r, 3), Text2 = Text(r, 4), Text3 = Text(r, 5), Text4 = Text(r, 6), Text5 = Text(r, 7), Text6 = Text(r, 8), Text7 = Text(r, 9),
        At1 = At(r, 10), At2 = At(r, 11), At3 = At(r, 12),
        Number1 = Number(r, 13), Number2 = Number(r, 14), Number3 = Number(r, 15),
        Int1 = Int(r, 16), Int2 = Int(r, 17), Int3 = Int(r, 18), Int4 = Int(r, 19),
        Long1 = Long(r, 20), Long2 = Long(r, 21), Flag = r.GetBoolean(22), Day = r.IsDBNull(23) ? null : r.GetFieldValue<DateOnly>(23),
    };

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
    private static DateTime? At(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDateTime(i);
    private static decimal? Number(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDecimal(i);
    private static int? Int(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);
    private static long? Long(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);

    private const int Contact = 7;

    private static LookupContact ContactOf(Row r, DateTime staleBefore) =>
        new(r.Id, r.Text1, r.Text2!, r.Text3, r.Text4, r.Text6, r.Text7, r.At1, r.Int4!.Value, r.At1 == null || r.At1 < staleBefore);

    private static LookupCompany Company(Row r, DateTime staleBefore) =>
        new(r.Id, r.Text1!, Enum.Parse<CompanyStatus>(r.Text5!), r.Text6 is null ? null : Enum.Parse<CustomerCategory>(r.Text6), r.Int1, r.Text2,
            r.Text3, r.Number1!.Value, r.Number2!.Value, r.Number3!.Value, r.At1, r.Int4!.Value, r.At1 == null || r.At1 < staleBefore, r.Text4, r.At2);

    // Each part's slots back into the portable statement's CardItem, which CardLists reads.
    private static CardItem Item(Row r) => (CardPart)r.Part switch
    {
        CardPart.Mail or CardPart.Last or CardPart.Next => new CardItem
        {
            Part = (CardPart)r.Part, CompanyId = r.CompanyId, Id = r.Id, Text = r.Text1, Type = Enum.Parse<ActivityType>(r.Text2!),
            Status = Enum.Parse<ActivityStatus>(r.Text3!), At = r.At1, EndUtc = r.At2,
        },
        CardPart.Note => new CardItem
        {
            Part = CardPart.Note, CompanyId = r.CompanyId, Id = r.Id, Text = r.Text1, Name = r.Text2, At = r.At1, ActivityId = r.Long1, DealId = r.Long2,
            HasAudio = r.Flag,
        },
        CardPart.Deal => new CardItem
        {
            Part = CardPart.Deal, CompanyId = r.CompanyId, Id = r.Id, Text = r.Text1, Name = r.Text2, OwnerName = r.Text3, At = r.At1, CreatedAt = r.At2,
            LastContact = r.At3, Amount = r.Number1, StageId = r.Int1, MaxDaysInStage = r.Int2, OwnerId = r.Int3, Version = r.Int4, Day = r.Day,
        },
        CardPart.FollowUp => new CardItem
        {
            Part = CardPart.FollowUp, CompanyId = r.CompanyId, Id = r.Id, Text = r.Text1, Name = r.Text2, DealId = r.Long1, OwnerId = r.Int3,
            Version = r.Int4, Day = r.Day,
        },
        _ => new CardItem { Part = CardPart.Company, CompanyId = r.CompanyId, Id = r.Id },
    };
}
