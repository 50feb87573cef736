using Microsoft.Extensions.DependencyInjection;
using Pictograph.Data;
using Pictograph.Jobs;
using Pictograph.Tests.Business;
using Pictograph.Tests.Facebook;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Publishing;

/// <summary>A server of its own for the publishing tests (they create accounts, containers and media) and the web server media are fetched from.</summary>
[CollectionDefinition(Name)]
public sealed class PublishingCollection : ICollectionFixture<PublishingFixture>
{
    public const string Name = "publishing server";
}

/// <summary>The server may fetch from loopback (where <see cref="Host"/> listens); a fetch gives up after 3 s.</summary>
public sealed class PublishingFixture : IAsyncLifetime
{
    public PictographServer Server { get; } = new() { ExtraArgs = ["--Pictograph:OutboundAllowList:0=127.0.0.0/8", "--Pictograph:Publishing:FetchTimeout=00:00:03"] };

    public MediaHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Server.InitializeAsync();
        Host = await MediaHost.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Server.DisposeAsync();
    }
}

/// <summary>A fresh professional account with a publishing token, and containers made straight in the database.</summary>
public sealed record Publisher(long Id, string Username, string Token);

public static class PublishingWorld
{
    public const string InstagramScopes = "instagram_business_basic,instagram_business_content_publish";
    public const string FacebookScopes = "public_profile,pages_show_list,instagram_basic,instagram_content_publish";

    private static int _accounts;

    /// <summary>A new business account (so counts and quotas start at zero) with an Instagram Login publishing token.</summary>
    public static async Task<Publisher> NewPublisherAsync(this PictographServer server, string scopes = InstagramScopes)
    {
        var username = $"publisher_{Interlocked.Increment(ref _accounts)}_{Guid.NewGuid().ToString("N")[..6]}";
        var id = await server.AddAccountAsync(username, AccountType.Business);
        var token = await server.IssueTokenAsync(id, TokenFlavour.InstagramLogin, scopes);
        return new Publisher(id, username, token);
    }

    /// <summary>A container as processing leaves it, using a demo file that exists in the store.</summary>
    public static async Task<long> AddContainerAsync(
        this PictographServer server,
        long ownerId,
        ContainerKind kind = ContainerKind.Image,
        ContainerState state = ContainerState.Finished,
        string? caption = null,
        bool isCarouselItem = false,
        long? createdAt = null,
        string? userTags = null)
    {
        var id = await server.NextIdAsync(NodeKind.Container);
        var mediaId = await server.NextIdAsync(NodeKind.Media);
        var type = kind is ContainerKind.Video or ContainerKind.Reels ? MediaType.Video : MediaType.Image;
        var demo = server.Read(db => db.Media.First(m => m.MediaType == type && m.FileKey != null));
        await server.SeedAsync(db => db.Containers.Add(new MediaContainer
        {
            Id = id,
            MediaId = mediaId,
            OwnerId = ownerId,
            AppId = server.Demo.AppId,
            Kind = kind,
            IsCarouselItem = isCarouselItem,
            ImageUrl = kind is ContainerKind.Video or ContainerKind.Reels ? null : "https://example.com/photo.jpg",
            VideoUrl = kind is ContainerKind.Video or ContainerKind.Reels ? "https://example.com/clip.mp4" : null,
            Caption = caption,
            UserTags = userTags,
            State = state,
            ErrorCode = state == ContainerState.Error ? 36001 : null,
            ErrorSubcode = state == ContainerState.Error ? 2207005 : null,
            FileType = state == ContainerState.Finished ? demo.MediaType : null,
            FileKey = state == ContainerState.Finished ? demo.FileKey : null,
            ThumbnailKey = state == ContainerState.Finished ? demo.ThumbnailKey : null,
            CreatedAt = createdAt ?? server.Now(),
        }));
        return id;
    }

    public static Task<GraphResponse> CreateContainerAsync(this PictographServer server, Publisher publisher, params (string Name, string Value)[] form) =>
        server.PostFormAsync("/me/media", [.. form, ("access_token", publisher.Token)]);

    public static Task<GraphResponse> PublishAsync(this PictographServer server, Publisher publisher, long containerId) =>
        server.PostFormAsync("/me/media_publish", ("creation_id", DemoData.Id(containerId)), ("access_token", publisher.Token));

    public static Task<GraphResponse> StatusAsync(this PictographServer server, Publisher publisher, long containerId) =>
        server.GetAsync($"/{containerId}?fields=id,status,status_code&access_token={publisher.Token}");

    /// <summary>Polls the container until it leaves IN_PROGRESS (processing runs in the background).</summary>
    public static async Task<GraphResponse> WaitForStatusAsync(this PictographServer server, Publisher publisher, long containerId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            server.Services.GetRequiredService<JobQueue>().Wake();
            var status = await server.StatusAsync(publisher, containerId);
            if (status.Status != 200 || status.Json.GetProperty("status_code").GetString() != "IN_PROGRESS" || DateTime.UtcNow > deadline)
            {
                return status;
            }

            await Task.Delay(100);
        }
    }

    public static long CreatedId(this GraphResponse response)
    {
        Assert.True(response.Status == 200, response.Body);
        return long.Parse(response.Json.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
    }
}
