using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using static OutlookCrm.Api.Data.CrmModel;

namespace OutlookCrm.Api.Data.Migrations;

[DbContext(typeof(CrmDbContext))]
[Migration("20261122000000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable("Territories", t => new { Id = t.Identity<int>(), Name = t.Text(Name, false) },
            constraints: t => t.PrimaryKey("PK_Territories", x => x.Id));
        b.CreateTable("ProductFamilies", t => new { Id = t.Identity<int>(), Name = t.Text(Name, false) },
            constraints: t => t.PrimaryKey("PK_ProductFamilies", x => x.Id));
        b.CreateTable("ChangeCounters", t => new { Id = t.Column<int>(nullable: false), Value = t.Column<long>(nullable: false) },
            constraints: t => t.PrimaryKey("PK_ChangeCounters", x => x.Id));
        b.CreateTable("PipelineStages", t => new
        {
            Id = t.Identity<int>(),
            Name = t.Text(Short * 2, false),
            Definition = t.Text(Text, false),
            Order = t.Column<int>(nullable: false),
            WinProbability = t.Column<int>(nullable: false),
            MaxDaysInStage = t.Column<int>(nullable: true),
            Kind = t.Text(Short, false),
        }, constraints: t => t.PrimaryKey("PK_PipelineStages", x => x.Id));
        b.CreateTable("Users", t => new
        {
            Id = t.Identity<int>(),
            DisplayName = t.Text(Name, false),
            Upn = t.Text(Email, false),
            EntraObjectId = t.Text(Short),
            Role = t.Text(Short, false),
            TerritoryId = t.Column<int>(nullable: true),
            IsActive = t.Column<bool>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Users", x => x.Id);
            t.ForeignKey("FK_Users_Territories_TerritoryId", x => x.TerritoryId, "Territories", "Id", onDelete: ReferentialAction.Restrict);
        });
        b.CreateTable("Companies", t => new
        {
            Id = t.Identity<long>(),
            Name = t.Text(Name, false),
            Status = t.Text(Short, false),
            Category = t.Text(Short),
            AccountManagerId = t.Column<int>(nullable: true),
            TerritoryId = t.Column<int>(nullable: true),
            ParentCompanyId = t.Column<long>(nullable: true),
            Street = t.Text(Name),
            PostalCode = t.Text(Short),
            City = t.Text(Name),
            Country = t.Text(Name),
            Phone = t.Text(Short),
            Website = t.Text(Name),
            SalesYearToDate = t.Money(),
            SalesLastYear = t.Money(),
            OutstandingAmount = t.Money(),
            LastVerifiedAt = t.Column<DateTime>(nullable: true),
            ExternalKey = t.Text(Name),
            CreatedAt = t.Column<DateTime>(nullable: false),
            UpdatedAt = t.Column<DateTime>(nullable: false),
            DeletedAt = t.Column<DateTime>(nullable: true),
            Version = t.Column<int>(nullable: false),
            ChangeSeq = t.Column<long>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Companies", x => x.Id);
            t.ForeignKey("FK_Companies_Users_AccountManagerId", x => x.AccountManagerId, "Users", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Companies_Territories_TerritoryId", x => x.TerritoryId, "Territories", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Companies_Companies_ParentCompanyId", x => x.ParentCompanyId, "Companies", "Id", onDelete: ReferentialAction.Restrict);
        });
        b.CreateTable("CompanyProductFamilies", t => new
        {
            CompanyId = t.Column<long>(nullable: false),
            ProductFamilyId = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_CompanyProductFamilies", x => new { x.CompanyId, x.ProductFamilyId });
            t.ForeignKey("FK_CompanyProductFamilies_Companies_CompanyId", x => x.CompanyId, "Companies", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_CompanyProductFamilies_ProductFamilies_ProductFamilyId", x => x.ProductFamilyId, "ProductFamilies", "Id", onDelete: ReferentialAction.Restrict);
        });
        b.CreateTable("Contacts", t => new
        {
            Id = t.Identity<long>(),
            CompanyId = t.Column<long>(nullable: false),
            FirstName = t.Text(Name),
            LastName = t.Text(Name, false),
            JobTitle = t.Text(Name),
            Email = t.Text(CrmModel.Email),
            Email2 = t.Text(CrmModel.Email),
            Phone = t.Text(Short),
            Mobile = t.Text(Short),
            ReportsToId = t.Column<long>(nullable: true),
            IsPrescriber = t.Column<bool>(nullable: false),
            LastVerifiedAt = t.Column<DateTime>(nullable: true),
            ExternalKey = t.Text(Name),
            CreatedAt = t.Column<DateTime>(nullable: false),
            UpdatedAt = t.Column<DateTime>(nullable: false),
            DeletedAt = t.Column<DateTime>(nullable: true),
            Version = t.Column<int>(nullable: false),
            ChangeSeq = t.Column<long>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Contacts", x => x.Id);
            t.ForeignKey("FK_Contacts_Companies_CompanyId", x => x.CompanyId, "Companies", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Contacts_Contacts_ReportsToId", x => x.ReportsToId, "Contacts", "Id", onDelete: ReferentialAction.Restrict);
        });
        InitialPipeline.Up(b);
        InitialIndexes.Up(b);
        // Plain SQL: without a model snapshot InsertData cannot infer column types.
        b.Sql("INSERT INTO \"ChangeCounters\" (\"Id\", \"Value\") VALUES (1, 0);");
    }

    protected override void Down(MigrationBuilder b)
    {
        foreach (var table in new[] { "Objectives", "DealStageChanges", "NoteAudios", "Notes", "ActivityContacts", "Activities",
                     "Deals", "Contacts", "CompanyProductFamilies", "Companies", "Users", "PipelineStages", "ChangeCounters",
                     "ProductFamilies", "Territories" })
            b.DropTable(table);
    }
}
