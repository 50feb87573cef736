using Microsoft.Extensions.DependencyInjection;
using Pictograph.Data;
using Pictograph.Jobs;
using Pictograph.Tests.Business;
using Pictograph.Tests.Facebook;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Publishing;

/// <summary>
/// Publishing with Facebook Login: a fresh business account linked to a new Page the demo developer manages,
/// and the developer's token, so counts start at zero; requests name the account's id in the path.
/// </summary>
public static class ManagedPublishing
{
    public const string Scopes = "public_profile,pages_show_list,instagram_basic,instagram_content_publish,instagram_manage_comments,instagram_manage_contents";

    public static async Task<Publisher> NewManagedPublisherAsync(this PictographServer server, string scopes = Scopes)
    {
        var username = $"managed_{Guid.NewGuid().ToString("N")[..10]}";
        var id = await server.AddAccountAsync(username, AccountType.Business);
        var pageId = await server.NextIdAsync(NodeKind.Page);
        var developer = server.Developer().Id;
        await server.SeedAsync(db =>
        {
            db.Pages.Add(new Page { Id = pageId, Name = username + " Page", Category = "Shopping & retail", InstagramAccountId = id });
            db.PageRoles.Add(new PageRole { PageId = pageId, FacebookUserId = developer, Tasks = "MANAGE,CREATE_CONTENT,MODERATE,ADVERTISE,ANALYZE" });
        });
        return new Publisher(id, username, await server.DeveloperTokenAsync(scopes));
    }

    public static Task<GraphResponse> CreateManagedContainerAsync(this PictographServer server, Publisher publisher, params (string Name, string Value)[] form) =>
        server.PostFormAsync($"/v25.0/{publisher.Id}/media", [.. form, ("access_token", publisher.Token)]);

    public static Task<GraphResponse> PublishManagedAsync(this PictographServer server, Publisher publisher, long containerId) =>
        server.PostFormAsync($"/v25.0/{publisher.Id}/media_publish", ("creation_id", DemoData.Id(containerId)), ("access_token", publisher.Token));

    /// <summary>Polls the container until it leaves IN_PROGRESS, with the fields asked.</summary>
    public static async Task<GraphResponse> WaitForManagedAsync(this PictographServer server, Publisher publisher, long containerId, string fields = "id,status,status_code")
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            server.Services.GetRequiredService<JobQueue>().Wake();
            var status = await server.GetAsync($"/{containerId}?fields={fields}&access_token={publisher.Token}");
            if (status.Status != 200 || status.Json.GetProperty("status_code").GetString() != "IN_PROGRESS" || DateTime.UtcNow > deadline)
            {
                return status;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>A container made from a URL, processed and published: the media id.</summary>
    public static async Task<long> PublishFromUrlAsync(this PictographServer server, Publisher publisher, params (string Name, string Value)[] form)
    {
        var container = (await server.CreateManagedContainerAsync(publisher, form)).CreatedId();
        var status = await server.WaitForManagedAsync(publisher, container);
        Assert.True(status.Json.GetProperty("status_code").GetString() == "FINISHED", status.Body);
        return (await server.PublishManagedAsync(publisher, container)).CreatedId();
    }
}
