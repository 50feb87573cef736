using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pictograph.Data;
using Pictograph.Insights;

namespace Pictograph.Fixtures;

/// <summary>Reads a fixture's text (YAML, or JSON, which YAML reads too) into a <see cref="FixtureDocument"/>, listing every mistake of shape and type.</summary>
public static class FixtureParser
{
    public static readonly IReadOnlyDictionary<string, AppMode> Modes = new Dictionary<string, AppMode> { ["development"] = AppMode.Development, ["live"] = AppMode.Live };

    public static readonly IReadOnlyDictionary<string, AppRoleKind> Roles = new Dictionary<string, AppRoleKind>
    {
        ["administrator"] = AppRoleKind.Administrator, ["developer"] = AppRoleKind.Developer, ["tester"] = AppRoleKind.Tester,
    };

    public static readonly IReadOnlyDictionary<string, AccountType> AccountTypes = new Dictionary<string, AccountType>
    {
        ["personal"] = AccountType.Personal, ["business"] = AccountType.Business, ["creator"] = AccountType.MediaCreator,
    };

    public static readonly IReadOnlyDictionary<string, MediaType> MediaTypes = new Dictionary<string, MediaType>
    {
        ["image"] = MediaType.Image, ["video"] = MediaType.Video, ["carousel"] = MediaType.CarouselAlbum,
    };

    public static readonly IReadOnlyDictionary<string, MediaProductType> Products = new Dictionary<string, MediaProductType>
    {
        ["feed"] = MediaProductType.Feed, ["story"] = MediaProductType.Story, ["reels"] = MediaProductType.Reels, ["ad"] = MediaProductType.Ad,
    };

    public static readonly IReadOnlyDictionary<string, TokenFlavour> Flavours = new Dictionary<string, TokenFlavour>
    {
        ["basic_display"] = TokenFlavour.BasicDisplay, ["instagram_login"] = TokenFlavour.InstagramLogin, ["facebook"] = TokenFlavour.Facebook,
    };

    public static readonly IReadOnlyDictionary<string, TokenKind> TokenKinds = new Dictionary<string, TokenKind>
    {
        ["short_lived"] = TokenKind.ShortLived, ["long_lived"] = TokenKind.LongLived, ["page"] = TokenKind.Page,
    };

    public static readonly IReadOnlySet<string> EventKinds = new HashSet<string>(StringComparer.Ordinal)
    {
        InsightEventKinds.View, InsightEventKinds.ProfileView, InsightEventKinds.ProfileLinkTap, InsightEventKinds.WebsiteClick, InsightEventKinds.Save,
        InsightEventKinds.Share, InsightEventKinds.Repost, InsightEventKinds.Follow, InsightEventKinds.Unfollow, InsightEventKinds.Navigation,
        InsightEventKinds.Reply, InsightEventKinds.LinkClick,
    };

    public static FixtureDocument? Parse(string text, List<FixtureError> errors)
    {
        var root = YamlTree.Parse(text, errors);
        var reader = new FixtureReader(errors);
        if (root is null)
        {
            if (errors.Count == 0)
            {
                errors.Add(new FixtureError(1, "", "the fixture is empty"));
            }

            return null;
        }

        if (reader.Map(root, "") is not { } top)
        {
            return null;
        }

        var document = new FixtureDocument(
            top.Text("name"),
            [.. Each(top, "apps", App)],
            [.. Each(top, "facebook_users", FacebookUser)],
            [.. Each(top, "accounts", Account)],
            [.. Each(top, "pages", Page)],
            [.. Each(top, "follows", Follow)],
            top.Texts("hashtags"),
            [.. Each(top, "media", m => Media(m, child: false))],
            [.. Each(top, "comments", Comment)],
            [.. Each(top, "tokens", Token)],
            [.. Each(top, "engagement", Event)],
            Faults(top));
        top.Done();
        return document;
    }

