using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Media;
using Pictograph.Seed;

namespace Pictograph.Fixtures;

/// <summary>
/// Writes the current state as a fixture (YAML) with its media files in a folder beside it, so loading it into
/// an empty data directory gives the same answers, ids included. Times are absolute, or relative to the clock
/// when asked (a fixture that stays "recent" whenever it is loaded). Not written: authorization codes,
/// containers, jobs, webhook deliveries, hashtag searches and revoked tokens, which are the moment's, not the world's.
/// </summary>
public sealed class FixtureExporter(IDbContextFactory<PictographDb> dbFactory, IMediaStore store, AppSecrets secrets, TimeProvider clock, CurrentFixture current)
{
    public const string FilesFolder = "files";

    public async Task<int> ExportAsync(string path, bool relative, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.Combine(Path.GetDirectoryName(full)!, FilesFolder);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var export = new Export(db, store, folder, relative, now, current.Loaded);
        // Written to a temporary file and renamed, so a failed export never leaves half a fixture in place of a good one.
        var temp = full + ".tmp";
        await using (var output = new StreamWriter(temp, append: false, new System.Text.UTF8Encoding(false)))
        {
            await export.WriteAsync(new YamlWriter(output), secrets, cancellationToken).ConfigureAwait(false);
        }

        File.Move(temp, full, overwrite: true);
        return export.Files;
    }

    private sealed class Export(PictographDb db, IMediaStore store, string folder, bool relative, long now, LoadedFixture? loaded)
    {
        private readonly Dictionary<long, string> _keys = [];
        private readonly Dictionary<string, string> _written = new(StringComparer.Ordinal);
        private readonly byte[] _demoVideo = SHA256.HashData(DemoAssets.Read(DemoAssets.Video));
        private readonly byte[] _demoThumbnail = SHA256.HashData(DemoAssets.Read(DemoAssets.VideoThumbnail));
        private readonly Dictionary<NodeKind, long> _next = [];

        public int Files => _written.Count;

        public async Task WriteAsync(YamlWriter yaml, AppSecrets secrets, CancellationToken ct)
        {
            var apps = await db.Apps.AsNoTracking().OrderBy(a => a.Id).ToListAsync(ct).ConfigureAwait(false);
            var roles = await db.AppRoles.AsNoTracking().ToListAsync(ct).ConfigureAwait(false);
            var hooks = await db.WebhookSubscriptions.AsNoTracking().ToListAsync(ct).ConfigureAwait(false);
            var users = await db.FacebookUsers.AsNoTracking().OrderBy(u => u.Id).ToListAsync(ct).ConfigureAwait(false);
            var accounts = await db.Accounts.AsNoTracking().OrderBy(a => a.Id).ToListAsync(ct).ConfigureAwait(false);
            var subscriptions = await db.AccountSubscriptions.AsNoTracking().ToListAsync(ct).ConfigureAwait(false);
            var pages = await db.Pages.AsNoTracking().OrderBy(p => p.Id).ToListAsync(ct).ConfigureAwait(false);
            var pageRoles = await db.PageRoles.AsNoTracking().ToListAsync(ct).ConfigureAwait(false);
            var follows = await db.Follows.AsNoTracking().OrderBy(f => f.FollowerId).ThenBy(f => f.FolloweeId).ToListAsync(ct).ConfigureAwait(false);
            var hashtags = await db.Hashtags.AsNoTracking().OrderBy(h => h.Id).Select(h => h.Name).ToListAsync(ct).ConfigureAwait(false);
            var media = await db.Media.AsNoTracking().OrderBy(m => m.Id).ToListAsync(ct).ConfigureAwait(false);
            var tags = (await db.UserTags.AsNoTracking().ToListAsync(ct).ConfigureAwait(false)).ToLookup(t => t.MediaId);
            var mediaLikes = (await db.MediaLikes.AsNoTracking().OrderBy(l => l.MediaId).ThenBy(l => l.AccountId).ToListAsync(ct).ConfigureAwait(false)).ToLookup(l => l.MediaId);
            var comments = await db.Comments.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct).ConfigureAwait(false);
            var commentLikes = (await db.CommentLikes.AsNoTracking().OrderBy(l => l.CommentId).ThenBy(l => l.AccountId).ToListAsync(ct).ConfigureAwait(false)).ToLookup(l => l.CommentId);
            var tokens = await db.AccessTokens.AsNoTracking().Where(t => t.RevokedAt == null).OrderBy(t => t.IssuedAt).ToListAsync(ct).ConfigureAwait(false);
            var events = await db.InsightEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync(ct).ConfigureAwait(false);

