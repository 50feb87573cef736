using Microsoft.EntityFrameworkCore;
using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Insights;
using Pictograph.Media;

namespace Pictograph.Fixtures;

/// <summary>
/// Loads a fixture into an empty database in one transaction: every mistake is found before anything is
/// written, media files are stored only then, and a load that fails removes the files it stored.
/// </summary>
public sealed class FixtureLoader(
    IDbContextFactory<PictographDb> dbFactory, IMediaStore store, AppSecrets secrets, TimeProvider clock, CurrentFixture current, IEnumerable<IFixtureFaults> faults)
{
    /// <summary>Whether the database holds nothing a fixture would describe (a fixture loads only into an empty world).</summary>
    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return !await db.Apps.AnyAsync(cancellationToken).ConfigureAwait(false)
            && !await db.Accounts.AnyAsync(cancellationToken).ConfigureAwait(false)
            && !await db.FacebookUsers.AnyAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks the fixture without writing anything; throws <see cref="FixtureException"/> listing every mistake.</summary>
    public FixturePlan Check(FixtureSource source) => FixturePlan.Build(source, clock.GetUtcNow().ToUnixTimeSeconds());

    /// <summary>Loads it; throws <see cref="FixtureException"/> (nothing loaded) when it has mistakes.</summary>
    public async Task<LoadedFixture> LoadAsync(FixtureSource source, CancellationToken cancellationToken = default)
    {
        var plan = Check(source);
        if (!await IsEmptyAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException("The database already holds data; a fixture loads only into an empty one.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var stored = new List<string>();
        try
        {
            foreach (var (app, secret, _) in plan.Apps)
            {
                app.StoredSecret = secrets.Protect(secret);
                db.Apps.Add(app);
            }

            db.AppRoles.AddRange(plan.AppRoles);
            db.WebhookSubscriptions.AddRange(plan.Webhooks);
            db.FacebookUsers.AddRange(plan.FacebookUsers);
            db.Accounts.AddRange(plan.Accounts.Select(a => a.Account));
            db.AccountSubscriptions.AddRange(plan.AccountSubscriptions);
            db.Pages.AddRange(plan.Pages);
            db.PageRoles.AddRange(plan.PageRoles);
            db.Media.AddRange(plan.Media);
            db.UserTags.AddRange(plan.UserTags);
            db.MediaLikes.AddRange(plan.MediaLikes);
            db.Comments.AddRange(plan.Comments);
            db.CommentLikes.AddRange(plan.CommentLikes);
            db.Follows.AddRange(plan.Follows);
            db.Hashtags.AddRange(plan.Hashtags);
            db.HashtagUses.AddRange(plan.HashtagUses);
            db.Mentions.AddRange(plan.Mentions);
            db.AccessTokens.AddRange(plan.Tokens.Select(t => t.Row));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await InsightEventRows.InsertAsync(db, plan.Events, cancellationToken).ConfigureAwait(false);

            // Ids handed out later continue after the fixture's.
            foreach (var (kind, last) in plan.LastSequence)
            {
                var next = last + 1;
                await db.Database.ExecuteSqlAsync(
                    $"""
                    INSERT INTO "IdBlocks" ("Kind", "Next") VALUES ({(int)kind}, {next}) ON CONFLICT ("Kind") DO UPDATE
                    SET "Next" = CASE WHEN "IdBlocks"."Next" < excluded."Next" THEN excluded."Next" ELSE "IdBlocks"."Next" END
                    """,
                    cancellationToken).ConfigureAwait(false);
            }

            foreach (var (key, bytes) in plan.Files)
            {
                using var content = new MemoryStream(bytes, writable: false);
                stored.Add(key);
                await store.PutAsync(key, content, cancellationToken).ConfigureAwait(false);
            }

            foreach (var hook in faults)
            {
                hook.Load(plan.Faults);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            foreach (var key in stored)
            {
                await store.DeleteAsync(key, CancellationToken.None).ConfigureAwait(false);
            }

            throw;
        }

        var loaded = plan.Summary();
        current.Loaded = loaded;
        return loaded;
    }
}
