using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;

namespace Pictograph.Tests.Packaging;

/// <summary>What scripts/pack builds installs and runs as a user gets it: the tool, the single file, the test-host package.</summary>
public sealed class PackageTests(PackedArtifacts artifacts) : IClassFixture<PackedArtifacts>
{
    [Fact]
    public async Task The_tool_installs_from_the_folder_and_answers_with_the_token_it_prints()
    {
        var toolPath = Directory.CreateTempSubdirectory("pictograph-tool-").FullName;
        try
        {
            var (exitCode, output) = await PackedArtifacts.Run("dotnet", ["tool", "install", "--tool-path", toolPath, "--add-source", artifacts.Folder, "pictograph"], TimeSpan.FromMinutes(5));
            Assert.True(exitCode == 0, output);

            await using var server = await ServerProcess.StartAsync(Path.Combine(toolPath, "pictograph"));
            await AssertProfileAsync(server);
        }
        finally
        {
            Directory.Delete(toolPath, recursive: true);
        }
    }

    [Fact]
    public async Task The_single_file_build_runs_on_its_own_and_answers_with_the_token_it_prints()
    {
        var executable = Path.Combine(artifacts.Folder, "linux-x64", "pictograph");
        Assert.True(File.Exists(Path.Combine(artifacts.Folder, "linux-x64", "appsettings.json")));

        await using var server = await ServerProcess.StartAsync(executable);
        await AssertProfileAsync(server);
        // A photo of the demo world: libvips, unpacked from the file, drew it at seeding and serves it.
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var media = await http.GetFromJsonAsync<JsonElement>($"me/media?fields=media_url&limit=1&access_token={server.Token}");
        using var photo = await http.GetAsync(new Uri(media.GetProperty("data")[0].GetProperty("media_url").GetString()!));
        Assert.Equal("image/jpeg", photo.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void The_test_host_package_carries_the_server_and_depends_on_what_it_uses()
    {
        var package = Assert.Single(Directory.GetFiles(artifacts.Folder, "Pictograph.Testing.*.nupkg"));
        using var zip = ZipFile.OpenRead(package);
        var names = zip.Entries.Select(e => e.FullName).ToHashSet();
        Assert.Contains("lib/net10.0/Pictograph.Testing.dll", names);
        Assert.Contains("lib/net10.0/pictograph.dll", names);
        Assert.Contains("lib/net10.0/Pictograph.Graph.dll", names);

        using var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        var ns = XNamespace.Get("http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd");
        var metadata = XDocument.Load(nuspec).Root!.Element(ns + "metadata")!;
        var dependencies = metadata.Descendants(ns + "dependency").Select(d => (string)d.Attribute("id")!).ToList();
        Assert.Contains("Microsoft.EntityFrameworkCore.Sqlite", dependencies);
        Assert.Contains("NetVips.Native.linux-x64", dependencies);
        Assert.DoesNotContain("pictograph", dependencies);
        Assert.Contains("Microsoft.AspNetCore.App", metadata.Descendants(ns + "frameworkReference").Select(f => (string)f.Attribute("name")!));
    }

    private static async Task AssertProfileAsync(ServerProcess server)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var response = await http.GetAsync(new Uri($"me?fields=id,username&access_token={server.Token}", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        Assert.Equal("jane.doe", JsonDocument.Parse(body).RootElement.GetProperty("username").GetString());
    }
}