            foreach (var app in apps)
            {
                _keys[app.Id] = loaded?.Apps.FirstOrDefault(a => a.Id == app.Id)?.Key ?? $"app{_keys.Count + 1}";
            }

            accounts.ForEach(a => _keys[a.Id] = loaded?.Accounts.FirstOrDefault(l => l.Id == a.Id)?.Key ?? a.Username);
            users.ForEach(u => _keys[u.Id] = u.Email);
            for (var i = 0; i < pages.Count; i++)
            {
                _keys[pages[i].Id] = $"page{i + 1}";
            }

            for (var i = 0; i < media.Count; i++)
            {
                _keys[media[i].Id] = $"m{i + 1}";
            }

            for (var i = 0; i < comments.Count; i++)
            {
                _keys[comments[i].Id] = $"c{i + 1}";
            }

            yaml.Begin();
            yaml.MapStart();
            yaml.Field("name", loaded?.Name ?? "export");

            Section(yaml, "apps", apps, app =>
            {
                yaml.Field("key", _keys[app.Id]);
                Id(yaml, NodeKind.App, app.Id);
                yaml.Field("secret", secrets.Reveal(app));
                yaml.Field("name", app.Name);
                yaml.Field("mode", app.Mode == AppMode.Live ? "live" : "development");
                Time(yaml, "created", app.CreatedAt);
                yaml.Texts("redirect_uris", app.RedirectUriList, flow: false);
                yaml.Field("deauthorize_callback_url", app.DeauthorizeCallbackUrl);
                yaml.Field("data_deletion_callback_url", app.DataDeletionCallbackUrl);
                yaml.Field("require_app_secret_proof", app.RequireAppSecretProof ? true : null);
                var people = roles.Where(r => r.AppId == app.Id).OrderBy(r => r.PersonId % 100 == (int)NodeKind.FacebookUser ? 0 : 1).ThenBy(r => r.PersonId).ToList();
                if (people.Count > 0)
                {
                    yaml.Key("roles");
                    yaml.MapStart();
                    people.ForEach(r => yaml.Field(_keys[r.PersonId], r.Role.ToString().ToLowerInvariant()));
                    yaml.MapEnd();
                }

                Section(yaml, "webhooks", hooks.Where(h => h.AppId == app.Id).ToList(), hook =>
                {
                    yaml.Field("object", hook.Object);
                    yaml.Field("callback_url", hook.CallbackUrl);
                    yaml.Field("verify_token", hook.VerifyToken);
                    yaml.Texts("fields", hook.Fields.Split(',', StringSplitOptions.RemoveEmptyEntries));
                    yaml.Field("active", hook.Active ? null : false);
                    Time(yaml, "updated", hook.UpdatedAt);
                });
            });

            Section(yaml, "facebook_users", users, user =>
            {
                Id(yaml, NodeKind.FacebookUser, user.Id);
                yaml.Field("name", user.Name);
                yaml.Field("email", user.Email);
                yaml.Field("password_hash", user.PasswordHash);
                Time(yaml, "created", user.CreatedAt);
            });

