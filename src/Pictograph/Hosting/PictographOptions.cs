using System.ComponentModel.DataAnnotations;
using Pictograph.Data.Providers;
using Pictograph.GraphApi.Versions;

namespace Pictograph.Hosting;

/// <summary>Typed settings, bound from the "Pictograph" section (env: PICTOGRAPH__…, or --Pictograph:Key=value).</summary>
public sealed class PictographOptions : IValidatableObject
{
    public const string Section = "Pictograph";

    /// <summary>Folder for the SQLite file, media files and the server secret.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Which database holds the state, and where (<c>Pictograph:Database:Provider</c>, <c>…:ConnectionString</c>).</summary>
    public DatabaseOptions Database { get; set; } = new();

    /// <summary>Absolute origin used in paging links and media URLs (e.g. https://graph.example.com);
    /// empty means the origin of the request.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// Host names the plain listener answers to besides loopback names and addresses and the address a client
    /// connected to ("*.example.com" matches subdomains; "*" any host). Links in answers carry the Host a
    /// client sent, so any other Host is refused.
    /// </summary>
    public IList<string> AllowedHosts { get; } = [];

    /// <summary>
    /// Reverse proxies (addresses or CIDR networks) whose X-Forwarded-For, -Proto and -Host headers are
    /// honoured; from any other address those headers are ignored.
    /// </summary>
    public IList<string> TrustedProxies { get; } = [];

    /// <summary>How long a signed media URL stays valid, like the expiry of Instagram's CDN URLs.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan MediaUrlLifetime { get; set; } = TimeSpan.FromDays(3);

    /// <summary>
    /// Networks (CIDR) the server may connect to when fetching URLs it is given (media, callbacks) although
    /// they are private or loopback, e.g. "127.0.0.0/8" to publish from a server on localhost.
    /// </summary>
    public IList<string> OutboundAllowList { get; } = [];

    /// <summary>Sign-in form posts allowed per client address and minute.</summary>
    [Range(1, 100_000)]
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>Failed sign-ins one account may have per <see cref="SignInFailureWindow"/>, from any addresses; then it waits for the next window.</summary>
    [Range(1, 100_000)]
    public int SignInFailuresPerAccount { get; set; } = 10;

    /// <summary>The fixed window (aligned to the clock) in which an account's failed sign-ins are counted.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SignInFailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Permalink page requests allowed per client address and minute.</summary>
    [Range(1, 1_000_000)]
    public int PermalinkRequestsPerMinute { get; set; } = 60;

    /// <summary>A viewer's views of one post count once per window (fixed windows aligned to the clock).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan ViewWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Views by visitors who are not signed in that count per client address (an IPv6 /64) and <see cref="ViewWindow"/>.</summary>
    [Range(0, 1_000_000)]
    public int AnonymousViewsPerAddress { get; set; } = 100;

    /// <summary>
    /// Memory for rendered answers to repeated Graph reads, kept until the next commit to the database
    /// (see AnswerCache); 0 turns keeping them off.
    /// </summary>
    [Range(0, 65_536)]
    public int AnswerCacheMegabytes { get; set; } = 64;

    /// <summary>
    /// The most items one Graph answer may hold (each node counts one per field asked of it); a request past it
    /// answers code 1, "Please reduce the amount of data you're asking for".
    /// </summary>
    [Range(1, 100_000_000)]
    public int MaxAnswerItems { get; set; } = 10_000;

    /// <summary>Seed the demo world when the database is empty.</summary>
    public bool SeedDemo { get; set; } = true;

    /// <summary>Length of the Platform rate-limit window (app and user budgets), fixed windows aligned to the clock.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>App budget per window for each user active in it (Meta: 200 × users per hour).</summary>
    [Range(1, 100_000_000)]
    public int AppCallsPerUser { get; set; } = 200;

    /// <summary>The app budget counts at least this many users, so a new app with one tester is not stuck at 200 calls.</summary>
    [Range(1, 100_000_000)]
    public int AppMinimumUsers { get; set; } = 50;