    private static IEnumerable<T> Each<T>(MapReader parent, string name, Func<MapReader, T?> read)
        where T : class
    {
        foreach (var (node, path) in parent.Items(name))
        {
            if (parent.Reader.Map(node, path) is { } map)
            {
                var item = read(map);
                map.Done();
                if (item is not null)
                {
                    yield return item;
                }
            }
        }
    }

    private static Place PlaceOf(MapReader map) => new(map.Node.Line, map.Path);

    private static Ref? Reference(MapReader map, string name, bool required = false)
    {
        var node = map[name];
        if (map.Text(name, required) is not { Length: > 0 } key)
        {
            return null;
        }

        return new Ref(key, new Place(node!.Line, map.At(name)));
    }

    private static string Required(MapReader map, string name) => map.Text(name, required: true) ?? "";

    private static AppSpec App(MapReader map)
    {
        var roles = new List<(Ref, AppRoleKind)>();
        if (map.Map("roles") is { } roleMap)
        {
            foreach (var (person, value) in roleMap.Node.Entries)
            {
                var path = roleMap.At(person.Text);
                if (map.Reader.Choice(value, path, Roles) is { } role)
                {
                    roles.Add((new Ref(person.Text, new Place(person.Line, path)), role));
                }
            }
        }

        return new AppSpec(PlaceOf(map), Required(map, "key"), map.Integer("id"), map.Text("secret"), Required(map, "name"),
            map.Choice("mode", Modes) ?? AppMode.Development, map.Time("created"), map.Texts("redirect_uris"),
            map.Text("deauthorize_callback_url"), map.Text("data_deletion_callback_url"), map.Boolean("require_app_secret_proof") ?? false,
            roles, [.. Each(map, "webhooks", Webhook)]);
    }

    private static WebhookSpec Webhook(MapReader map) =>
        new(PlaceOf(map), map.Text("object") ?? "instagram", Required(map, "callback_url"), Required(map, "verify_token"), map.Texts("fields"),
            map.Boolean("active") ?? true, map.Time("updated"));

    private static FacebookUserSpec FacebookUser(MapReader map)
    {
        var email = Required(map, "email");
        return new FacebookUserSpec(PlaceOf(map), map.Text("key") ?? email, map.Integer("id"), Required(map, "name"), email,
            map.Text("password"), map.Text("password_hash"), map.Time("created"));
    }

    private static FileSpec? File(MapReader parent, string name)
    {
        var node = parent[name];
        var path = parent.At(name);
        if (node is YamlScalar)
        {
            return parent.Text(name) is { } file ? new FileSpec(new Place(node.Line, path), file, null, 0, 0) : null;
        }

        if (parent.Map(name) is not { } map)
        {
            return null;
        }

        var seed = map.Integer("generate");
        var (width, height) = (map.Integer("width") ?? 1080, map.Integer("height") ?? 1080);
        map.Done();
        if (seed is null)
        {
            map.Missing("generate");
            return null;
        }

        if (width is < 16 or > 4096 || height is < 16 or > 4096)
        {
            map.Reader.Error(map.Node, path, "width and height must be between 16 and 4096 pixels");
        }

        return new FileSpec(new Place(node!.Line, path), null, (int)seed, (int)width, (int)height);
    }

    private static AccountSpec Account(MapReader map)
    {
        var username = Required(map, "username");
        var subscriptions = new List<(Ref, List<string>, FixtureTime?)>();
        foreach (var (node, path) in map.Items("subscribed_apps"))
        {
            if (map.Reader.Map(node, path) is { } sub)
            {
                if (Reference(sub, "app", required: true) is { } app)
                {
                    subscriptions.Add((app, sub.Texts("fields"), sub.Time("created")));
                }

                sub.Done();
            }
        }

        var birthYear = map.Integer("birth_year");
        return new AccountSpec(PlaceOf(map), map.Text("key") ?? username, map.Integer("id"), username,
            map.Choice("type", AccountTypes) ?? AccountType.Personal, map.Text("name"), map.Text("biography"), map.Text("website"),
            map.Text("password"), map.Text("password_hash"), map.Time("created"), File(map, "picture"), map.Text("country"), map.Text("city"),
            map.Text("gender"), birthYear is { } year ? (int)Math.Clamp(year, 0, 9999) : null, subscriptions);
    }

