using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.Internal;
using Npgsql.EntityFrameworkCore.PostgreSQL.Migrations;

namespace Pictograph.Data.Providers;

/// <summary>
/// What PostgreSQL's migrations add to EF Core's DDL, for every table they create, present and future:
/// <list type="bullet">
/// <item>statement triggers that advance a commit counter in the writing transaction (the change stamp, see
/// <see cref="Changes.PostgreSqlChangeStamp"/>): eight counters, picked by backend, so concurrent writers seldom wait
/// on one row; a statement that changes no row advances nothing, so idle job polling keeps kept answers;</item>
/// <item>foreign keys <c>DEFERRABLE INITIALLY IMMEDIATE</c>: checked per statement as usual, and at commit inside a
/// snapshot restore (<c>SET CONSTRAINTS ALL DEFERRED</c>), which loads tables whose rows refer to each other.</item>
/// </list>
/// </summary>
#pragma warning disable EF1001 // Npgsql's generator and options are internal API: subclassing the generator is the documented way to change DDL.
public sealed class PostgreSqlMigrations(MigrationsSqlGeneratorDependencies dependencies, INpgsqlSingletonOptions npgsqlOptions)
    : NpgsqlMigrationsSqlGenerator(dependencies, npgsqlOptions)
#pragma warning restore EF1001
{
    /// <summary>The counters and the trigger function; the first statement of PostgreSQL's first migration.</summary>
    public const string CreateCounters = """
        CREATE TABLE "ChangeCounters" ("Slot" integer PRIMARY KEY, "Value" bigint NOT NULL);
        INSERT INTO "ChangeCounters" SELECT s, 0 FROM generate_series(0, 7) AS s;
        CREATE FUNCTION pictograph_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF EXISTS (SELECT FROM changed) THEN
                UPDATE "ChangeCounters" SET "Value" = "Value" + 1 WHERE "Slot" = pg_backend_pid() % 8;
            END IF;
            RETURN NULL;
        END $$;
        """;

    /// <summary>
    /// Media versions (see <see cref="Rows.VersionedCopies{TKey, TValue}"/>): raised by any update of the row, and by a
    /// comment's insert, update or delete. PostgreSQL fires a row's triggers in name order: "Version_of_Media" comes
    /// after the foreign-key checks ("RI_ConstraintTrigger_…"), so a reply waits for a concurrent deletion of its
    /// parent before it locks the post, instead of each holding what the other needs (a deadlock).
    /// </summary>
    public const string CreateVersionTriggers = """
        CREATE FUNCTION pictograph_media_version() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW."Version" = OLD."Version" THEN
                NEW."Version" := OLD."Version" + 1;
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER "Media_Version" BEFORE UPDATE ON "Media" FOR EACH ROW EXECUTE FUNCTION pictograph_media_version();
        CREATE FUNCTION pictograph_comment_media_version() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP <> 'INSERT' THEN
                UPDATE "Media" SET "Version" = "Version" + 1 WHERE "Id" = OLD."MediaId";
            END IF;
            IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW."MediaId" <> OLD."MediaId") THEN
                UPDATE "Media" SET "Version" = "Version" + 1 WHERE "Id" = NEW."MediaId";
            END IF;
            RETURN NULL;
        END $$;
        CREATE TRIGGER "Version_of_Media" AFTER INSERT OR UPDATE OR DELETE ON "Comments" FOR EACH ROW EXECUTE FUNCTION pictograph_comment_media_version();
        """;

    /// <summary>What the first migration's Down leaves after its tables (and their triggers) are dropped.</summary>
    public const string DropFunctions = """
        DROP FUNCTION pictograph_comment_media_version();
        DROP FUNCTION pictograph_media_version();
        DROP TABLE "ChangeCounters";
        DROP FUNCTION pictograph_changed();
        """;

    public const string ReadStamp = "SELECT sum(\"Value\")::bigint FROM \"ChangeCounters\"";

    protected override void Generate(CreateTableOperation operation, IModel? model, MigrationCommandListBuilder builder, bool terminate = true)
    {
        base.Generate(operation, model, builder, terminate);
        if (operation.Name.StartsWith("__EF", StringComparison.Ordinal))
        {
            // EF Core's own tables (__EFMigrationsHistory, __EFMigrationsLock) are not the state, and come before the function.
            return;
        }

        var table = Dependencies.SqlGenerationHelper.DelimitIdentifier(operation.Name, operation.Schema);
        foreach (var (when, rows) in (ReadOnlySpan<(string, string)>)[("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")])
        {
            var trigger = Dependencies.SqlGenerationHelper.DelimitIdentifier($"{operation.Name}_Changed_{when}");
            builder.AppendLine($"CREATE TRIGGER {trigger} AFTER {when} ON {table} REFERENCING {rows} TABLE AS changed")
                .AppendLine("FOR EACH STATEMENT EXECUTE FUNCTION pictograph_changed();");
            EndStatement(builder);
        }
    }

    protected override void ForeignKeyConstraint(AddForeignKeyOperation operation, IModel? model, MigrationCommandListBuilder builder)
    {
        base.ForeignKeyConstraint(operation, model, builder);
        builder.Append(" DEFERRABLE INITIALLY IMMEDIATE");
    }
}
