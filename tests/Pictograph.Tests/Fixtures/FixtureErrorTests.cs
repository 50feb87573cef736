using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pictograph.Data;
using Pictograph.Fixtures;
using Pictograph.Hosting;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Fixtures;

/// <summary>A fixture with mistakes is refused with every mistake listed (line, path, reason), and nothing of it is loaded.</summary>
public sealed class FixtureErrorTests
{
    /// <summary>One mistake of each kind; the comment at the end of a line names what is wrong there.</summary>
    public const string Broken = """
        name: broken
        apps:
          - key: app
            name: App
            mode: sandbox
            colour: blue
        accounts:
          - key: shop
            username: corner_shop
            type: business
          - key: shop
            username: corner_shop
          - key: odd
            username: "not a username!"
            created: last tuesday
            birth_year: nineteen
            picture: notes.txt
        media:
          - owner: nobody
            caption: Lost
          - owner: shop
            type: video
            file: missing.mp4
        comments:
          - media: nowhere
            author: shop
            text: Hi
        tokens:
          - key: t
            app: app
            user: shop
            flavour: instagram_login
            scopes: [user_media, fly]
            value: nope
        """;

    [Fact]
    public async Task Every_mistake_is_listed_with_its_line_and_path_and_nothing_is_loaded()
    {
        using var files = new FixtureFiles(Broken);
        var dataDirectory = PictographCli.NewDataDirectory();
        try
        {
            await using var app = PictographApp.Build(["--urls=http://127.0.0.1:0", $"--Pictograph:DataDirectory={dataDirectory}", "--Logging:LogLevel:Default=Warning"]);

            var refused = await Assert.ThrowsAsync<FixtureException>(() => PictographApp.PrepareAsync(app.Services, seedDemo: true, fixture: FixtureSource.FromFile(files.FixturePath)));

            var errors = refused.Errors.Select(e => e.ToString()).ToList();
            string[] expected =
            [
                "line 5: apps[0].mode: 'sandbox' is not one of: development, live",
                "line 6: apps[0].colour: unknown key 'colour'",
                "line 11: accounts[1]: the key 'shop' is used twice (keys name one item across the whole fixture)",
                "line 11: accounts[1]: two accounts have the username 'corner_shop'",
                "line 13: accounts[2]: 'not a username!' is not an Instagram username (up to 30 letters, digits, '.' and '_')",
                "line 15: accounts[2].created: 'last tuesday' is not a time: use a span from now (-3d, -2h, +1w, now) or an instant (2026-06-01T12:00:00Z)",
                "line 16: accounts[2].birth_year: expected a whole number, not 'nineteen'",
                "line 17: accounts[2].picture: 'notes.txt' is not a JPEG image",
                "line 19: media[0].owner: no account has the key 'nobody'",
                "line 23: media[1].file: no file 'missing.mp4' beside " + files.FixturePath,
                "line 25: comments[0].media: no media item has the key 'nowhere'",
                "line 29: tokens[0]: '(fly)' is not a permission".Replace("(fly)", "fly", StringComparison.Ordinal),
                "line 29: tokens[0]: 'user_media' is not granted to InstagramLogin tokens",
                "line 29: tokens[0]: a InstagramLogin token starts with 'IGAA' and has only letters, digits, '-' and '_' (9 to 512 characters)",
            ];
            foreach (var error in expected)
            {
                Assert.Contains(error, errors);
            }

            Assert.Equal(expected.Length, errors.Count);
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PictographDb>();
            Assert.False(await db.Accounts.AnyAsync());
            Assert.False(await db.Apps.AnyAsync());
            Assert.False(Directory.Exists(Path.Combine(dataDirectory, "media")) && Directory.EnumerateFiles(Path.Combine(dataDirectory, "media"), "*", SearchOption.AllDirectories).Any());
        }
        finally
        {
            PictographCli.DeleteDataDirectory(dataDirectory);
        }
    }

    [Theory]
    [InlineData("apps: [", "not valid YAML or JSON")]
    [InlineData("", "the fixture is empty")]
    [InlineData("- just a list", "expected a mapping")]
    [InlineData("accounts:\n  - username: a\n    username: b", "duplicate key 'username'")]
    [InlineData("{\"accounts\": [{\"username\": \"json.person\", \"type\": \"robot\"}]}", "'robot' is not one of: personal, business, creator")]
    public void Malformed_text_is_one_clear_error(string text, string reason)
    {
        using var files = new FixtureFiles(text);

        var refused = Assert.Throws<FixtureException>(() => FixturePlan.Build(FixtureSource.FromFile(files.FixturePath), 0));

        Assert.Contains(refused.Errors, e => e.Reason.Contains(reason, StringComparison.Ordinal));
    }
}