    private static PageSpec Page(MapReader map)
    {
        var roles = new List<(Ref, List<string>)>();
        if (map.Map("roles") is { } roleMap)
        {
            foreach (var (user, value) in roleMap.Node.Entries)
            {
                var path = roleMap.At(user.Text);
                roles.Add((new Ref(user.Text, new Place(user.Line, path)), map.Reader.Texts(value, path)));
            }
        }

        return new PageSpec(PlaceOf(map), Required(map, "key"), map.Integer("id"), Required(map, "name"), map.Text("category") ?? "Brand",
            Reference(map, "instagram"), roles);
    }

    private static FollowSpec? Follow(MapReader map)
    {
        var (follower, followee) = (Reference(map, "follower", required: true), Reference(map, "followee", required: true));
        var created = map.Time("created");
        return follower is { } a && followee is { } b ? new FollowSpec(PlaceOf(map), a, b, created) : null;
    }

    private static List<LikeSpec> Likes(MapReader map)
    {
        var likes = new List<LikeSpec>();
        foreach (var (node, path) in map.Items("likes"))
        {
            if (node is YamlScalar)
            {
                if (map.Reader.Text(node, path) is { } key)
                {
                    likes.Add(new LikeSpec(new Ref(key, new Place(node.Line, path)), null));
                }
            }
            else if (map.Reader.Map(node, path) is { } like)
            {
                if (Reference(like, "account", required: true) is { } account)
                {
                    likes.Add(new LikeSpec(account, like.Time("created")));
                }
                else
                {
                    like.Time("created");
                }

                like.Done();
            }
        }

        return likes;
    }

    private static MediaSpec? Media(MapReader map, bool child)
    {
        var owner = child ? new Ref("", PlaceOf(map)) : Reference(map, "owner", required: true);
        var type = map.Choice("type", MediaTypes) ?? MediaType.Image;
        var product = child ? MediaProductType.Feed : map.Choice("product", Products) ?? MediaProductType.Feed;
        var children = new List<MediaSpec>();
        foreach (var (node, path) in map.Items("children"))
        {
            if (map.Reader.Map(node, path) is { } childMap)
            {
                if (Media(childMap, child: true) is { } item)
                {
                    children.Add(item);
                }

                childMap.Done();
            }
        }

        var tags = new List<Ref>();
        foreach (var (node, path) in map.Items("tags"))
        {
            if (map.Reader.Text(node, path) is { } key)
            {
                tags.Add(new Ref(key, new Place(node.Line, path)));
            }
        }

        var spec = new MediaSpec(PlaceOf(map), map.Text("key"), map.Integer("id"), owner ?? default, type, product, map.Text("caption"), map.Time("created"),
            File(map, "file"), File(map, "thumbnail"), children, map.Text("alt_text"), map.Boolean("comments_enabled") ?? true, map.Boolean("share_to_feed"),
            tags, Likes(map));
        if (type == MediaType.CarouselAlbum && (child || children.Count == 0))
        {
            map.Reader.Error(map.Node, map.Path, child ? "a carousel cannot be a carousel's child" : "a carousel needs 'children' (its images and videos)");
        }
        else if (type != MediaType.CarouselAlbum && map.Node.Entries.Any(e => e.Key.Text == "children"))
        {
            map.Reader.Error(map.Node, map.At("children"), "only a carousel has children");
        }

        if (type != MediaType.Video && spec.Thumbnail is not null)
        {
            map.Reader.Error(map.Node, map.At("thumbnail"), "only a video has a thumbnail");
        }

        return owner is null ? null : spec;
    }

    private static CommentSpec? Comment(MapReader map)
    {
        var media = Reference(map, "media");
        var replyTo = Reference(map, "reply_to");
        if (media is null && replyTo is null)
        {
            map.Missing("media");
        }

        var author = Reference(map, "author", required: true);
        var text = Required(map, "text");
        var spec = new CommentSpec(PlaceOf(map), map.Text("key"), map.Integer("id"), media, replyTo, author ?? default, text, map.Time("created"),
            map.Boolean("hidden") ?? false, Likes(map));
        return author is null ? null : spec;
    }

