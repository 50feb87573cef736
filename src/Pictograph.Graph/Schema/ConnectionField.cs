using System.Text.Json;
using Pictograph.Graph.Execution;
using Pictograph.Graph.Fields;
using Pictograph.Graph.Paging;

namespace Pictograph.Graph.Schema;

internal interface IConnectionField
{
    ConnectionOptions Options { get; }
}

/// <summary>
/// A paged edge. One loader call serves every parent of a level; keyset cursors carry the position so
/// page N costs what page 1 costs and item caps need no count.
/// </summary>
internal sealed class ConnectionField<T, TItem>(string name, NodeType<TItem> target, ConnectionLoader<T, TItem> load, Func<TItem, (long Primary, long Secondary)> sortKey, ConnectionOptions options, Func<T, bool>? appliesTo)
    : GraphField(name), IConnectionField
    where T : class
    where TItem : class
{
    public ConnectionOptions Options => options;

    internal override NodeType Target => target;

    internal override bool IsConnection => true;

    internal override FieldSelection? DefaultChildren => options.ItemDefaults;

    internal override async ValueTask<object?[]?> ResolveAsync(IReadOnlyList<object> parents, BoundField bound, GraphExecutor executor, GraphContext context)
    {
        var args = bound.Paging!;
        var plans = new PagePlan[parents.Count];
        var queries = new List<ConnectionQuery<T>>(parents.Count);
        for (var i = 0; i < parents.Count; i++)
        {
            plans[i] = Plan(parents[i], bound, args, context);
            if (plans[i].Take > 0 && Applies(parents[i]))
            {
                queries.Add(new ConnectionQuery<T>((T)parents[i], plans[i].Request) { Modifiers = bound.Modifiers });
            }
        }

        var pages = queries.Count == 0 ? [] : await load(queries, context).ConfigureAwait(false);
        if (pages.Count != queries.Count)
        {
            throw new InvalidOperationException($"The loader of {bound.Owner.Name}.{Name} answered {pages.Count} pages for {queries.Count} queries.");
        }

        var items = new List<object>();
        var trimmed = new IReadOnlyList<TItem>[parents.Count];
        var hasMore = new bool[parents.Count];
        for (int i = 0, q = 0; i < parents.Count; i++)
        {
            IReadOnlyList<TItem> page = plans[i].Take > 0 && Applies(parents[i]) ? pages[q++] : [];
            hasMore[i] = page.Count > plans[i].Take;
            var kept = page.Take(plans[i].Take).ToList();
            if (plans[i].Request.Backwards)
            {
                kept.Reverse();
            }

            trimmed[i] = kept;
            items.AddRange(kept);
        }

        var nodes = await executor.ResolveNodesAsync(bound.Children!, items, context).ConfigureAwait(false);
        var results = new object?[parents.Count];
        for (int i = 0, n = 0; i < parents.Count; i++)
        {
            var count = trimmed[i].Count;
            results[i] = Finish(parents[i], bound, plans[i], trimmed[i], nodes.Skip(n).Take(count).ToArray(), hasMore[i], context);
            n += count;
        }

        return results;
    }

    private bool Applies(object parent) => appliesTo is null || appliesTo((T)parent);

    private PagePlan Plan(object parent, BoundField bound, ConnectionArguments args, GraphContext context)
    {
        var scope = Scope(parent, bound);
        var after = args.After is null ? (CursorKey?)null : context.Cursors.Decode(scope, args.After, "after");
        var before = args.Before is null ? (CursorKey?)null : context.Cursors.Decode(scope, args.Before, "before");
        var start = after is { } a ? a.Position + 1 : 0;
        var take = args.Limit;
        if (before is { } b)
        {
            take = Math.Min(take, b.Position);
            start = b.Position - take;
        }

        if (options.MaxItems is { } max)
        {
            take = Math.Max(0, Math.Min(take, max - start));
        }

        // Ask one more than needed: its presence says whether another page exists.
        return new PagePlan(scope, start, take, new PageRequest(take + 1, after, before, args.Since, args.Until));
    }

    private ConnectionResult Finish(object parent, BoundField bound, PagePlan plan, IReadOnlyList<TItem> items, NodeResult[] nodes, bool hasMore, GraphContext context)
    {
        if (items.Count == 0)
        {
            return new ConnectionResult(nodes, null, null, null, null);
        }

        var backwards = plan.Request.Backwards;
        var start = backwards ? plan.Request.Before!.Value.Position - items.Count : plan.Start;
        string? first = Cursor(plan.Scope, items[0], start, context);
        var last = Cursor(plan.Scope, items[^1], start + items.Count - 1, context);
        var reachedCap = options.MaxItems is { } max && start + items.Count >= max;
        var moreAfter = backwards || (hasMore && !reachedCap);
        var moreBefore = backwards ? hasMore && start > 0 : plan.Request.After is not null && start > 0;
        if (!options.Links)
        {
            moreAfter = moreBefore = false;
        }

        if (!options.BeforeCursor)
        {
            first = null;
            moreBefore = false;
        }

        var links = new LinkBuilder(context.Links, bound, parent);
        return new ConnectionResult(
            nodes,
            first,
            last,
            moreBefore && first is not null ? links.Url("before", first) : null,
            moreAfter ? links.Url("after", last) : null);
    }

    private string Cursor(string scope, TItem item, int position, GraphContext context)
    {
        var (primary, secondary) = sortKey(item);
        return context.Cursors.Encode(scope, new CursorKey(primary, secondary, position));
    }

    private string Scope(object parent, BoundField bound) =>
        bound.Owner.HasId ? $"{bound.Owner.Name}/{Name}/{bound.Owner.IdOf(parent)}" : $"{bound.Owner.Name}/{Name}";

    internal override void Write(Utf8JsonWriter writer, object parent, object? resolved, BoundField bound, GraphContext context)
    {
        if (!Applies(parent))
        {
            return;
        }

        writer.WritePropertyName(bound.OutputName);
        GraphExecutor.WriteConnection(writer, (ConnectionResult)resolved!, bound, context);
    }

    private readonly record struct PagePlan(string Scope, int Start, int Take, PageRequest Request);
}

/// <summary>One parent's resolved page.</summary>
internal sealed record ConnectionResult(NodeResult[] Items, string? Before, string? After, string? Previous, string? Next)
{
    public bool HasCursors => Before is not null || After is not null;
}
