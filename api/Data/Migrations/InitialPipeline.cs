using Microsoft.EntityFrameworkCore.Migrations;
using static OutlookCrm.Api.Data.CrmModel;

namespace OutlookCrm.Api.Data.Migrations;

// Second half of the initial migration: deals, activities, notes, objectives.
internal static class InitialPipeline
{
    public static void Up(MigrationBuilder b)
    {
        b.CreateTable("Deals", t => new
        {
            Id = t.Identity<long>(),
            CompanyId = t.Column<long>(nullable: false),
            Title = t.Text(Name, false),
            Amount = t.Money(),
            ProductFamilyId = t.Column<int>(nullable: true),
            StageId = t.Column<int>(nullable: false),
            StageEnteredAt = t.Column<DateTime>(nullable: false),
            ExpectedClose = t.Column<DateOnly>(nullable: true),
            OwnerId = t.Column<int>(nullable: false),
            PrescriberContactId = t.Column<long>(nullable: true),
            CreatedAt = t.Column<DateTime>(nullable: false),
            UpdatedAt = t.Column<DateTime>(nullable: false),
            ClosedAt = t.Column<DateTime>(nullable: true),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Deals", x => x.Id);
            t.ForeignKey("FK_Deals_Companies_CompanyId", x => x.CompanyId, "Companies", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Deals_ProductFamilies_ProductFamilyId", x => x.ProductFamilyId, "ProductFamilies", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Deals_PipelineStages_StageId", x => x.StageId, "PipelineStages", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Deals_Users_OwnerId", x => x.OwnerId, "Users", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Deals_Contacts_PrescriberContactId", x => x.PrescriberContactId, "Contacts", "Id", onDelete: ReferentialAction.Restrict);
        });
        b.CreateTable("DealStageChanges", t => new
        {
            Id = t.Identity<long>(),
            DealId = t.Column<long>(nullable: false),
            FromStageId = t.Column<int>(nullable: true),
            ToStageId = t.Column<int>(nullable: false),
            ChangedAt = t.Column<DateTime>(nullable: false),
            ChangedById = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_DealStageChanges", x => x.Id);
            t.ForeignKey("FK_DealStageChanges_Deals_DealId", x => x.DealId, "Deals", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_DealStageChanges_PipelineStages_FromStageId", x => x.FromStageId, "PipelineStages", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_DealStageChanges_PipelineStages_ToStageId", x => x.ToStageId, "PipelineStages", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_DealStageChanges_Users_ChangedById", x => x.ChangedById, "Users", "Id", onDelete: ReferentialAction.Restrict);
        });
        b.CreateTable("Activities", t => new
        {
            Id = t.Identity<long>(),
            Type = t.Text(Short, false),
            Subject = t.Text(Name, false),
            StartUtc = t.Column<DateTime>(nullable: false),
            EndUtc = t.Column<DateTime>(nullable: true),
            TimeZone = t.Text(Short * 2, false),
            CompanyId = t.Column<long>(nullable: false),
            DealId = t.Column<long>(nullable: true),
            OwnerId = t.Column<int>(nullable: false),
            PreviousOwnerId = t.Column<int>(nullable: true),
            Status = t.Text(Short, false),
            Outcome = t.Text(Text),
            Details = t.Text(Long),
            Location = t.Text(Name),
            OutlookEventId = t.Text(Name * 2),
            OutlookICalUId = t.Text(Name * 2),
            InternetMessageId = t.Text(Name * 2),
            CreatedAt = t.Column<DateTime>(nullable: false),
            UpdatedAt = t.Column<DateTime>(nullable: false),
            ClosedAt = t.Column<DateTime>(nullable: true),
            DeletedAt = t.Column<DateTime>(nullable: true),
            Version = t.Column<int>(nullable: false),
            ChangeSeq = t.Column<long>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Activities", x => x.Id);
            t.ForeignKey("FK_Activities_Companies_CompanyId", x => x.CompanyId, "Companies", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Activities_Deals_DealId", x => x.DealId, "Deals", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Activities_Users_OwnerId", x => x.OwnerId, "Users", "Id", onDelete: ReferentialAction.Restrict);
        });
        b.CreateTable("ActivityContacts", t => new
        {
            ActivityId = t.Column<long>(nullable: false),
            ContactId = t.Column<long>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ActivityContacts", x => new { x.ActivityId, x.ContactId });
            t.ForeignKey("FK_ActivityContacts_Activities_ActivityId", x => x.ActivityId, "Activities", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_ActivityContacts_Contacts_ContactId", x => x.ContactId, "Contacts", "Id", onDelete: ReferentialAction.Restrict);
        });
        b.CreateTable("Notes", t => new
        {
            Id = t.Identity<long>(),
            CompanyId = t.Column<long>(nullable: false),
            ActivityId = t.Column<long>(nullable: true),
            DealId = t.Column<long>(nullable: true),
            AuthorId = t.Column<int>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            Text = t.Text(Long, false),
            HasAudio = t.Column<bool>(nullable: false),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Notes", x => x.Id);
            t.ForeignKey("FK_Notes_Companies_CompanyId", x => x.CompanyId, "Companies", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Notes_Activities_ActivityId", x => x.ActivityId, "Activities", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Notes_Deals_DealId", x => x.DealId, "Deals", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Notes_Users_AuthorId", x => x.AuthorId, "Users", "Id", onDelete: ReferentialAction.Restrict);
        });
        b.CreateTable("NoteAudios", t => new
        {
            NoteId = t.Column<long>(nullable: false),
            ContentType = t.Text(Short * 2, false),
            Data = t.Column<byte[]>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_NoteAudios", x => x.NoteId);
            t.ForeignKey("FK_NoteAudios_Notes_NoteId", x => x.NoteId, "Notes", "Id", onDelete: ReferentialAction.Cascade);
        });
        b.CreateTable("Objectives", t => new
        {
            Id = t.Identity<long>(),
            UserId = t.Column<int>(nullable: true),
            TerritoryId = t.Column<int>(nullable: true),
            PeriodStart = t.Column<DateOnly>(nullable: false),
            PeriodEnd = t.Column<DateOnly>(nullable: false),
            RevenueTarget = t.Money(),
            VisitsTarget = t.Column<int>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Objectives", x => x.Id);
            t.ForeignKey("FK_Objectives_Users_UserId", x => x.UserId, "Users", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Objectives_Territories_TerritoryId", x => x.TerritoryId, "Territories", "Id", onDelete: ReferentialAction.Restrict);
        });
    }
}
