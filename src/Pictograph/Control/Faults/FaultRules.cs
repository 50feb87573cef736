using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Pictograph.Control.Faults;

/// <summary>A rule with how often it fired and how many matches it has left.</summary>
public sealed record ActiveFault(FaultRule Rule, int? Remaining, long Hits);

/// <summary>
/// The active fault rules, in the order they were added: the first that matches a request (and wins its draw,
/// when it has a probability) applies. A rule with <c>times</c> is spent, and removed, after that many.
/// </summary>
public sealed class FaultRules
{
    private readonly Lock _gate = new();
    private readonly List<Entry> _rules = [];
    private readonly Random _random;
    private long _nextId;
    private volatile int _count;
    private volatile bool _anyNeedsCaller;

    public FaultRules(IOptions<FaultOptions> options)
    {
        _random = options.Value.FaultSeed is { } seed ? new Random(seed) : new Random();
    }

    public bool IsEmpty => _count == 0;

    /// <summary>Whether any rule matches by app, user or token (the Graph stage has nothing to do otherwise).</summary>
    public bool AnyNeedsCaller => _anyNeedsCaller;

    /// <summary>Adds every rule, or none when any has a mistake; returns the mistakes (each with the rule's index).</summary>
    public IReadOnlyList<string> AddAll(IEnumerable<JsonElement> rules) => TryAdd([.. rules], indexed: true, out _);

    /// <summary>Adds the rules (all or none); <paramref name="indexed"/> prefixes each mistake with its rule's index.</summary>
    public IReadOnlyList<string> TryAdd(IReadOnlyList<JsonElement> rules, bool indexed, out IReadOnlyList<ActiveFault> added)
    {
        var errors = new List<string>();
        var parsed = new List<FaultRule>();
        lock (_gate)
        {
            var next = _nextId;
            string NewId() => "fault-" + (++next).ToString(CultureInfo.InvariantCulture);
            for (var i = 0; i < rules.Count; i++)
            {
                var at = indexed ? $"[{i.ToString(CultureInfo.InvariantCulture)}]" : "";
                if (FaultRuleParser.Parse(rules[i], at, NewId, errors) is not { } rule)
                {
                    continue;
                }

                if (_rules.Any(r => r.Rule.Id == rule.Id) || parsed.Any(r => r.Id == rule.Id))
                {
                    errors.Add($"{(at.Length == 0 ? "id" : at + ".id")}: a rule with the id '{rule.Id}' exists already");
                    continue;
                }

                parsed.Add(rule);
            }

            if (errors.Count > 0)
            {
                added = [];
                return errors;
            }

            _nextId = next;
            var entries = parsed.Select(r => new Entry(r)).ToList();
            _rules.AddRange(entries);
            Changed();
            added = [.. entries.Select(e => e.Snapshot())];
            return errors;
        }
    }

    public IReadOnlyList<ActiveFault> List()
    {
        lock (_gate)
        {
            return [.. _rules.Select(r => r.Snapshot())];
        }
    }

    public bool Remove(string id)
    {
        lock (_gate)
        {
            var removed = _rules.RemoveAll(r => r.Rule.Id == id) > 0;
            Changed();
            return removed;
        }
    }

    public int Clear()
    {
        lock (_gate)
        {
            var count = _rules.Count;
            _rules.Clear();
            Changed();
            return count;
        }
    }

    /// <summary>
    /// The rule that applies to this request, counted as a hit (and spent when it has no matches left); only
    /// rules that need the caller when <see cref="FaultRequest.Caller"/> is known, and only the others when not,
    /// so no rule applies twice to one request.
    /// </summary>
    public FaultRule? Take(in FaultRequest request)
    {
        if (IsEmpty)
        {
            return null;
        }

        lock (_gate)
        {
            for (var i = 0; i < _rules.Count; i++)
            {
                var entry = _rules[i];
                if (entry.Rule.Match.NeedsCaller != request.Caller is not null || !Matches(entry.Rule.Match, request))
                {
                    continue;
                }

                if (entry.Rule.Probability < 1 && _random.NextDouble() >= entry.Rule.Probability)
                {
                    continue;
                }

                entry.Hits++;
                if (entry.Remaining is { } left)
                {
                    entry.Remaining = left - 1;
                    if (left == 1)
                    {
                        _rules.RemoveAt(i);
                        Changed();
                    }
                }

                return entry.Rule;
            }

            return null;
        }
    }

    private static bool Matches(FaultMatch match, in FaultRequest request)
    {
        if (match.Method is { } method && !string.Equals(method, request.Method, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (match.Host is { } host && !string.Equals(host, request.Host, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(host, request.HostWithPort, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (match.PathPattern is { } pattern && !PathMatches(pattern, request.Path))
        {
            return false;
        }

        if (request.Caller is not { } caller)
        {
            return true;
        }

        return (match.AppId is not { } app || app == caller.AppId)
            && (match.UserId is not { } user || caller.UserIds.Contains(user))
            && (match.Token is not { } token || string.Equals(token, caller.Token, StringComparison.Ordinal));
    }

    private static bool PathMatches(System.Text.RegularExpressions.Regex pattern, string path)
    {
        try
        {
            return pattern.IsMatch(path);
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private void Changed()
    {
        _count = _rules.Count;
        _anyNeedsCaller = _rules.Any(r => r.Rule.Match.NeedsCaller);
    }

    private sealed class Entry(FaultRule rule)
    {
        public FaultRule Rule { get; } = rule;

        public int? Remaining { get; set; } = rule.Times;

        public long Hits { get; set; }

        public ActiveFault Snapshot() => new(Rule, Remaining, Hits);
    }
}