    private static TokenSpec? Token(MapReader map)
    {
        var key = Required(map, "key");
        var app = Reference(map, "app", required: true);
        var subject = Reference(map, "user", required: true);
        var onBehalfOf = Reference(map, "on_behalf_of");
        var flavour = map.Choice("flavour", Flavours, required: true);
        var kind = map.Choice("kind", TokenKinds) ?? TokenKind.LongLived;
        var scopes = map.Texts("scopes");
        var value = map.Text("value");
        byte[]? hash = null;
        if (map.Text("hash") is { } hex)
        {
            try
            {
                hash = Convert.FromHexString(hex);
            }
            catch (FormatException)
            {
            }

            if (hash is not { Length: 32 })
            {
                map.Reader.Error(map.Node, map.At("hash"), "a token's hash is the SHA-256 of its text, 64 hex digits");
                hash = null;
            }
        }

        var issued = map.Time("issued");
        var never = map["expires"] is YamlScalar { Text: "never" };
        var expires = never ? null : map.Time("expires");
        return app is { } a && subject is { } s && flavour is { } f
            ? new TokenSpec(PlaceOf(map), key, a, s, onBehalfOf, f, kind, scopes, value, hash, issued, expires, never)
            : null;
    }

    private static EventSpec? Event(MapReader map)
    {
        var account = Reference(map, "account");
        var media = Reference(map, "media");
        if (account is null && media is null)
        {
            map.Missing("account");
        }

        var kindNode = map["kind"];
        var kind = map.Text("kind", required: true);
        if (kind is not null && !EventKinds.Contains(kind))
        {
            map.Reader.Error(kindNode!, map.At("kind"), $"'{kind}' is not one of: {string.Join(", ", EventKinds)}");
        }

        // Every key is read (and checked) even when the event is already refused; found by fuzzing: an event with
        // neither account nor media threw here.
        var (actor, detail, created) = (Reference(map, "actor"), map.Text("detail"), map.Time("created"));
        return (account ?? media) is { } subject && kind is not null ? new EventSpec(PlaceOf(map), subject, kind, media, actor, detail, created) : null;
    }

    /// <summary>Fault rules are the faults capability's to read: here each only has to be an object, handed on as JSON.</summary>
    private static List<JsonElement> Faults(MapReader top)
    {
        var rules = new List<JsonElement>();
        foreach (var (node, path) in top.Items("faults"))
        {
            if (node is YamlMap)
            {
                rules.Add(JsonSerializer.SerializeToElement(ToJson(node)));
            }
            else
            {
                top.Reader.Error(node, path, "a fault rule is a mapping (match, error or drop, latency, probability, times)");
            }
        }

        return rules;
    }

    /// <summary>The JSON value of a YAML node, typed as YAML's core schema types plain scalars (numbers, booleans, null).</summary>
    public static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMap map => new JsonObject(map.Entries.Select(e => KeyValuePair.Create(e.Key.Text, ToJson(e.Value)))),
        YamlList list => new JsonArray([.. list.Items.Select(ToJson)]),
        YamlScalar { IsNull: true } => null,
        YamlScalar { Plain: true, Text: "true" or "false" } s => JsonValue.Create(s.Text == "true"),
        YamlScalar { Plain: true } s when long.TryParse(s.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) && !s.Text.StartsWith('+') => JsonValue.Create(whole),
        YamlScalar { Plain: true } s when s.Text.Length > 0 && (char.IsAsciiDigit(s.Text[0]) || s.Text[0] == '-' && s.Text.Length > 1 && char.IsAsciiDigit(s.Text[1]))
            && double.TryParse(s.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) => JsonValue.Create(real),
        YamlScalar s => JsonValue.Create(s.Text),
        _ => null,
    };
}
