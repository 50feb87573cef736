using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Media;
using Pictograph.Seed;
using Pictograph.Webhooks;

namespace Pictograph.Fixtures;

/// <summary>
/// A fixture turned into rows and files, every reference checked and every id given, before anything is
/// written. Ids are numbered per kind from 1 in the file's order (an explicit <c>id</c> keeps its own), and
/// times resolve against one reading of the clock, so the same file always gives the same world.
/// </summary>
public sealed partial class FixturePlan
{
    private static readonly HashSet<string> PageTasks = new(StringComparer.Ordinal) { "MANAGE", "CREATE_CONTENT", "MODERATE", "MESSAGING", "ADVERTISE", "ANALYZE" };

    private readonly List<FixtureError> _errors;
    private readonly FixtureSource _source;
    private readonly long _now;
    private readonly Dictionary<string, (NodeKind Kind, long Id)> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<NodeKind, HashSet<long>> _explicit = [];
    private readonly Dictionary<NodeKind, long> _next = [];
    private readonly Dictionary<string, byte[]?> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _hashes = new(StringComparer.Ordinal);
    private readonly Dictionary<long, Account> _accounts = [];
    private readonly Dictionary<long, Data.Media> _media = [];
    private readonly Dictionary<long, Comment> _comments = [];
    private readonly Dictionary<MediaSpec, Data.Media> _specMedia = new(ReferenceEqualityComparer.Instance);

    private FixturePlan(FixtureSource source, long now, List<FixtureError> errors)
    {
        _source = source;
        _now = now;
        _errors = errors;
    }

    public string? Name { get; private set; }

    public List<(App App, string Secret, string Key)> Apps { get; } = [];

    public List<AppRole> AppRoles { get; } = [];

    public List<WebhookSubscription> Webhooks { get; } = [];

    public List<FacebookUser> FacebookUsers { get; } = [];

    public List<(Account Account, string Key)> Accounts { get; } = [];

    public List<AccountSubscription> AccountSubscriptions { get; } = [];

    public List<Page> Pages { get; } = [];

    public List<PageRole> PageRoles { get; } = [];

    public List<Follow> Follows { get; } = [];

    public List<Data.Media> Media { get; } = [];

    public List<UserTag> UserTags { get; } = [];

    public List<MediaLike> MediaLikes { get; } = [];

    public List<Comment> Comments { get; } = [];

    public List<CommentLike> CommentLikes { get; } = [];

    public List<Hashtag> Hashtags { get; } = [];

    public List<HashtagUse> HashtagUses { get; } = [];

    public List<Mention> Mentions { get; } = [];

    public List<(AccessToken Row, string? Value, string Key, string Subject)> Tokens { get; } = [];

    public List<InsightEvent> Events { get; } = [];

    public List<System.Text.Json.JsonElement> Faults { get; private set; } = [];

    /// <summary>Files to store, by media key.</summary>
    public Dictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>Per kind, the highest sequence number used, so later ids continue after it.</summary>
    public Dictionary<NodeKind, long> LastSequence { get; } = [];

    /// <summary>Parses and checks a fixture; throws <see cref="FixtureException"/> with every mistake found.</summary>
    public static FixturePlan Build(FixtureSource source, long now)
    {
        var errors = new List<FixtureError>();
        var document = FixtureParser.Parse(source.Text, errors);
        var plan = new FixturePlan(source, now, errors);
        if (document is not null)
        {
            plan.Fill(document);
        }

        if (errors.Count > 0)
        {
            throw new FixtureException([.. errors.OrderBy(e => e.Line).ThenBy(e => e.Path, StringComparer.Ordinal)]);
        }

        return plan;
    }

    public LoadedFixture Summary() => new(
        Name,
        [.. Apps.Select(a => new LoadedApp(a.Key, a.App.Id, a.Secret))],
        [.. Accounts.Select(a => new LoadedAccount(a.Key, a.Account.Id, a.Account.Username))],
        Tokens.Where(t => t.Value is not null).ToDictionary(t => t.Key, t => t.Value!, StringComparer.Ordinal),
        Tokens.ToDictionary(t => t.Key, t => t.Subject, StringComparer.Ordinal));

