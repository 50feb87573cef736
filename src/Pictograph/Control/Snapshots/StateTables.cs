using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Pictograph.Data;

namespace Pictograph.Control.Snapshots;

/// <summary>
/// The tables that hold the state, taken from the EF Core model's relational view (table and column names,
/// provider-level types), so an archive is written and read the same way on every provider and follows the
/// model when a migration adds a column. Tables come principals first, so rows can be inserted in order.
/// </summary>
public sealed class StateTables
{
    private StateTables(IReadOnlyList<StateTable> tables) => Tables = tables;

    public IReadOnlyList<StateTable> Tables { get; }

    public static StateTables Of(PictographDb db)
    {
        var relational = db.Model.GetRelationalModel();
        var tables = relational.Tables.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        var ordered = new List<ITable>();
        var placed = new HashSet<ITable>();
        void Place(ITable table, HashSet<ITable> visiting)
        {
            if (placed.Contains(table) || !visiting.Add(table))
            {
                return;
            }

            foreach (var key in table.ForeignKeyConstraints.OrderBy(k => k.Name, StringComparer.Ordinal))
            {
                Place(key.PrincipalTable, visiting);
            }

            placed.Add(table);
            ordered.Add(table);
        }

        foreach (var table in tables)
        {
            Place(table, []);
        }

        return new StateTables([.. ordered.Select(t => new StateTable(
            t.Name,
            [.. t.Columns.Select(c => new StateColumn(c.Name, Nullable.GetUnderlyingType(c.ProviderClrType) ?? c.ProviderClrType, c.IsNullable))]))]);
    }
}

public sealed record StateTable(string Name, IReadOnlyList<StateColumn> Columns);

public sealed record StateColumn(string Name, Type Type, bool IsNullable);