            await SectionAsync(yaml, "accounts", accounts, async account =>
            {
                if (_keys[account.Id] != account.Username)
                {
                    yaml.Field("key", _keys[account.Id]);
                }

                Id(yaml, NodeKind.Account, account.Id);
                yaml.Field("username", account.Username);
                yaml.Field("type", account.AccountType switch { AccountType.Business => "business", AccountType.MediaCreator => "creator", _ => "personal" });
                yaml.Field("name", account.Name);
                yaml.Field("biography", account.Biography);
                yaml.Field("website", account.Website);
                yaml.Field("password_hash", account.PasswordHash);
                Time(yaml, "created", account.CreatedAt);
                if (account.ProfilePictureKey is { } picture && await FileAsync(picture, ct).ConfigureAwait(false) is { } file)
                {
                    yaml.Field("picture", file);
                }

                yaml.Field("country", account.Country);
                yaml.Field("city", account.City);
                yaml.Field("gender", account.Gender);
                yaml.Field("birth_year", account.BirthYear);
                Section(yaml, "subscribed_apps", subscriptions.Where(s => s.AccountId == account.Id).ToList(), sub =>
                {
                    yaml.Field("app", _keys[sub.AppId]);
                    yaml.Texts("fields", sub.Fields.Split(',', StringSplitOptions.RemoveEmptyEntries));
                    Time(yaml, "created", sub.CreatedAt);
                });
            }).ConfigureAwait(false);

            Section(yaml, "pages", pages, page =>
            {
                yaml.Field("key", _keys[page.Id]);
                Id(yaml, NodeKind.Page, page.Id);
                yaml.Field("name", page.Name);
                yaml.Field("category", page.Category);
                yaml.Field("instagram", page.InstagramAccountId is { } ig ? _keys[ig] : null);
                var people = pageRoles.Where(r => r.PageId == page.Id).OrderBy(r => r.FacebookUserId).ToList();
                if (people.Count > 0)
                {
                    yaml.Key("roles");
                    yaml.MapStart();
                    people.ForEach(r => yaml.Texts(_keys[r.FacebookUserId], r.Tasks.Split(',', StringSplitOptions.RemoveEmptyEntries)));
                    yaml.MapEnd();
                }
            });

            Section(yaml, "follows", follows, follow =>
            {
                yaml.Field("follower", _keys[follow.FollowerId]);
                yaml.Field("followee", _keys[follow.FolloweeId]);
                Time(yaml, "created", follow.CreatedAt);
            }, flow: true);

            yaml.Texts("hashtags", hashtags);

            var children = media.Where(m => m.ParentId is not null).ToLookup(m => m.ParentId!.Value);
            await SectionAsync(yaml, "media", media.Where(m => m.ParentId is null).ToList(), async item =>
            {
                await MediaAsync(yaml, item, null, children, tags, mediaLikes, ct).ConfigureAwait(false);
            }).ConfigureAwait(false);

            Section(yaml, "comments", comments, comment =>
            {
                yaml.Field("key", _keys[comment.Id]);
                Id(yaml, NodeKind.Comment, comment.Id);
                if (comment.ParentId is { } parent)
                {
                    yaml.Field("reply_to", _keys[parent]);
                }
                else
                {
                    yaml.Field("media", _keys[comment.MediaId]);
                }

                yaml.Field("author", _keys[comment.AuthorId]);
                yaml.Field("text", comment.Text);
                Time(yaml, "created", comment.CreatedAt);
                yaml.Field("hidden", comment.Hidden ? true : null);
                Likes(yaml, commentLikes[comment.Id].Select(l => (l.AccountId, l.CreatedAt)));
            });

            Section(yaml, "tokens", tokens, token =>
            {
                var value = loaded?.Tokens.FirstOrDefault(t => TokenText.Hash(t.Value).AsSpan().SequenceEqual(token.Hash));
                yaml.Field("key", value?.Key ?? $"token{tokens.IndexOf(token) + 1}");
                yaml.Field("app", _keys.GetValueOrDefault(token.AppId));
                yaml.Field("user", _keys.GetValueOrDefault(token.SubjectId));
                yaml.Field("on_behalf_of", token.OnBehalfOfId is { } by ? _keys.GetValueOrDefault(by) : null);
                yaml.Field("flavour", token.Flavour switch { TokenFlavour.BasicDisplay => "basic_display", TokenFlavour.InstagramLogin => "instagram_login", _ => "facebook" });
                yaml.Field("kind", token.Kind switch { TokenKind.ShortLived => "short_lived", TokenKind.Page => "page", _ => "long_lived" });
                yaml.Texts("scopes", token.Scopes.Split(',', StringSplitOptions.RemoveEmptyEntries));
                if (value?.Value is { } text)
                {
                    yaml.Field("value", text);
                }
                else
                {
                    yaml.Field("hash", Convert.ToHexStringLower(token.Hash));
                }

                Time(yaml, "issued", token.IssuedAt);
                if (token.ExpiresAt == 0)
                {
                    yaml.Field("expires", "never");
                }
                else
                {
                    Time(yaml, "expires", token.ExpiresAt);
                }
            });