    private void Fill(FixtureDocument document)
    {
        Name = document.Name;
        Faults = document.Faults;
        ReserveExplicitIds(document);
        foreach (var app in document.Apps)
        {
            AddApp(app);
        }

        foreach (var account in document.Accounts)
        {
            AddAccount(account);
        }

        foreach (var user in document.FacebookUsers)
        {
            AddFacebookUser(user);
        }

        foreach (var app in document.Apps)
        {
            AddAppPeople(app);
        }

        foreach (var page in document.Pages)
        {
            AddPage(page);
        }

        foreach (var account in document.Accounts)
        {
            AddSubscriptions(account);
        }

        foreach (var media in document.Media)
        {
            AddMedia(media, null, 0);
        }

        foreach (var comment in document.Comments)
        {
            AddComment(comment);
        }

        foreach (var follow in document.Follows)
        {
            AddFollow(follow);
        }

        foreach (var media in document.Media)
        {
            AddMediaPeople(media);
        }

        RecordText(document.Hashtags);
        foreach (var token in document.Tokens)
        {
            AddToken(token);
        }

        foreach (var item in document.Engagement)
        {
            AddEvent(item);
        }
    }

    private void Error(Place at, string reason) => _errors.Add(at.Error(reason));

    private void ReserveExplicitIds(FixtureDocument document)
    {
        void Reserve(long? id, NodeKind kind, Place at)
        {
            if (id is not { } value)
            {
                return;
            }

            if (NodeIds.KindOf(value) != kind)
            {
                Error(at, $"{value} is not an id of a{(kind is NodeKind.App or NodeKind.Account ? "n" : "")} {kind}");
            }
            else if (!Explicit(kind).Add(value))
            {
                Error(at, $"the id {value} is used twice");
            }
        }

        document.Apps.ForEach(a => Reserve(a.Id, NodeKind.App, a.At));
        document.Accounts.ForEach(a => Reserve(a.Id, NodeKind.Account, a.At));
        document.FacebookUsers.ForEach(u => Reserve(u.Id, NodeKind.FacebookUser, u.At));
        document.Pages.ForEach(p => Reserve(p.Id, NodeKind.Page, p.At));
        foreach (var media in document.Media.Concat(document.Media.SelectMany(m => m.Children)))
        {
            Reserve(media.Id, NodeKind.Media, media.At);
        }

        document.Comments.ForEach(c => Reserve(c.Id, NodeKind.Comment, c.At));
    }

    private HashSet<long> Explicit(NodeKind kind) => _explicit.TryGetValue(kind, out var set) ? set : _explicit[kind] = [];

    private long IdFor(NodeKind kind, long? given)
    {
        long id;
        if (given is { } value && NodeIds.KindOf(value) == kind)
        {
            // Items after an explicit id continue after it, so an export only names the ids that skip.
            id = value;
            _next[kind] = Math.Max(_next.GetValueOrDefault(kind, 1), (value - NodeIds.Compose(kind, 0)) / 100 + 1);
        }
        else
        {
            var next = _next.GetValueOrDefault(kind, 1);
            while (Explicit(kind).Contains(NodeIds.Compose(kind, next)))
            {
                next++;
            }

            _next[kind] = next + 1;
            id = NodeIds.Compose(kind, next);
        }

        var sequence = (id - NodeIds.Compose(kind, 0)) / 100;
        LastSequence[kind] = Math.Max(LastSequence.GetValueOrDefault(kind), sequence);
        return id;
    }

    private void Key(string? key, NodeKind kind, long id, Place at)
    {
        if (string.IsNullOrEmpty(key))
        {
            return;
        }

        if (!_keys.TryAdd(key, (kind, id)))
        {
            Error(at, $"the key '{key}' is used twice (keys name one item across the whole fixture)");
        }
    }

    private long? Resolve(Ref reference, string what, params NodeKind[] kinds)
    {
        if (reference.Key.Length == 0)
        {
            return null;
        }

        if (!_keys.TryGetValue(reference.Key, out var found))
        {
            Error(reference.At, $"no {what} has the key '{reference.Key}'");
            return null;
        }

        if (!kinds.Contains(found.Kind))
        {
            Error(reference.At, $"'{reference.Key}' is a {found.Kind}, not {what}");
            return null;
        }

        return found.Id;
    }