    /// <summary>The app's CPU time per window for each user active in it (counted like <see cref="AppCallsPerUser"/>): X-App-Usage's total_cputime.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "30.00:00:00")]
    public TimeSpan CpuTimePerUser { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>The app's elapsed time of calls per window for each user active in it: X-App-Usage's total_time.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "30.00:00:00")]
    public TimeSpan TotalTimePerUser { get; set; } = TimeSpan.FromSeconds(12);

    /// <summary>Calls per window one app may make for one user (or Page token's user).</summary>
    [Range(1, 100_000_000)]
    public int UserCallsPerWindow { get; set; } = 5_000;

    /// <summary>Business Use Case budget: calls per <see cref="BusinessWindow"/> per app and Instagram professional account.</summary>
    [Range(1, 100_000_000)]
    public int BusinessCallsPerWindow { get; set; } = 48_000;

    /// <summary>Length of the Business Use Case window (Meta: 24 hours).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan BusinessWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Posts an account may publish through the API in a rolling 24 hours (Instagram: 100; carousels count once).</summary>
    [Range(1, 100_000)]
    public int PublishingQuota { get; set; } = 100;

    /// <summary>Media containers an account may create in a rolling 24 hours (Instagram: 400).</summary>
    [Range(1, 1_000_000)]
    public int ContainersPerDay { get; set; } = 400;

    /// <summary>Whether this node runs background jobs (media processing, webhook delivery); several nodes may.</summary>
    public bool RunJobs { get; set; } = true;

    /// <summary>Jobs this node runs at once.</summary>
    [Range(1, 64)]
    public int JobWorkers { get; set; } = 2;

    /// <summary>Jobs of one account (media processing) running at once on all nodes, so an account whose media URLs hang cannot hold every worker.</summary>
    [Range(1, 64)]
    public int JobsPerAccount { get; set; } = 1;

    /// <summary>How long a claimed job is held; a node that dies releases its jobs when their lease runs out.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan JobLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The Graph API versions, by name, with their release and "available until" days (Meta's table by
    /// default); entries given in configuration change or add to it.
    /// </summary>
    public IDictionary<string, ApiVersionSetting> ApiVersions { get; } = ApiVersionSetting.MetaTable();

    /// <summary>The version of unversioned paths; one of <see cref="ApiVersions"/>.</summary>
    [Required]
    public string DefaultApiVersion { get; set; } = "v25.0";

    /// <summary>Longest request URL (path and query) answered; a longer one gets HTTP 414 in the Graph error envelope.</summary>
    [Range(1_024, 262_144)]
    public int MaxUrlBytes { get; set; } = 8_192;

    /// <summary>Most bytes of request headers (each "name: value" line with its line end) answered; more get HTTP 431.</summary>
    [Range(4_096, 262_144)]
    public int MaxHeaderBytes { get; set; } = 32_768;

    /// <summary>Most request headers answered; more get HTTP 431 in the Graph error envelope.</summary>
    [Range(10, 10_000)]
    public int MaxHeaderCount { get; set; } = 100;

    public string DatabaseConnectionString =>
        string.IsNullOrWhiteSpace(Database.ConnectionString)
            ? $"Data Source={Path.Combine(DataDirectory, "pictograph.db")}"
            : Database.ConnectionString;

    public string MediaDirectory => Path.Combine(DataDirectory, "media");

    /// <summary>The origin for absolute URLs in answers to this request: <see cref="PublicBaseUrl"/>, else the request's own.</summary>
    public string OriginFor(HttpRequest request) =>
        string.IsNullOrWhiteSpace(PublicBaseUrl) ? $"{request.Scheme}://{request.Host}" : PublicBaseUrl.TrimEnd('/');

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in TrustedProxies)
        {
            if (!System.Net.IPAddress.TryParse(proxy, out _) && !System.Net.IPNetwork.TryParse(proxy, out _))
            {
                yield return new ValidationResult($"'{proxy}' is neither an IP address nor a CIDR network (e.g. 10.0.0.5 or 10.0.0.0/8).", [nameof(TrustedProxies)]);
            }
        }

        if (Database.Provider == DatabaseProvider.PostgreSql && string.IsNullOrWhiteSpace(Database.ConnectionString))
        {
            yield return new ValidationResult(
                "Database:Provider postgresql needs Database:ConnectionString (e.g. Host=127.0.0.1;Database=pictograph;Username=pictograph).",
                [$"{nameof(Database)}:{nameof(DatabaseOptions.ConnectionString)}"]);
        }
    }
}