            var owners = media.ToDictionary(m => m.Id, m => m.OwnerId);
            Section(yaml, "engagement", events, e =>
            {
                if (e.MediaId is not { } mediaId || owners.GetValueOrDefault(mediaId) != e.AccountId)
                {
                    yaml.Field("account", _keys[e.AccountId]);
                }

                yaml.Field("media", e.MediaId is { } m ? _keys.GetValueOrDefault(m) : null);
                yaml.Field("kind", e.Kind);
                yaml.Field("actor", e.ActorId is { } actor ? _keys.GetValueOrDefault(actor) : null);
                yaml.Field("detail", e.Detail);
                Time(yaml, "created", e.CreatedAt);
            }, flow: true);

            yaml.MapEnd();
            yaml.End();
        }

        private async Task MediaAsync(YamlWriter yaml, Data.Media item, long? albumCreated, ILookup<long, Data.Media> children, ILookup<long, UserTag> tags, ILookup<long, MediaLike> likes, CancellationToken ct)
        {
            var child = item.ParentId is not null;
            yaml.Field("key", _keys[item.Id]);
            Id(yaml, NodeKind.Media, item.Id);
            if (!child)
            {
                yaml.Field("owner", _keys[item.OwnerId]);
            }

            yaml.Field("type", item.MediaType switch { MediaType.Video => "video", MediaType.CarouselAlbum => "carousel", _ => "image" });
            if (!child && item.ProductType != MediaProductType.Feed)
            {
                yaml.Field("product", item.ProductType.ToString().ToLowerInvariant());
            }

            yaml.Field("caption", item.Caption);
            if (item.CreatedAt != albumCreated)
            {
                Time(yaml, "created", item.CreatedAt);
            }

            if (item.MediaType != MediaType.CarouselAlbum && item.FileKey is { } key)
            {
                var demo = item.MediaType == MediaType.Video ? _demoVideo : null;
                if (await FileAsync(key, ct, demo).ConfigureAwait(false) is { } file)
                {
                    yaml.Field("file", file);
                }
            }

            if (item.ThumbnailKey is { } thumbnail && await FileAsync(thumbnail, ct, _demoThumbnail).ConfigureAwait(false) is { } thumbnailFile)
            {
                yaml.Field("thumbnail", thumbnailFile);
            }

            yaml.Field("alt_text", item.AltText);
            yaml.Field("comments_enabled", item.CommentEnabled ? null : false);
            yaml.Field("share_to_feed", item.SharedToFeed);
            yaml.Texts("tags", tags[item.Id].Select(t => _keys[t.AccountId]));
            Likes(yaml, likes[item.Id].Select(l => (l.AccountId, l.CreatedAt)));
            var kids = children[item.Id].OrderBy(c => c.Position).ThenBy(c => c.Id).ToList();
            if (kids.Count > 0)
            {
                yaml.Key("children");
                yaml.ListStart();
                foreach (var kid in kids)
                {
                    yaml.MapStart();
                    await MediaAsync(yaml, kid, item.CreatedAt, children, tags, likes, ct).ConfigureAwait(false);
                    yaml.MapEnd();
                }

                yaml.ListEnd();
            }
        }