    private long Time(FixtureTime? time, long fallback) => time is { } t ? t.Resolve(_now) : fallback;

    /// <summary>A value derived from the fixture's name and an item's key: the same file always gives the same secrets and tokens.</summary>
    private byte[] Derived(string purpose, string key) => SHA256.HashData(Encoding.UTF8.GetBytes($"pictograph-fixture/{purpose}/{Name}/{key}"));

    private string PasswordHash(string? password, string? hash, Place at)
    {
        if (hash is not null)
        {
            return hash;
        }

        if (password is null)
        {
            return null!;
        }

        if (password.Length < 6)
        {
            Error(at, "a password needs at least 6 characters");
        }

        // Hashing is deliberately slow; people of a fixture often share one password.
        return _hashes.TryGetValue(password, out var known) ? known : _hashes[password] = Passwords.Hash(password);
    }

    private void AddApp(AppSpec spec)
    {
        var id = IdFor(NodeKind.App, spec.Id);
        Key(spec.Key, NodeKind.App, id, spec.At);
        var secret = spec.Secret ?? Convert.ToHexStringLower(Derived("secret", spec.Key).AsSpan(0, 16));
        if (!HexSecret().IsMatch(secret))
        {
            Error(spec.At, "an app secret is 32 lowercase hex digits, as Meta's are");
        }

        foreach (var uri in spec.RedirectUris.Append(spec.DeauthorizeCallbackUrl).Append(spec.DataDeletionCallbackUrl).OfType<string>())
        {
            if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
            {
                Error(spec.At, $"'{uri}' is not an absolute http(s) URL");
            }
        }

        var app = new App
        {
            Id = id,
            Name = spec.Name,
            StoredSecret = secret,
            CreatedAt = Time(spec.Created, _now),
            Mode = spec.Mode,
            RedirectUris = string.Join('\n', spec.RedirectUris),
            DeauthorizeCallbackUrl = spec.DeauthorizeCallbackUrl,
            DataDeletionCallbackUrl = spec.DataDeletionCallbackUrl,
            RequireAppSecretProof = spec.RequireAppSecretProof,
        };
        Apps.Add((app, secret, spec.Key));
        foreach (var hook in spec.Webhooks)
        {
            if (hook.Object != WebhookFields.Object)
            {
                Error(hook.At, $"webhooks are for object '{WebhookFields.Object}'");
            }

            CheckFields(hook.Fields, hook.At);
            if (Webhooks.Any(w => w.AppId == id && w.Object == hook.Object))
            {
                Error(hook.At, $"the app has two webhook subscriptions for '{hook.Object}'");
            }

            Webhooks.Add(new WebhookSubscription
            {
                AppId = id, Object = hook.Object, CallbackUrl = hook.CallbackUrl, VerifyToken = hook.VerifyToken,
                Fields = string.Join(',', hook.Fields), Active = hook.Active, UpdatedAt = Time(hook.Updated, _now),
            });
        }
    }

    private void CheckFields(List<string> fields, Place at)
    {
        foreach (var field in fields.Where(f => !WebhookFields.IsSubscribable(f)))
        {
            Error(at, $"'{field}' is not a webhook field of object instagram");
        }
    }

    private void AddAppPeople(AppSpec spec)
    {
        var appId = _keys.TryGetValue(spec.Key, out var app) ? app.Id : 0;
        foreach (var (person, role) in spec.Roles)
        {
            if (Resolve(person, "person (a Facebook user or an Instagram account)", NodeKind.FacebookUser, NodeKind.Account) is { } id)
            {
                AppRoles.Add(new AppRole { AppId = appId, PersonId = id, Role = role });
            }
        }
    }

    private void AddFacebookUser(FacebookUserSpec spec)
    {
        var id = IdFor(NodeKind.FacebookUser, spec.Id);
        Key(spec.Key, NodeKind.FacebookUser, id, spec.At);
        if (!spec.Email.Contains('@', StringComparison.Ordinal))
        {
            Error(spec.At, $"'{spec.Email}' is not an email address");
        }

        if (FacebookUsers.Any(u => string.Equals(u.Email, spec.Email, StringComparison.OrdinalIgnoreCase)))
        {
            Error(spec.At, $"two Facebook users have the email '{spec.Email}'");
        }

        FacebookUsers.Add(new FacebookUser
        {
            Id = id, Name = spec.Name, Email = spec.Email, PasswordHash = PasswordHash(spec.Password, spec.PasswordHash, spec.At), CreatedAt = Time(spec.Created, _now),
        });
    }

