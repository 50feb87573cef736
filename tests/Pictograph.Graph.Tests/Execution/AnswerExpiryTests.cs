using Pictograph.Graph.Tests.Fixtures;

namespace Pictograph.Graph.Tests.Execution;

/// <summary>The context remembers the earliest time any part of an answer said it stops holding.</summary>
public sealed class AnswerExpiryTests
{
    private static readonly DateTimeOffset Noon = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_answer_no_part_of_which_reads_the_clock_has_no_expiry()
    {
        Assert.Null(TestGraph.Context().AnswerExpires);
    }

    [Fact]
    public void The_earliest_reported_time_wins_in_any_order()
    {
        var context = TestGraph.Context();
        context.AnswerExpiresBy(Noon.AddHours(2));
        context.AnswerExpiresBy(Noon);
        context.AnswerExpiresBy(Noon.AddHours(1));

        Assert.Equal(Noon, context.AnswerExpires);
    }

    [Fact]
    public void Times_in_other_offsets_compare_as_instants()
    {
        var context = TestGraph.Context();
        context.AnswerExpiresBy(Noon);
        context.AnswerExpiresBy(new DateTimeOffset(2026, 6, 1, 13, 0, 0, TimeSpan.FromHours(2)));

        Assert.Equal(Noon.AddHours(-1), context.AnswerExpires);
    }

    [Fact]
    public async Task Reports_from_parallel_loaders_keep_the_earliest()
    {
        var context = TestGraph.Context();
        var times = Enumerable.Range(1, 1000).Select(minutes => Noon.AddMinutes(minutes)).Reverse().ToList();

        await Task.WhenAll(times.Select(time => Task.Run(() => context.AnswerExpiresBy(time))));

        Assert.Equal(Noon.AddMinutes(1), context.AnswerExpires);
    }
}
