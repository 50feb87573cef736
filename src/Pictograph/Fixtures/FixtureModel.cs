using System.Text.Json;
using Pictograph.Data;

namespace Pictograph.Fixtures;

/// <summary>Where an item or a reference was written, for the errors found after parsing (dangling references, duplicates).</summary>
public readonly record struct Place(int Line, string Path)
{
    public FixtureError Error(string reason) => new(Line, Path, reason);
}

/// <summary>A key naming another item of the fixture (<c>owner: shop</c>).</summary>
public readonly record struct Ref(string Key, Place At);

/// <summary>A fixture as written, every reference still a key. Lists keep the file's order, which is the order ids are given in.</summary>
public sealed record FixtureDocument(
    string? Name,
    List<AppSpec> Apps,
    List<FacebookUserSpec> FacebookUsers,
    List<AccountSpec> Accounts,
    List<PageSpec> Pages,
    List<FollowSpec> Follows,
    List<string> Hashtags,
    List<MediaSpec> Media,
    List<CommentSpec> Comments,
    List<TokenSpec> Tokens,
    List<EventSpec> Engagement,
    List<JsonElement> Faults);

public sealed record AppSpec(Place At, string Key, long? Id, string? Secret, string Name, AppMode Mode, FixtureTime? Created, List<string> RedirectUris,
    string? DeauthorizeCallbackUrl, string? DataDeletionCallbackUrl, bool RequireAppSecretProof, List<(Ref Person, AppRoleKind Role)> Roles, List<WebhookSpec> Webhooks);

public sealed record WebhookSpec(Place At, string Object, string CallbackUrl, string VerifyToken, List<string> Fields, bool Active, FixtureTime? Updated);

public sealed record FacebookUserSpec(Place At, string Key, long? Id, string Name, string Email, string? Password, string? PasswordHash, FixtureTime? Created);

/// <summary>A profile picture or media file: a file beside the fixture, or one drawn from a seed.</summary>
public sealed record FileSpec(Place At, string? Path, int? GenerateSeed, int Width, int Height);

public sealed record AccountSpec(Place At, string Key, long? Id, string Username, AccountType Type, string? Name, string? Biography, string? Website,
    string? Password, string? PasswordHash, FixtureTime? Created, FileSpec? Picture, string? Country, string? City, string? Gender, int? BirthYear,
    List<(Ref App, List<string> Fields, FixtureTime? At)> SubscribedApps);

public sealed record PageSpec(Place At, string Key, long? Id, string Name, string Category, Ref? Instagram, List<(Ref User, List<string> Tasks)> Roles);

public sealed record FollowSpec(Place At, Ref Follower, Ref Followee, FixtureTime? Created);

public sealed record LikeSpec(Ref Account, FixtureTime? Created);

public sealed record MediaSpec(Place At, string? Key, long? Id, Ref Owner, MediaType Type, MediaProductType Product, string? Caption, FixtureTime? Created,
    FileSpec? File, FileSpec? Thumbnail, List<MediaSpec> Children, string? AltText, bool CommentsEnabled, bool? ShareToFeed, List<Ref> Tags, List<LikeSpec> Likes);

public sealed record CommentSpec(Place At, string? Key, long? Id, Ref? Media, Ref? ReplyTo, Ref Author, string Text, FixtureTime? Created, bool Hidden, List<LikeSpec> Likes);

public sealed record TokenSpec(Place At, string Key, Ref App, Ref Subject, Ref? OnBehalfOf, TokenFlavour Flavour, TokenKind Kind, List<string> Scopes,
    string? Value, byte[]? Hash, FixtureTime? Issued, FixtureTime? Expires, bool NeverExpires);

public sealed record EventSpec(Place At, Ref Account, string Kind, Ref? Media, Ref? Actor, string? Detail, FixtureTime? Created);
