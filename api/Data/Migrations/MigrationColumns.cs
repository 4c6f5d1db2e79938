using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace OutlookCrm.Api.Data.Migrations;

// Column shorthands for the hand-written migrations: no store types, so each provider maps the CLR type.
internal static class MigrationColumns
{
    public static OperationBuilder<AddColumnOperation> Identity<T>(this ColumnsBuilder t) =>
        t.Column<T>(nullable: false)
            .Annotation("Sqlite:Autoincrement", true)
            .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

    public static OperationBuilder<AddColumnOperation> Text(this ColumnsBuilder t, int maxLength, bool nullable = true) =>
        t.Column<string>(maxLength: maxLength, nullable: nullable);

    public static OperationBuilder<AddColumnOperation> Money(this ColumnsBuilder t) =>
        t.Column<decimal>(precision: 18, scale: 2, nullable: false);
}