    private void AddAccount(AccountSpec spec)
    {
        var id = IdFor(NodeKind.Account, spec.Id);
        Key(spec.Key, NodeKind.Account, id, spec.At);
        if (!Username().IsMatch(spec.Username))
        {
            Error(spec.At, $"'{spec.Username}' is not an Instagram username (up to 30 letters, digits, '.' and '_')");
        }

        if (Accounts.Any(a => string.Equals(a.Account.Username, spec.Username, StringComparison.OrdinalIgnoreCase)))
        {
            Error(spec.At, $"two accounts have the username '{spec.Username}'");
        }

        if (spec.Gender is not (null or "F" or "M" or "U"))
        {
            Error(spec.At, "gender is F, M or U");
        }

        var account = new Account
        {
            Id = id,
            Username = spec.Username,
            AccountType = spec.Type,
            Name = spec.Name,
            Biography = spec.Biography,
            Website = spec.Website,
            CreatedAt = Time(spec.Created, _now),
            PasswordHash = PasswordHash(spec.Password, spec.PasswordHash, spec.At),
            Country = spec.Country,
            City = spec.City,
            Gender = spec.Gender,
            BirthYear = spec.BirthYear,
        };
        if (Image(spec.Picture, () => DemoImages.ProfilePicture(Accounts.Count + 1)) is { } picture)
        {
            account.ProfilePictureKey = Store(id, "jpg", picture);
        }

        Accounts.Add((account, spec.Key));
        _accounts[id] = account;
    }

    private void AddSubscriptions(AccountSpec spec)
    {
        var accountId = _keys.TryGetValue(spec.Key, out var found) ? found.Id : 0;
        foreach (var (app, fields, at) in spec.SubscribedApps)
        {
            CheckFields(fields, app.At);
            if (Resolve(app, "app", NodeKind.App) is { } appId)
            {
                AccountSubscriptions.Add(new AccountSubscription { AccountId = accountId, AppId = appId, Fields = string.Join(',', fields), CreatedAt = Time(at, _now) });
            }
        }
    }

    private void AddPage(PageSpec spec)
    {
        var id = IdFor(NodeKind.Page, spec.Id);
        Key(spec.Key, NodeKind.Page, id, spec.At);
        long? instagram = spec.Instagram is { } linked ? Resolve(linked, "Instagram account", NodeKind.Account) : null;
        if (instagram is { } accountId && _accounts[accountId].AccountType == AccountType.Personal)
        {
            Error(spec.Instagram!.Value.At, "only a professional (business or creator) account can be linked to a Page");
        }

        if (instagram is not null && Pages.Any(p => p.InstagramAccountId == instagram))
        {
            Error(spec.Instagram!.Value.At, "the account is already linked to another Page");
        }

        Pages.Add(new Page { Id = id, Name = spec.Name, Category = spec.Category, InstagramAccountId = instagram });
        foreach (var (user, tasks) in spec.Roles)
        {
            foreach (var task in tasks.Where(t => !PageTasks.Contains(t)))
            {
                Error(user.At, $"'{task}' is not a Page task ({string.Join(", ", PageTasks)})");
            }

            if (Resolve(user, "Facebook user", NodeKind.FacebookUser) is { } userId)
            {
                PageRoles.Add(new PageRole { PageId = id, FacebookUserId = userId, Tasks = string.Join(',', tasks) });
            }
        }
    }

    private void AddFollow(FollowSpec spec)
    {
        var follower = Resolve(spec.Follower, "account", NodeKind.Account);
        var followee = Resolve(spec.Followee, "account", NodeKind.Account);
        if (follower is { } a && followee is { } b)
        {
            if (a == b)
            {
                Error(spec.At, "an account cannot follow itself");
            }
            else if (Follows.Any(f => f.FollowerId == a && f.FolloweeId == b))
            {
                Error(spec.At, $"'{spec.Follower.Key}' already follows '{spec.Followee.Key}'");
            }
            else
            {
                Follows.Add(new Follow { FollowerId = a, FolloweeId = b, CreatedAt = Time(spec.Created, _now) });
            }
        }
    }

