using Microsoft.EntityFrameworkCore;
using Pictograph.Data;

namespace Pictograph.Insights;

/// <summary>
/// The demo world's insights: a profile (country, city, gender, birth year) for every demo account, and
/// a month of plausible events for the professional accounts: views by demo people and anonymous
/// visitors, saves, shares, reposts, profile visits, link taps, follows from posts, unfollows, and the
/// story's viewers, taps, replies and link clicks. Deterministic: a fixed seed.
/// </summary>
public static class InsightSeed
{
    private const long Day = AccountFacts.Day;

    private static readonly (string Country, string City)[] Places =
    [
        ("US", "New York, New York"), ("US", "Los Angeles, California"), ("GB", "London, England"), ("DE", "Berlin, Berlin"),
        ("PT", "Lisbon, Lisboa"), ("BR", "São Paulo, São Paulo"), ("JP", "Tokyo, Tokyo"), ("FR", "Paris, Île-de-France"),
        ("IN", "Mumbai, Maharashtra"), ("CA", "Toronto, Ontario"),
    ];

    private static readonly string[] Genders = ["F", "M", "F", "M", "U"];
    private static readonly string[] ContactButtons = ["CALL", "EMAIL", "DIRECTION", "TEXT", "BOOK_NOW"];
    private static readonly string[] StoryActions = ["TAP_FORWARD", "TAP_FORWARD", "TAP_FORWARD", "TAP_BACK", "TAP_EXIT", "SWIPE_FORWARD"];

    /// <summary>Adds the profiles and events to the seeded accounts and media (after they are saved).</summary>
    public static async Task AddAsync(PictographDb db, long now, CancellationToken cancellationToken)
    {
        // One commit for the profiles and the events.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var random = new Random(20_260_602);
        var year = DateTimeOffset.FromUnixTimeSeconds(now).Year;
        var people = await db.Accounts.OrderBy(a => a.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var media = await db.Media.AsNoTracking().Where(m => m.ParentId == null).OrderBy(m => m.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < people.Count; i++)
        {
            var (country, city) = Places[(i * 7 + 3) % Places.Length];
            people[i].Country = country;
            people[i].City = city;
            people[i].Gender = Genders[i % Genders.Length];
            people[i].BirthYear = year - 16 - random.Next(0, 50);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var professionals = people.Where(p => p.AccountType != AccountType.Personal).ToList();
        var events = new List<InsightEvent>();
        foreach (var owner in professionals)
        {
            var audience = people.Where(p => p.Id != owner.Id).ToList();
            InsightEvent Event(string kind, long at, long? mediaId = null, long? actor = null, string? detail = null) =>
                new() { AccountId = owner.Id, MediaId = mediaId, ActorId = actor, Kind = kind, Detail = detail, CreatedAt = at };
            long? Someone() => audience[random.Next(audience.Count)].Id;

            foreach (var item in media.Where(m => m.OwnerId == owner.Id))
            {
                var story = item.ProductType == MediaProductType.Story;
                var start = Math.Max(item.CreatedAt, now - (30 * Day));
                var length = Math.Max(1, now - start);
                // Interest fades with age: most views come in the first days.
                var views = story ? 40 : 30 + random.Next(40);
                var viewers = new List<long>();
                for (var v = 0; v < views; v++)
                {
                    var at = start + (long)(length * Math.Pow(random.NextDouble(), 2.5));
                    long? viewer = story && v < audience.Count ? audience[v].Id : random.Next(5) == 0 ? null : Someone();
                    events.Add(Event(InsightEventKinds.View, at, item.Id, viewer));
                    if (viewer is { } known)
                    {
                        viewers.Add(known);
                    }
                }

                long Later() => start + random.NextInt64(length);
                long? Viewer() => viewers.Count == 0 ? Someone() : viewers[random.Next(viewers.Count)];
                if (story)
                {
                    foreach (var _ in Enumerable.Range(0, 30))
                    {
                        events.Add(Event(InsightEventKinds.Navigation, Later(), item.Id, Viewer(), StoryActions[random.Next(StoryActions.Length)]));
                    }

                    events.Add(Event(InsightEventKinds.Reply, Later(), item.Id, Viewer()));
                    events.Add(Event(InsightEventKinds.Reply, Later(), item.Id, Viewer()));
                    events.Add(Event(InsightEventKinds.LinkClick, Later(), item.Id, Viewer()));
                }
                else
                {
                    foreach (var _ in Enumerable.Range(0, random.Next(1, 6)))
                    {
                        events.Add(Event(InsightEventKinds.Save, Later(), item.Id, Viewer()));
                    }

                    foreach (var _ in Enumerable.Range(0, random.Next(0, 4)))
                    {
                        events.Add(Event(InsightEventKinds.Share, Later(), item.Id, Viewer()));
                    }

                    if (random.Next(3) == 0)
                    {
                        events.Add(Event(InsightEventKinds.Repost, Later(), item.Id, Viewer()));
                    }
                }

                foreach (var _ in Enumerable.Range(0, random.Next(1, 4)))
                {
                    events.Add(Event(InsightEventKinds.ProfileView, Later(), item.Id, Viewer()));
                }

                if (random.Next(2) == 0)
                {
                    events.Add(Event(InsightEventKinds.Follow, Later(), item.Id, Viewer()));
                }

                if (random.Next(2) == 0)
                {
                    events.Add(Event(InsightEventKinds.ProfileLinkTap, Later(), item.Id, Viewer(), ContactButtons[random.Next(ContactButtons.Length)]));
                }
            }

            // Profile visits, taps and unfollows not tied to a post, spread over the month.
            for (var day = 1; day <= 30; day++)
            {
                var dayStart = now - (day * Day);
                foreach (var _ in Enumerable.Range(0, random.Next(0, 4)))
                {
                    events.Add(Event(InsightEventKinds.ProfileView, dayStart + random.NextInt64(Day), actor: Someone()));
                }

                if (random.Next(3) == 0)
                {
                    events.Add(Event(InsightEventKinds.WebsiteClick, dayStart + random.NextInt64(Day), actor: Someone()));
                }

                if (random.Next(4) == 0)
                {
                    events.Add(Event(InsightEventKinds.ProfileLinkTap, dayStart + random.NextInt64(Day), actor: Someone(), detail: ContactButtons[random.Next(ContactButtons.Length)]));
                }

                if (random.Next(6) == 0)
                {
                    events.Add(Event(InsightEventKinds.Unfollow, dayStart + random.NextInt64(Day), actor: Someone()));
                }
            }
        }

        await InsightEventRows.InsertAsync(db, events, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
