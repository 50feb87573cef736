using Microsoft.EntityFrameworkCore;

namespace Pictograph.Data.Providers;

/// <summary>
/// The model on PostgreSQL: a context type of its own so that EF Core keeps PostgreSQL's migrations
/// (Data/Migrations/PostgreSql) apart from SQLite's, the documented layout for one model on several providers.
/// </summary>
public sealed class PostgreSqlDb(DbContextOptions<PostgreSqlDb> options) : PictographDb(options);
