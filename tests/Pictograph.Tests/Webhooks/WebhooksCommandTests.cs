using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pictograph.Data;
using Pictograph.Seed;
using Pictograph.Tests.Cli;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Webhooks;

/// <summary><c>pictograph webhooks subscribe | list | log</c>, run as real processes on the seeded data directory.</summary>
[Collection(CliCollection.Name)]
public sealed class WebhooksCommandTests(CliWorld world)
{
    private Task<CliResult> RunAsync(params string[] args) => PictographCli.RunAsync([.. args, "--data-dir", world.DataDirectory]);

    private T Read<T>(Func<PictographDb, T> read)
    {
        using var scope = world.Server.Services.CreateScope();
        return read(scope.ServiceProvider.GetRequiredService<PictographDb>());
    }

    private string DemoApp => DemoData.Id(Read(db => db.Apps.AsNoTracking().Single(a => a.Name == DemoWorld.AppName).Id));

    [Fact]
    public async Task Subscribe_runs_the_handshake_and_list_shows_the_subscription()
    {
        await using var receiver = await WebhookReceiver.StartAsync();

        var subscribed = await RunAsync("webhooks", "subscribe", "--app", DemoApp, "--callback", receiver.Url, "--verify-token", WebhookReceiver.VerifyToken,
            "--fields", "comments,mentions", WebhookWorld.AllowLoopback);
        var listed = await RunAsync("webhooks", "list", "--app", DemoApp);

        Assert.True(subscribed.ExitCode == 0, subscribed.ToString());
        Assert.Equal(1, receiver.Handshakes);
        Assert.Contains($"Subscribed app {DemoApp} to comments, mentions at {receiver.Url}", subscribed.StandardOutput, StringComparison.Ordinal);
        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Matches($@"(?m)^instagram\s+yes\s+{System.Text.RegularExpressions.Regex.Escape(receiver.Url)}\s+comments,mentions$", listed.StandardOutput);
    }

    [Fact]
    public async Task Subscribe_fails_with_the_reason_when_the_callback_cannot_be_verified()
    {
        await using var receiver = await WebhookReceiver.StartAsync();

        var privateAddress = await RunAsync("webhooks", "subscribe", "--app", DemoApp, "--callback", receiver.Url, "--verify-token", "t", "--fields", "comments");
        var badField = await RunAsync("webhooks", "subscribe", "--app", DemoApp, "--callback", receiver.Url, "--verify-token", "t", "--fields", "likes");

        Assert.Equal(1, privateAddress.ExitCode);
        Assert.Contains("(#2200) Callback verification failed", privateAddress.StandardError, StringComparison.Ordinal);
        Assert.Contains("private or reserved address", privateAddress.StandardError, StringComparison.Ordinal);
        Assert.Equal(1, badField.ExitCode);
        Assert.Contains("Param fields[0] must be one of", badField.StandardError, StringComparison.Ordinal);
        Assert.Equal(0, receiver.Handshakes);
    }

    [Fact]
    public async Task Help_lists_the_three_commands()
    {
        var help = await PictographCli.RunAsync("webhooks", "--help");

        Assert.True(help.ExitCode == 0, help.ToString());
        foreach (var command in new[] { "subscribe", "list", "log" })
        {
            Assert.Contains(command, help.StandardOutput, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Log_prints_the_apps_deliveries_newest_first()
    {
        var appId = long.Parse(DemoApp, System.Globalization.CultureInfo.InvariantCulture);
        using (var scope = world.Server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PictographDb>();
            var older = new WebhookDelivery { AppId = appId, Object = "instagram", Field = "comments", Payload = "{}", State = DeliveryState.Delivered, Attempts = 1, CreatedAt = 1_780_000_000_000 };
            var newer = new WebhookDelivery { AppId = appId, Object = "instagram", Field = "mentions", Payload = "{}", State = DeliveryState.Pending, Attempts = 1, CreatedAt = 1_780_000_060_000 };
            db.WebhookDeliveries.AddRange(older, newer);
            await db.SaveChangesAsync();
            db.WebhookAttempts.AddRange(
                new WebhookAttempt { DeliveryId = older.Id, At = older.CreatedAt, StatusCode = 200, LatencyMs = 12 },
                new WebhookAttempt { DeliveryId = newer.Id, At = newer.CreatedAt, StatusCode = 500, LatencyMs = 7, Error = "HTTP 500 Internal Server Error" });
            await db.SaveChangesAsync();
        }

        var log = await RunAsync("webhooks", "log", "--app", DemoApp);

        Assert.True(log.ExitCode == 0, log.ToString());
        var lines = log.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("ID", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^\d+\s+2026-05-28 \d\d:\d\d:\d\d\s+mentions\s+Pending\s+1\s+500\s+7\s+HTTP 500 Internal Server Error", lines[1]);
        Assert.Matches(@"^\d+\s+2026-05-28 \d\d:\d\d:\d\d\s+comments\s+Delivered\s+1\s+200\s+12\s*$", lines[2]);
    }
}