        private void Likes(YamlWriter yaml, IEnumerable<(long Account, long At)> likes)
        {
            var list = likes.ToList();
            if (list.Count == 0)
            {
                return;
            }

            yaml.Key("likes");
            yaml.ListStart();
            foreach (var (account, at) in list)
            {
                yaml.MapStart(flow: true);
                yaml.Field("account", _keys[account]);
                Time(yaml, "created", at);
                yaml.MapEnd();
            }

            yaml.ListEnd();
        }

        /// <summary>Writes the id only where loading in order would give another one.</summary>
        private void Id(YamlWriter yaml, NodeKind kind, long id)
        {
            var expected = NodeIds.Compose(kind, _next.GetValueOrDefault(kind, 1));
            var sequence = (id - NodeIds.Compose(kind, 0)) / 100;
            if (id == expected)
            {
                _next[kind] = sequence + 1;
                return;
            }

            // As the loader does: what follows an explicit id continues after it.
            yaml.Field("id", id);
            _next[kind] = Math.Max(_next.GetValueOrDefault(kind, 1), sequence + 1);
        }

        private void Time(YamlWriter yaml, string name, long at)
        {
            yaml.Key(name);
            if (!relative)
            {
                yaml.Text(DateTimeOffset.FromUnixTimeSeconds(at).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                return;
            }

            yaml.Plain(Span(at - now));
        }

        /// <summary>A span from now as fixtures write it: "now", "-3d", "-2h", or an ISO 8601 duration for an odd one ("-P2DT3H4M5S").</summary>
        public static string Span(long seconds)
        {
            if (seconds == 0)
            {
                return "now";
            }

            var sign = seconds < 0 ? "-" : "+";
            var abs = Math.Abs(seconds);
            foreach (var (unit, size) in new[] { ("d", 86_400L), ("h", 3_600L), ("m", 60L) })
            {
                if (abs % size == 0)
                {
                    return $"{sign}{abs / size}{unit}";
                }
            }

            if (abs < 3_600)
            {
                return $"{sign}{abs}s";
            }

            var span = TimeSpan.FromSeconds(abs);
            var days = (long)span.TotalDays;
            return $"{sign}P{(days > 0 ? $"{days}D" : "")}T{span.Hours}H{span.Minutes}M{span.Seconds}S";
        }

        /// <summary>The stored file's path in the export (each distinct content written once); null when it is the built-in default or missing.</summary>
        private async Task<string?> FileAsync(string key, CancellationToken ct, byte[]? builtIn = null)
        {
            var stored = await store.OpenAsync(key, ct).ConfigureAwait(false);
            if (stored is null)
            {
                return null;
            }

            byte[] bytes;
            await using (var content = stored.Content)
            {
                using var copy = new MemoryStream();
                await content.CopyToAsync(copy, ct).ConfigureAwait(false);
                bytes = copy.ToArray();
            }

            var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (builtIn is not null && hash == Convert.ToHexStringLower(builtIn))
            {
                return null;
            }

            if (!_written.TryGetValue(hash, out var name))
            {
                Directory.CreateDirectory(folder);
                name = $"{FilesFolder}/{Path.GetFileName(key)}";
                await File.WriteAllBytesAsync(Path.Combine(folder, Path.GetFileName(key)), bytes, ct).ConfigureAwait(false);
                _written[hash] = name;
            }

            return name;
        }

        private static void Section<T>(YamlWriter yaml, string name, List<T> items, Action<T> write, bool flow = false)
        {
            if (items.Count == 0)
            {
                return;
            }

            yaml.Key(name);
            yaml.ListStart();
            foreach (var item in items)
            {
                yaml.MapStart(flow);
                write(item);
                yaml.MapEnd();
            }

            yaml.ListEnd();
        }

        private static async Task SectionAsync<T>(YamlWriter yaml, string name, List<T> items, Func<T, Task> write)
        {
            if (items.Count == 0)
            {
                return;
            }

            yaml.Key(name);
            yaml.ListStart();
            foreach (var item in items)
            {
                yaml.MapStart();
                await write(item).ConfigureAwait(false);
                yaml.MapEnd();
            }

            yaml.ListEnd();
        }
    }
}
