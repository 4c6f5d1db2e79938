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
// this one is SQL. It must answer exactly what the portable statements answer: HotPaths/PostgreSqlCardTests compares the
// two on the same data (visibility, deleted rows, mails' notes, open stages, last contact, follow-ups, two addresses of
// one company), and the card's rule tests run on PostgreSQL through it.
internal static class PostgreSqlCard
{
    // One row shape for every part, in typed slots (Text1…, At1…): what each part puts where is written beside its
    // branch and read back in ToCard. The first branch types the slots; the others' NULLs take those types.
    private static readonly string Statement = "-- " + GenericPlans.Tag + $"""

        WITH matched AS MATERIALIZED (
            SELECT k."Id", k."CompanyId", k."FirstName", k."LastName", k."JobTitle", k."Email", k."Email2", k."Phone", k."Mobile",
                   k."LastVerifiedAt", k."Version"
            FROM "Contacts" AS k
            JOIN "Companies" AS v ON v."Id" = k."CompanyId"
            WHERE k."DeletedAt" IS NULL AND v."DeletedAt" IS NULL
              -- Visibility.InScopeOf with the caller's facts as parameters, as LookupApi.RowsStatement writes it.
              AND (@seesAll OR v."AccountManagerId" = @me OR v."Status" = ANY (@shared) OR (@manager AND v."TerritoryId" = @territory))
              AND ((k."Email" IS NOT NULL AND k."Email" = ANY (@wanted)) OR (k."Email2" IS NOT NULL AND k."Email2" = ANY (@wanted)))
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
        {ActivityBranch(CardPart.Last, "a.\"Status\" <> 'Cancelled' AND a.\"StartUtc\" <= @now", "a.\"StartUtc\" DESC, a.\"Id\" DESC", 1)}
        UNION ALL
        {ActivityBranch(CardPart.Next, "a.\"Status\" = 'Planned' AND a.\"StartUtc\" > @now", "a.\"StartUtc\", a.\"Id\"", 1)}
        -- Note: Text1-2 text, author; At1 created; Long1-2 activity, deal; Flag audio. A logged mail's gist is its
        -- activity's note: shown among the mails, not as a note.
        UNION ALL
        SELECT 1, n."CompanyId", n."Id", n."Text", (SELECT u."DisplayName" FROM "Users" AS u WHERE u."Id" = n."AuthorId"),
               NULL, NULL, NULL, NULL, NULL, n."CreatedAt", NULL, NULL,
               NULL, NULL, NULL, NULL, NULL, NULL, NULL, n."ActivityId", n."DealId", n."HasAudio", NULL
        FROM companies AS s
        CROSS JOIN LATERAL (SELECT * FROM "Notes" AS n WHERE n."CompanyId" = s."Id" AND n."DeletedAt" IS NULL
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
        JOIN "Deals" AS d ON d."CompanyId" = s."Id" AND d."DeletedAt" IS NULL AND d."StageId" = ANY (@openStages)
        JOIN "PipelineStages" AS p ON p."Id" = d."StageId"
        JOIN "Users" AS o ON o."Id" = d."OwnerId"
        -- Follow-up: Text1-2 reason, owner; Long1 deal; Int3 owner id, Int4 version; Day due.
        UNION ALL
        SELECT 6, f."CompanyId", f."Id", f."Reason", (SELECT u."DisplayName" FROM "Users" AS u WHERE u."Id" = f."OwnerId"),
               NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
               NULL, NULL, NULL, NULL, NULL, f."OwnerId", f."Version", f."DealId", NULL, FALSE, f."DueOn"
        FROM companies AS s
        CROSS JOIN LATERAL (SELECT * FROM "FollowUps" AS f WHERE f."CompanyId" = s."Id" AND f."DoneAt" IS NULL
                            ORDER BY f."DueOn", f."Id" LIMIT {LookupApi.FollowUpsShown}) AS f
        """;

    private static string ActivityBranch(CardPart part, string condition, string order, int limit) => $"""
        SELECT {(int)part}, a."CompanyId", a."Id", a."Subject", a."Type", a."Status", NULL, NULL, NULL, NULL, a."StartUtc", a."EndUtc", NULL,
               NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, FALSE, NULL
        FROM companies AS s
        CROSS JOIN LATERAL (SELECT * FROM "Activities" AS a WHERE a."CompanyId" = s."Id" AND a."DeletedAt" IS NULL AND {condition}
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
        var rows = await db.Database.SqlQueryRaw<Row>(Statement,
            new NpgsqlParameter("seesAll", NpgsqlDbType.Boolean) { Value = caller.SeesAll },
            new NpgsqlParameter("me", NpgsqlDbType.Integer) { Value = (object?)caller.UserId ?? DBNull.Value },
            new NpgsqlParameter("shared", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = caller.PublicStatuses.Select(s => s.ToString()).ToArray() },
            new NpgsqlParameter("manager", NpgsqlDbType.Boolean) { Value = caller.Role == UserRole.Manager },
            new NpgsqlParameter("territory", NpgsqlDbType.Integer) { Value = (object?)caller.TerritoryId ?? DBNull.Value },
            new NpgsqlParameter("wanted", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = wanted.ToArray() },
            new NpgsqlParameter("openStages", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = openStages.ToArray() },
            new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = DateTime.SpecifyKind(now, DateTimeKind.Utc) }).ToListAsync();

        var companies = rows.Where(r => r.Part == (int)CardPart.Company).ToDictionary(r => r.CompanyId, r => Company(r, staleBefore));
        var contacts = rows.Where(r => r.Part == Contact).OrderBy(r => r.Id)
            .Select(r => new LookupApi.ContactRow { Email = r.Text4, Email2 = r.Text5, Contact = ContactOf(r, staleBefore), Company = companies[r.CompanyId] })
            .ToList();
        return (contacts, rows.Where(r => r.Part != Contact).Select(Item).ToList());
    }

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