    private void AddMedia(MediaSpec spec, Data.Media? album, int position)
    {
        var id = IdFor(NodeKind.Media, spec.Id);
        Key(spec.Key, NodeKind.Media, id, spec.At);
        var owner = album?.OwnerId ?? Resolve(spec.Owner, "account", NodeKind.Account) ?? 0;
        var product = album?.ProductType ?? spec.Product;
        if (product is MediaProductType.Reels && spec.Type != MediaType.Video)
        {
            Error(spec.At, "a reel is a video");
        }

        var media = new Data.Media
        {
            Id = id,
            Shortcode = Shortcodes.For(id),
            OwnerId = owner,
            MediaType = spec.Type,
            ProductType = product,
            Caption = spec.Caption,
            CreatedAt = Time(spec.Created, album?.CreatedAt ?? _now),
            ParentId = album?.Id,
            Position = position,
            InGrid = Data.Media.IsGridItem(product, album?.Id),
            CommentEnabled = spec.CommentsEnabled,
            AltText = spec.AltText,
            SharedToFeed = spec.ShareToFeed,
        };
        if (album is not null && spec.Caption is not null)
        {
            Error(spec.At, "a carousel's child has no caption of its own");
        }

        if (spec.Type == MediaType.Image && Image(spec.File, () => DemoImages.Jpeg(1080, 1080, Media.Count + 1)) is { } image)
        {
            media.FileKey = Store(id, "jpg", image);
        }
        else if (spec.Type == MediaType.Video)
        {
            var video = spec.File is null ? DemoAssets.Read(DemoAssets.Video) : Read(spec.File);
            if (video is not null && !IsMp4(video))
            {
                Error(spec.File!.At, $"'{spec.File.Path}' is not an MP4 video");
            }

            var thumbnail = Image(spec.Thumbnail, () => DemoAssets.Read(DemoAssets.VideoThumbnail));
            media.FileKey = video is null ? null : Store(id, "mp4", video);
            media.ThumbnailKey = thumbnail is null ? null : Store(id, "jpg", thumbnail);
        }

        Media.Add(media);
        _media[id] = media;
        _specMedia[spec] = media;
        for (var i = 0; i < spec.Children.Count; i++)
        {
            AddMedia(spec.Children[i], media, i);
        }

        if (spec.Type == MediaType.CarouselAlbum)
        {
            media.FileKey = Media.FirstOrDefault(m => m.ParentId == id)?.FileKey;
        }
    }

    private void AddMediaPeople(MediaSpec spec)
    {
        foreach (var child in spec.Children)
        {
            AddMediaPeople(child);
        }

        if (!_specMedia.TryGetValue(spec, out var media))
        {
            return;
        }

        foreach (var tag in spec.Tags)
        {
            if (Resolve(tag, "account", NodeKind.Account) is { } account)
            {
                UserTags.Add(new UserTag { MediaId = media.Id, AccountId = account });
            }
        }

        AddLikes(spec.Likes, (account, at) => MediaLikes.Add(new MediaLike { MediaId = media.Id, AccountId = account, CreatedAt = at }));
    }

    private void AddLikes(List<LikeSpec> likes, Action<long, long> add)
    {
        var seen = new HashSet<long>();
        foreach (var like in likes)
        {
            if (Resolve(like.Account, "account", NodeKind.Account) is { } account)
            {
                if (!seen.Add(account))
                {
                    Error(like.Account.At, $"'{like.Account.Key}' likes it twice");
                    continue;
                }

                add(account, Time(like.Created, _now));
            }
        }
    }

