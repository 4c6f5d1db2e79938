using Microsoft.EntityFrameworkCore.Migrations;

namespace OutlookCrm.Api.Data.Migrations;

internal static class InitialIndexes
{
    public static void Up(MigrationBuilder b)
    {
        void Index(string table, string[] columns, bool unique = false) =>
            b.CreateIndex($"IX_{table}_{string.Join('_', columns)}", table, columns, unique: unique);

        Index("Territories", ["Name"], unique: true);
        Index("ProductFamilies", ["Name"], unique: true);
        Index("PipelineStages", ["Name"], unique: true);
        Index("Users", ["EntraObjectId"], unique: true);
        Index("Users", ["Upn"], unique: true);
        Index("Users", ["TerritoryId"]);
        Index("Companies", ["ChangeSeq"]);
        Index("Companies", ["Name"]);
        Index("Companies", ["Phone"]);
        Index("Companies", ["ExternalKey"]);
        Index("Companies", ["AccountManagerId", "Status"]);
        Index("Companies", ["TerritoryId", "Status"]);
        Index("Companies", ["ParentCompanyId"]);
        Index("CompanyProductFamilies", ["ProductFamilyId"]);
        Index("Contacts", ["ChangeSeq"]);
        Index("Contacts", ["CompanyId"]);
        Index("Contacts", ["Email"]);
        Index("Contacts", ["Email2"]);
        Index("Contacts", ["LastName"]);
        Index("Contacts", ["Phone"]);
        Index("Contacts", ["Mobile"]);
        Index("Contacts", ["ExternalKey"]);
        Index("Contacts", ["ReportsToId"]);
        Index("Deals", ["CompanyId", "StageId"]);
        Index("Deals", ["OwnerId", "StageId"]);
        Index("Deals", ["ProductFamilyId"]);
        Index("Deals", ["StageId"]);
        Index("Deals", ["PrescriberContactId"]);
        Index("DealStageChanges", ["DealId", "ChangedAt"]);
        Index("DealStageChanges", ["FromStageId"]);
        Index("DealStageChanges", ["ToStageId"]);
        Index("DealStageChanges", ["ChangedById"]);
        Index("Activities", ["ChangeSeq"]);
        Index("Activities", ["CompanyId", "StartUtc"]);
        Index("Activities", ["OwnerId", "StartUtc"]);
        Index("Activities", ["DealId"]);
        Index("Activities", ["OwnerId", "OutlookICalUId"], unique: true);
        Index("Activities", ["OwnerId", "InternetMessageId"], unique: true);
        Index("ActivityContacts", ["ContactId"]);
        Index("Notes", ["CompanyId", "CreatedAt"]);
        Index("Notes", ["ActivityId"]);
        Index("Notes", ["DealId"]);
        Index("Notes", ["AuthorId"]);
        Index("Objectives", ["UserId", "PeriodStart"]);
        Index("Objectives", ["TerritoryId", "PeriodStart"]);
    }
}
