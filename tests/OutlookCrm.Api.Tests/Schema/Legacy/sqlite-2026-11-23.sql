CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "Territories" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Territories" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL
);

CREATE TABLE "ProductFamilies" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ProductFamilies" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL
);

CREATE TABLE "ChangeCounters" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ChangeCounters" PRIMARY KEY,
    "Value" INTEGER NOT NULL
);

CREATE TABLE "PipelineStages" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PipelineStages" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "Definition" TEXT NOT NULL,
    "Order" INTEGER NOT NULL,
    "WinProbability" INTEGER NOT NULL,
    "MaxDaysInStage" INTEGER NULL,
    "Kind" TEXT NOT NULL
);

CREATE TABLE "Users" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Users" PRIMARY KEY AUTOINCREMENT,
    "DisplayName" TEXT NOT NULL,
    "Upn" TEXT NOT NULL,
    "EntraObjectId" TEXT NULL,
    "Role" TEXT NOT NULL,
    "TerritoryId" INTEGER NULL,
    "IsActive" INTEGER NOT NULL,
    CONSTRAINT "FK_Users_Territories_TerritoryId" FOREIGN KEY ("TerritoryId") REFERENCES "Territories" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Companies" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Companies" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Category" TEXT NULL,
    "AccountManagerId" INTEGER NULL,
    "TerritoryId" INTEGER NULL,
    "ParentCompanyId" INTEGER NULL,
    "Street" TEXT NULL,
    "PostalCode" TEXT NULL,
    "City" TEXT NULL,
    "Country" TEXT NULL,
    "Phone" TEXT NULL,
    "Website" TEXT NULL,
    "SalesYearToDate" TEXT NOT NULL,
    "SalesLastYear" TEXT NOT NULL,
    "OutstandingAmount" TEXT NOT NULL,
    "LastVerifiedAt" TEXT NULL,
    "ExternalKey" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "DeletedAt" TEXT NULL,
    "Version" INTEGER NOT NULL,
    "ChangeSeq" INTEGER NOT NULL,
    CONSTRAINT "FK_Companies_Users_AccountManagerId" FOREIGN KEY ("AccountManagerId") REFERENCES "Users" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Companies_Territories_TerritoryId" FOREIGN KEY ("TerritoryId") REFERENCES "Territories" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Companies_Companies_ParentCompanyId" FOREIGN KEY ("ParentCompanyId") REFERENCES "Companies" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "CompanyProductFamilies" (
    "CompanyId" INTEGER NOT NULL,
    "ProductFamilyId" INTEGER NOT NULL,
    CONSTRAINT "PK_CompanyProductFamilies" PRIMARY KEY ("CompanyId", "ProductFamilyId"),
    CONSTRAINT "FK_CompanyProductFamilies_Companies_CompanyId" FOREIGN KEY ("CompanyId") REFERENCES "Companies" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_CompanyProductFamilies_ProductFamilies_ProductFamilyId" FOREIGN KEY ("ProductFamilyId") REFERENCES "ProductFamilies" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Contacts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Contacts" PRIMARY KEY AUTOINCREMENT,
    "CompanyId" INTEGER NOT NULL,
    "FirstName" TEXT NULL,
    "LastName" TEXT NOT NULL,
    "JobTitle" TEXT NULL,
    "Email" TEXT NULL,
    "Email2" TEXT NULL,
    "Phone" TEXT NULL,
    "Mobile" TEXT NULL,
    "ReportsToId" INTEGER NULL,
    "IsPrescriber" INTEGER NOT NULL,
    "LastVerifiedAt" TEXT NULL,
    "ExternalKey" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "DeletedAt" TEXT NULL,
    "Version" INTEGER NOT NULL,
    "ChangeSeq" INTEGER NOT NULL,
    CONSTRAINT "FK_Contacts_Companies_CompanyId" FOREIGN KEY ("CompanyId") REFERENCES "Companies" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Contacts_Contacts_ReportsToId" FOREIGN KEY ("ReportsToId") REFERENCES "Contacts" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Deals" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Deals" PRIMARY KEY AUTOINCREMENT,
    "CompanyId" INTEGER NOT NULL,
    "Title" TEXT NOT NULL,
    "Amount" TEXT NOT NULL,
    "ProductFamilyId" INTEGER NULL,
    "StageId" INTEGER NOT NULL,
    "StageEnteredAt" TEXT NOT NULL,
    "ExpectedClose" TEXT NULL,
    "OwnerId" INTEGER NOT NULL,
    "PrescriberContactId" INTEGER NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "ClosedAt" TEXT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_Deals_Companies_CompanyId" FOREIGN KEY ("CompanyId") REFERENCES "Companies" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Deals_ProductFamilies_ProductFamilyId" FOREIGN KEY ("ProductFamilyId") REFERENCES "ProductFamilies" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Deals_PipelineStages_StageId" FOREIGN KEY ("StageId") REFERENCES "PipelineStages" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Deals_Users_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "Users" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Deals_Contacts_PrescriberContactId" FOREIGN KEY ("PrescriberContactId") REFERENCES "Contacts" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "DealStageChanges" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DealStageChanges" PRIMARY KEY AUTOINCREMENT,
    "DealId" INTEGER NOT NULL,
    "FromStageId" INTEGER NULL,
    "ToStageId" INTEGER NOT NULL,
    "ChangedAt" TEXT NOT NULL,
    "ChangedById" INTEGER NOT NULL,
    CONSTRAINT "FK_DealStageChanges_Deals_DealId" FOREIGN KEY ("DealId") REFERENCES "Deals" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_DealStageChanges_PipelineStages_FromStageId" FOREIGN KEY ("FromStageId") REFERENCES "PipelineStages" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_DealStageChanges_PipelineStages_ToStageId" FOREIGN KEY ("ToStageId") REFERENCES "PipelineStages" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_DealStageChanges_Users_ChangedById" FOREIGN KEY ("ChangedById") REFERENCES "Users" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Activities" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Activities" PRIMARY KEY AUTOINCREMENT,
    "Type" TEXT NOT NULL,
    "Subject" TEXT NOT NULL,
    "StartUtc" TEXT NOT NULL,
    "EndUtc" TEXT NULL,
    "TimeZone" TEXT NOT NULL,
    "CompanyId" INTEGER NOT NULL,
    "DealId" INTEGER NULL,
    "OwnerId" INTEGER NOT NULL,
    "PreviousOwnerId" INTEGER NULL,
    "Status" TEXT NOT NULL,
    "Outcome" TEXT NULL,
    "Details" TEXT NULL,
    "Location" TEXT NULL,
    "OutlookEventId" TEXT NULL,
    "OutlookICalUId" TEXT NULL,
    "InternetMessageId" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "ClosedAt" TEXT NULL,
    "DeletedAt" TEXT NULL,
    "Version" INTEGER NOT NULL,
    "ChangeSeq" INTEGER NOT NULL,
    CONSTRAINT "FK_Activities_Companies_CompanyId" FOREIGN KEY ("CompanyId") REFERENCES "Companies" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Activities_Deals_DealId" FOREIGN KEY ("DealId") REFERENCES "Deals" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Activities_Users_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "Users" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ActivityContacts" (
    "ActivityId" INTEGER NOT NULL,
    "ContactId" INTEGER NOT NULL,
    CONSTRAINT "PK_ActivityContacts" PRIMARY KEY ("ActivityId", "ContactId"),
    CONSTRAINT "FK_ActivityContacts_Activities_ActivityId" FOREIGN KEY ("ActivityId") REFERENCES "Activities" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ActivityContacts_Contacts_ContactId" FOREIGN KEY ("ContactId") REFERENCES "Contacts" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Notes" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Notes" PRIMARY KEY AUTOINCREMENT,
    "CompanyId" INTEGER NOT NULL,
    "ActivityId" INTEGER NULL,
    "DealId" INTEGER NULL,
    "AuthorId" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "HasAudio" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_Notes_Companies_CompanyId" FOREIGN KEY ("CompanyId") REFERENCES "Companies" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Notes_Activities_ActivityId" FOREIGN KEY ("ActivityId") REFERENCES "Activities" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Notes_Deals_DealId" FOREIGN KEY ("DealId") REFERENCES "Deals" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Notes_Users_AuthorId" FOREIGN KEY ("AuthorId") REFERENCES "Users" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "NoteAudios" (
    "NoteId" INTEGER NOT NULL CONSTRAINT "PK_NoteAudios" PRIMARY KEY,
    "ContentType" TEXT NOT NULL,
    "Data" BLOB NOT NULL,
    CONSTRAINT "FK_NoteAudios_Notes_NoteId" FOREIGN KEY ("NoteId") REFERENCES "Notes" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Objectives" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Objectives" PRIMARY KEY AUTOINCREMENT,
    "UserId" INTEGER NULL,
    "TerritoryId" INTEGER NULL,
    "PeriodStart" TEXT NOT NULL,
    "PeriodEnd" TEXT NOT NULL,
    "RevenueTarget" TEXT NOT NULL,
    "VisitsTarget" INTEGER NULL,
    CONSTRAINT "FK_Objectives_Users_UserId" FOREIGN KEY ("UserId") REFERENCES "Users" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Objectives_Territories_TerritoryId" FOREIGN KEY ("TerritoryId") REFERENCES "Territories" ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_Territories_Name" ON "Territories" ("Name");

CREATE UNIQUE INDEX "IX_ProductFamilies_Name" ON "ProductFamilies" ("Name");

CREATE UNIQUE INDEX "IX_PipelineStages_Name" ON "PipelineStages" ("Name");

CREATE UNIQUE INDEX "IX_Users_EntraObjectId" ON "Users" ("EntraObjectId");

CREATE UNIQUE INDEX "IX_Users_Upn" ON "Users" ("Upn");

CREATE INDEX "IX_Users_TerritoryId" ON "Users" ("TerritoryId");

CREATE INDEX "IX_Companies_ChangeSeq" ON "Companies" ("ChangeSeq");

CREATE INDEX "IX_Companies_Name" ON "Companies" ("Name");

CREATE INDEX "IX_Companies_Phone" ON "Companies" ("Phone");

CREATE INDEX "IX_Companies_ExternalKey" ON "Companies" ("ExternalKey");

CREATE INDEX "IX_Companies_AccountManagerId_Status" ON "Companies" ("AccountManagerId", "Status");

CREATE INDEX "IX_Companies_TerritoryId_Status" ON "Companies" ("TerritoryId", "Status");

CREATE INDEX "IX_Companies_ParentCompanyId" ON "Companies" ("ParentCompanyId");

CREATE INDEX "IX_CompanyProductFamilies_ProductFamilyId" ON "CompanyProductFamilies" ("ProductFamilyId");

CREATE INDEX "IX_Contacts_ChangeSeq" ON "Contacts" ("ChangeSeq");

CREATE INDEX "IX_Contacts_CompanyId" ON "Contacts" ("CompanyId");

CREATE INDEX "IX_Contacts_Email" ON "Contacts" ("Email");

CREATE INDEX "IX_Contacts_Email2" ON "Contacts" ("Email2");

CREATE INDEX "IX_Contacts_LastName" ON "Contacts" ("LastName");

CREATE INDEX "IX_Contacts_Phone" ON "Contacts" ("Phone");

CREATE INDEX "IX_Contacts_Mobile" ON "Contacts" ("Mobile");

CREATE INDEX "IX_Contacts_ExternalKey" ON "Contacts" ("ExternalKey");

CREATE INDEX "IX_Contacts_ReportsToId" ON "Contacts" ("ReportsToId");

CREATE INDEX "IX_Deals_CompanyId_StageId" ON "Deals" ("CompanyId", "StageId");

CREATE INDEX "IX_Deals_OwnerId_StageId" ON "Deals" ("OwnerId", "StageId");

CREATE INDEX "IX_Deals_ProductFamilyId" ON "Deals" ("ProductFamilyId");

CREATE INDEX "IX_Deals_StageId" ON "Deals" ("StageId");

CREATE INDEX "IX_Deals_PrescriberContactId" ON "Deals" ("PrescriberContactId");

CREATE INDEX "IX_DealStageChanges_DealId_ChangedAt" ON "DealStageChanges" ("DealId", "ChangedAt");

CREATE INDEX "IX_DealStageChanges_FromStageId" ON "DealStageChanges" ("FromStageId");

CREATE INDEX "IX_DealStageChanges_ToStageId" ON "DealStageChanges" ("ToStageId");

CREATE INDEX "IX_DealStageChanges_ChangedById" ON "DealStageChanges" ("ChangedById");

CREATE INDEX "IX_Activities_ChangeSeq" ON "Activities" ("ChangeSeq");

CREATE INDEX "IX_Activities_CompanyId_StartUtc" ON "Activities" ("CompanyId", "StartUtc");

CREATE INDEX "IX_Activities_OwnerId_StartUtc" ON "Activities" ("OwnerId", "StartUtc");

CREATE INDEX "IX_Activities_DealId" ON "Activities" ("DealId");

CREATE UNIQUE INDEX "IX_Activities_OwnerId_OutlookICalUId" ON "Activities" ("OwnerId", "OutlookICalUId");

CREATE UNIQUE INDEX "IX_Activities_OwnerId_InternetMessageId" ON "Activities" ("OwnerId", "InternetMessageId");

CREATE INDEX "IX_ActivityContacts_ContactId" ON "ActivityContacts" ("ContactId");

CREATE INDEX "IX_Notes_CompanyId_CreatedAt" ON "Notes" ("CompanyId", "CreatedAt");

CREATE INDEX "IX_Notes_ActivityId" ON "Notes" ("ActivityId");

CREATE INDEX "IX_Notes_DealId" ON "Notes" ("DealId");

CREATE INDEX "IX_Notes_AuthorId" ON "Notes" ("AuthorId");

CREATE INDEX "IX_Objectives_UserId_PeriodStart" ON "Objectives" ("UserId", "PeriodStart");

CREATE INDEX "IX_Objectives_TerritoryId_PeriodStart" ON "Objectives" ("TerritoryId", "PeriodStart");

INSERT INTO "ChangeCounters" ("Id", "Value") VALUES (1, 0);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122000000_Initial', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE INDEX "IX_Activities_Report" ON "Activities" ("OwnerId", "StartUtc", "Status", "Type", "CompanyId", "DeletedAt", "EndUtc");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123110000_ReportIndex', '10.0.15');

COMMIT;