    private void AddComment(CommentSpec spec)
    {
        var id = IdFor(NodeKind.Comment, spec.Id);
        Key(spec.Key, NodeKind.Comment, id, spec.At);
        long? parentId = spec.ReplyTo is { } replyTo ? Resolve(replyTo, "comment", NodeKind.Comment) : null;
        if (parentId is { } p && _comments.TryGetValue(p, out var parent) && parent.ParentId is not null)
        {
            Error(spec.ReplyTo!.Value.At, "a reply answers a top-level comment, not another reply");
        }

        var mediaId = spec.Media is { } media ? Resolve(media, "media item", NodeKind.Media) : parentId is { } pid && _comments.TryGetValue(pid, out var top) ? top.MediaId : null;
        if (parentId is { } replied && _comments.TryGetValue(replied, out var thread) && mediaId is { } m && thread.MediaId != m)
        {
            Error(spec.At, "a reply is on the same media item as the comment it answers");
        }

        var author = Resolve(spec.Author, "account", NodeKind.Account);
        if (spec.Text.Length > 2_200)
        {
            Error(spec.At, "a comment has at most 2,200 characters");
        }

        var comment = new Comment
        {
            Id = id,
            MediaId = mediaId ?? 0,
            AuthorId = author ?? 0,
            Text = spec.Text,
            CreatedAt = Time(spec.Created, _now),
            ParentId = parentId,
            Hidden = spec.Hidden,
        };
        Comments.Add(comment);
        _comments[id] = comment;
        AddLikes(spec.Likes, (account, at) => CommentLikes.Add(new CommentLike { CommentId = id, AccountId = account, CreatedAt = at }));
    }

    /// <summary>Hashtags and @-mentions are what the captions and comments say, recorded as Instagram records them when they are written.</summary>
    private void RecordText(List<string> declared)
    {
        var hashtags = new Dictionary<string, Hashtag>(StringComparer.Ordinal);
        var usernames = _accounts.Values.DistinctBy(a => a.Username, StringComparer.Ordinal).ToDictionary(a => a.Username, a => a.Id, StringComparer.Ordinal);
        Hashtag Tag(string name)
        {
            if (!hashtags.TryGetValue(name, out var hashtag))
            {
                hashtag = new Hashtag { Id = IdFor(NodeKind.Hashtag, null), Name = name };
                hashtags.Add(name, hashtag);
                Hashtags.Add(hashtag);
            }

            return hashtag;
        }

        foreach (var name in declared)
        {
            if (TextEntities.HashtagName(name) is { } tag)
            {
                Tag(tag);
            }
            else
            {
                _errors.Add(new FixtureError(0, "hashtags", $"'{name}' is not a hashtag name"));
            }
        }

        void Record(string? text, long mediaId, long? commentId, long at)
        {
            foreach (var name in TextEntities.Hashtags(text))
            {
                HashtagUses.Add(new HashtagUse { HashtagId = Tag(name).Id, MediaId = mediaId, CommentId = commentId, CreatedAt = at });
            }

            foreach (var username in TextEntities.Mentions(text))
            {
                if (usernames.TryGetValue(username, out var account))
                {
                    Mentions.Add(new Mention { AccountId = account, MediaId = mediaId, CommentId = commentId, CreatedAt = at });
                }
            }
        }

        foreach (var media in Media.Where(m => m.ParentId is null))
        {
            Record(media.Caption, media.Id, null, media.CreatedAt);
        }

        foreach (var comment in Comments)
        {
            Record(comment.Text, comment.MediaId, comment.Id, comment.CreatedAt);
        }
    }

