using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;
using Npgsql;
using Pictograph.Data.Changes;
using Pictograph.Data.Connections;
using Pictograph.Data.Rows;
using Pictograph.Hosting;

namespace Pictograph.Data.Providers;

/// <summary>
/// The data layer of the configured provider behind the same services: <see cref="PictographDb"/> (a request's
/// context), <see cref="IDbContextFactory{PictographDb}"/>, <see cref="IRowReads"/> and <see cref="IChangeStamp"/>.
/// </summary>
public static class DatabaseServices
{
    public static IServiceCollection AddDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration.GetSection($"{PictographOptions.Section}:{nameof(PictographOptions.Database)}")
            .Get<DatabaseOptions>()?.Provider ?? DatabaseProvider.Sqlite;
        return provider == DatabaseProvider.PostgreSql ? services.AddPostgreSql() : services.AddSqlite();
    }

    private static IServiceCollection AddSqlite(this IServiceCollection services)
    {
        services.AddSingleton<SqliteSessionSettings>();
        services.AddSingleton<SqliteWriteTurns>();
        services.AddPooledDbContextFactory<PictographDb>((sp, db) =>
            db.UseSqlite(sp.GetRequiredService<IOptions<PictographOptions>>().Value.DatabaseConnectionString)
                .AddInterceptors(sp.GetRequiredService<SqliteSessionSettings>(), sp.GetRequiredService<SqliteWriteTurns>()));
        // A request's context runs on a borrowed open connection that keeps its prepared statements.
        services.AddSingleton<ConnectionLeases>();
        services.AddScoped<ConnectionLease>();
        services.AddScoped(sp => sp.GetRequiredService<ConnectionLease>().Db);
        services.AddScoped<IRowReads>(sp => new SqliteRowReads(sp.GetRequiredService<ConnectionLease>().Connection));
        services.AddSingleton<SqliteChangeStamp>();
        services.AddSingleton<IChangeStamp>(sp => sp.GetRequiredService<SqliteChangeStamp>());
        return services;
    }

    private static IServiceCollection AddPostgreSql(this IServiceCollection services)
    {
        // One pool of connections for EF Core's contexts and the stamp's reads; Npgsql prepares the statements
        // a connection runs often (Max Auto Prepare) unless the connection string says otherwise.
        services.AddSingleton(sp =>
        {
            var builder = new NpgsqlConnectionStringBuilder(sp.GetRequiredService<IOptions<PictographOptions>>().Value.DatabaseConnectionString);
            if (builder.MaxAutoPrepare == 0)
            {
                builder.MaxAutoPrepare = 64;
            }

            return NpgsqlDataSource.Create(builder);
        });
        services.AddPooledDbContextFactory<PostgreSqlDb>((sp, db) =>
            db.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>())
                .ReplaceService<IMigrationsSqlGenerator, PostgreSqlMigrations>());
        services.AddSingleton<IDbContextFactory<PictographDb>, PostgreSqlContexts>();
        services.AddScoped<PictographDb>(sp => sp.GetRequiredService<IDbContextFactory<PostgreSqlDb>>().CreateDbContext());
        services.AddScoped<IRowReads>(sp => new EfRowReads(sp.GetRequiredService<PictographDb>()));
        services.AddSingleton<IChangeStamp, PostgreSqlChangeStamp>();
        return services;
    }

    /// <summary>PostgreSQL's contexts for everything that asks for the model's.</summary>
    private sealed class PostgreSqlContexts(IDbContextFactory<PostgreSqlDb> contexts) : IDbContextFactory<PictographDb>
    {
        public PictographDb CreateDbContext() => contexts.CreateDbContext();

        public async Task<PictographDb> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
    }
}
