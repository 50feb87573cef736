using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Pictograph.Graph.Execution;
using Pictograph.Graph.Paging;

namespace Pictograph.Data;

/// <summary>
/// Keyset paging over an ordered pair of long columns: a page is one index range scan from the cursor,
/// so its cost does not grow with its position. Pages of several parents are one UNION ALL statement.
/// </summary>
public sealed class Keyset<T>(Expression<Func<T, long>> primary, Expression<Func<T, long>> secondary, bool descending)
    where T : class
{
    private const int ParentsPerStatement = 50;
    private readonly Func<T, long> _primary = primary.Compile();
    private readonly Func<T, long> _secondary = secondary.Compile();

    /// <summary>The items of one page, nearest the cursor first, limited to <see cref="PageRequest.Take"/>.</summary>
    public IQueryable<T> Page(IQueryable<T> query, PageRequest page)
    {
        // Walking forward through a descending list means smaller keys; walking back means larger ones.
        var towardsSmaller = descending != page.Backwards;
        if ((page.After ?? page.Before) is { } cursor)
        {
            query = query.Where(Beyond(cursor, towardsSmaller));
        }

        var ordered = query.Expression;
        ordered = OrderCall(ordered, towardsSmaller ? nameof(Queryable.OrderByDescending) : nameof(Queryable.OrderBy), primary);
        ordered = OrderCall(ordered, towardsSmaller ? nameof(Queryable.ThenByDescending) : nameof(Queryable.ThenBy), secondary);
        return query.Provider.CreateQuery<T>(ordered).Take(page.Take);
    }

    /// <summary>
    /// The key column itself: an int key is widened to long for the cursor, and ordering or comparing that
    /// widening would be a CAST in SQL, which no index serves (SQLite sorted every carousel's children).
    /// </summary>
    private static Expression Column(Expression key) =>
        key is UnaryExpression { NodeType: ExpressionType.Convert } widened ? widened.Operand : key;

    private static MethodCallExpression OrderCall(Expression source, string method, Expression<Func<T, long>> key)
    {
        var column = Column(key.Body);
        return Expression.Call(typeof(Queryable), method, [typeof(T), column.Type], source, Expression.Quote(Expression.Lambda(column, key.Parameters)));
    }

    /// <summary>Loads the page of every query, grouping them back by parent.</summary>
    public async Task<IReadOnlyList<IReadOnlyList<T>>> LoadAsync<TParent>(
        IReadOnlyList<ConnectionQuery<TParent>> queries,
        Func<ConnectionQuery<TParent>, IQueryable<T>> itemsOf,
        Func<T, long> parentKeyOfItem,
        Func<TParent, long> parentKey,
        GraphContext context)
    {
        var items = new List<T>();
        foreach (var chunk in queries.Chunk(ParentsPerStatement))
        {
            IQueryable<T>? union = null;
            foreach (var query in chunk)
            {
                var page = Page(itemsOf(query), query.Page);
                union = union is null ? page : union.Concat(page);
            }

            items.AddRange(await union!.AsNoTracking().ToListAsync(context.CancellationToken).ConfigureAwait(false));
        }

        return ByParent(queries, items, parentKeyOfItem, parentKey);
    }

    /// <summary>
    /// The limit shared by a level whose every page is a first page without a time window, or null. Such a level
    /// is the usual nested expansion, and one fixed statement can load all its pages (see Rows/).
    /// </summary>
    public static int? SharedFirstPageTake<TParent>(IReadOnlyList<ConnectionQuery<TParent>> queries)
    {
        if (queries.Count == 0)
        {
            return null;
        }

        var take = queries[0].Page.Take;
        return queries.All(q => q.Page is { After: null, Before: null, Since: null, Until: null } && q.Page.Take == take) ? take : null;
    }

    /// <summary>A level's items grouped back by parent, each page in its order (a UNION ALL or a join keeps none).</summary>
    public IReadOnlyList<IReadOnlyList<T>> ByParent<TParent>(
        IReadOnlyList<ConnectionQuery<TParent>> queries,
        IEnumerable<T> items,
        Func<T, long> parentKeyOfItem,
        Func<TParent, long> parentKey)
    {
        var byParent = new Dictionary<long, List<T>>();
        foreach (var item in items)
        {
            var key = parentKeyOfItem(item);
            if (!byParent.TryGetValue(key, out var list))
            {
                byParent[key] = list = [];
            }

            list.Add(item);
        }

        return [.. queries.Select(q => (IReadOnlyList<T>)Ordered(byParent.GetValueOrDefault(parentKey(q.Parent)) ?? [], q.Page))];
    }

    private List<T> Ordered(List<T> items, PageRequest page)
    {
        var towardsSmaller = descending != page.Backwards;
        return towardsSmaller
            ? [.. items.OrderByDescending(_primary).ThenByDescending(_secondary)]
            : [.. items.OrderBy(_primary).ThenBy(_secondary)];
    }

    private Expression<Func<T, bool>> Beyond(CursorKey cursor, bool towardsSmaller)
    {
        var item = Expression.Parameter(typeof(T), "item");
        var p = Column(ReplacingExpressionVisitor.Replace(primary.Parameters[0], item, primary.Body));
        var s = Column(ReplacingExpressionVisitor.Replace(secondary.Parameters[0], item, secondary.Body));
        var cp = Constant(cursor.Primary, p.Type);
        var cs = Constant(cursor.Secondary, s.Type);
        // (p, s) beyond (cp, cs), written so the index range on p is usable: p ≤ cp AND (p < cp OR s < cs).
        Expression body = towardsSmaller
            ? Expression.AndAlso(Expression.LessThanOrEqual(p, cp), Expression.OrElse(Expression.LessThan(p, cp), Expression.LessThan(s, cs)))
            : Expression.AndAlso(Expression.GreaterThanOrEqual(p, cp), Expression.OrElse(Expression.GreaterThan(p, cp), Expression.GreaterThan(s, cs)));
        return Expression.Lambda<Func<T, bool>>(body, item);
    }

    // Parameterised (not inlined) so SQLite reuses one prepared plan per shape; narrowed to the column's
    // type on this side, so the column is compared as it is stored.
    private static Expression Constant(long value, Type column)
    {
        var parameter = ((Expression<Func<long>>)(() => value)).Body;
        return column == typeof(long) ? parameter : Expression.Convert(parameter, column);
    }
}