    private void AddToken(TokenSpec spec)
    {
        var appId = Resolve(spec.App, "app", NodeKind.App);
        var kinds = spec.Kind == TokenKind.Page ? [NodeKind.Page] : spec.Flavour == TokenFlavour.Facebook ? new[] { NodeKind.FacebookUser } : [NodeKind.Account];
        var subject = Resolve(spec.Subject, spec.Kind == TokenKind.Page ? "Page" : spec.Flavour == TokenFlavour.Facebook ? "Facebook user" : "Instagram account", kinds);
        long? onBehalfOf = spec.OnBehalfOf is { } user ? Resolve(user, "Facebook user", NodeKind.FacebookUser) : null;
        if (spec.Kind == TokenKind.Page && (spec.Flavour != TokenFlavour.Facebook || spec.OnBehalfOf is null))
        {
            Error(spec.At, "a Page token has flavour facebook and names the Facebook user who obtained it (on_behalf_of)");
        }

        foreach (var scope in spec.Scopes)
        {
            if (!Permissions.All.TryGetValue(scope, out var permission))
            {
                Error(spec.At, $"'{scope}' is not a permission");
            }
            else if (permission.Flavour != spec.Flavour)
            {
                Error(spec.At, $"'{scope}' is not granted to {spec.Flavour} tokens");
            }
        }

        var value = spec.Hash is null ? spec.Value ?? TokenText.Prefix(spec.Flavour) + Base64Url.EncodeToString(Derived("token", spec.Key)) : spec.Value;
        if (value is not null && (!TokenText.LooksValid(value) || !value.StartsWith(TokenText.Prefix(spec.Flavour), StringComparison.Ordinal)))
        {
            Error(spec.At, $"a {spec.Flavour} token starts with '{TokenText.Prefix(spec.Flavour)}' and has only letters, digits, '-' and '_' (9 to 512 characters)");
        }

        var hash = spec.Hash ?? TokenText.Hash(value ?? "");
        if (value is not null && spec.Hash is not null && !hash.AsSpan().SequenceEqual(TokenText.Hash(value)))
        {
            Error(spec.At, "the token's value and hash do not match");
        }

        if (Tokens.Any(t => t.Key == spec.Key))
        {
            Error(spec.At, $"two tokens have the key '{spec.Key}'");
        }

        if (Tokens.Any(t => t.Row.Hash.AsSpan().SequenceEqual(hash)))
        {
            Error(spec.At, "two tokens have the same value");
        }

        var issued = Time(spec.Issued, _now);
        var expires = spec.NeverExpires ? 0 : spec.Expires is { } at ? at.Resolve(_now) : spec.Kind switch
        {
            TokenKind.ShortLived => issued + (long)TokenService.ShortLivedLifetime.TotalSeconds,
            TokenKind.LongLived => issued + (long)TokenService.LongLivedLifetime.TotalSeconds,
            _ => 0,
        };
        Tokens.Add((new AccessToken
        {
            Hash = hash,
            AppId = appId ?? 0,
            SubjectId = subject ?? 0,
            OnBehalfOfId = onBehalfOf,
            Flavour = spec.Flavour,
            Kind = spec.Kind,
            Scopes = string.Join(',', spec.Scopes.Distinct(StringComparer.Ordinal)),
            IssuedAt = issued,
            ExpiresAt = expires,
        }, value, spec.Key, spec.Subject.Key));
    }

    private void AddEvent(EventSpec spec)
    {
        long? mediaId = spec.Media is { } media ? Resolve(media, "media item", NodeKind.Media) : null;
        long? account = spec.Media is not null && spec.Account.Key == spec.Media.Value.Key
            ? mediaId is { } m ? _media[m].OwnerId : null
            : Resolve(spec.Account, "account", NodeKind.Account);
        long? actor = spec.Actor is { } who ? Resolve(who, "account", NodeKind.Account) : null;
        Events.Add(new InsightEvent { AccountId = account ?? 0, MediaId = mediaId, ActorId = actor, Kind = spec.Kind, Detail = spec.Detail, CreatedAt = Time(spec.Created, _now) });
    }

    private byte[]? Image(FileSpec? spec, Func<byte[]> fallback)
    {
        if (spec is null)
        {
            return fallback();
        }

        if (spec.GenerateSeed is { } seed)
        {
            return DemoImages.Jpeg(spec.Width, spec.Height, seed);
        }

        var bytes = Read(spec);
        if (bytes is not null && !(bytes.Length > 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF))
        {
            Error(spec.At, $"'{spec.Path}' is not a JPEG image");
            return null;
        }

        return bytes;
    }

    private byte[]? Read(FileSpec spec)
    {
        if (!_files.TryGetValue(spec.Path!, out var bytes))
        {
            bytes = _files[spec.Path!] = _source.Read(spec.Path!);
        }

        if (bytes is null)
        {
            Error(spec.At, $"no file '{spec.Path}' beside {_source.Origin}");
        }

        return bytes;
    }

    private static bool IsMp4(byte[] bytes) => bytes.Length > 12 && bytes.AsSpan(4, 4).SequenceEqual("ftyp"u8);

    private string Store(long id, string extension, byte[] bytes)
    {
        var key = MediaKey.For(id, extension);
        Files[key] = bytes;
        return key;
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex HexSecret();

    [GeneratedRegex("^[A-Za-z0-9._]{1,30}$")]
    private static partial Regex Username();
}
