// The media pipeline benchmark: one 12-megapixel photo served over loopback HTTP and put through
// MediaPipeline.ProcessImageAsync (fetch, header checks, shrink-on-load, sRGB, 1080 wide, strip, save),
// then the same resize by libvips' own command-line tool for comparison.
// Usage: photos [--runs 20] [--batch 16]   (bench/photos/run builds and runs it)

using System.Diagnostics;
using System.Globalization;
using NetVips;
using Pictograph.Hosting;
using Pictograph.Publishing.Pipeline;
using Pictograph.Seed;

var settings = new ConfigurationBuilder().AddCommandLine(args).Build();
var runs = int.Parse(settings["runs"] ?? "20", CultureInfo.InvariantCulture);
var batch = int.Parse(settings["batch"] ?? "16", CultureInfo.InvariantCulture);

var work = Directory.CreateTempSubdirectory("pictograph-photos-").FullName;
try
{
    var photoPath = Path.Combine(work, "in.jpg");
    var photo = PhotoLike(4000, 3000);
    await File.WriteAllBytesAsync(photoPath, photo).ConfigureAwait(false);

    await using var app = await StartAsync(photo).ConfigureAwait(false);
    var url = app.Urls.First() + "/photo.jpg";
    var pipeline = app.Services.GetRequiredService<MediaPipeline>();

    var cold = await TimeOneAsync(pipeline, url).ConfigureAwait(false);
    var (outWidth, outHeight) = await SizeAsync(pipeline, url).ConfigureAwait(false);
    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        times.Add(await TimeOneAsync(pipeline, url).ConfigureAwait(false));
    }

    var oneWorker = await ThroughputAsync(pipeline, url, workers: 1, batch).ConfigureAwait(false);
    var twoWorkers = await ThroughputAsync(pipeline, url, workers: 2, batch).ConfigureAwait(false);
    var vips = VipsThumbnail(photoPath, Path.Combine(work, "out.jpg"), runs);

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"photo: 4000×3000 JPEG, {photo.Length / 1048576.0:0.00} MiB -> {outWidth}×{outHeight}; {runs} timed runs, {batch} photos per throughput run, {Environment.ProcessorCount} cores"));
    Row("measure", "value");
    Row("---", "---");
    Row("pipeline, cold first photo", Ms(cold));
    Row("pipeline, median per photo", Ms(Percentile(times, 0.5)));
    Row("pipeline, p95 per photo", Ms(Percentile(times, 0.95)));
    Row("pipeline, photos/s, 1 worker", oneWorker.ToString("0.00", CultureInfo.InvariantCulture));
    Row("pipeline, photos/s, 2 workers", twoWorkers.ToString("0.00", CultureInfo.InvariantCulture));
    Row("vipsthumbnail, median per photo (whole process)", vips is null ? "not installed" : Ms(Percentile(vips, 0.5)));
    Row("peak RSS of this process (VmHWM)", PeakRss());
}
finally
{
    Directory.Delete(work, recursive: true);
}

// A phone-photo stand-in: the demo gradient with soft discs plus sensor-like noise, so the JPEG is
// neither trivially compressible nor unlike a camera's (about 3 MiB at quality 92, like a phone photo).
static byte[] PhotoLike(int width, int height)
{
    using var smooth = Image.NewFromBuffer(DemoImages.Jpeg(width, height, seed: 12));
    using var noise = Image.Gaussnoise(width, height, sigma: 10);
    using var noisy = (smooth + noise).Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
    return noisy.JpegsaveBuffer(q: 92, keep: Enums.ForeignKeep.None);
}

// One app serves the photo on loopback and holds the pipeline, configured as the server configures it.
static async Task<WebApplication> StartAsync(byte[] photo)
{
    var builder = WebApplication.CreateSlimBuilder();
    builder.WebHost.UseUrls("http://127.0.0.1:0");
    builder.Logging.ClearProviders();
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Pictograph:OutboundAllowList:0"] = "127.0.0.0/8" });
    builder.Services.AddOptions<PictographOptions>().BindConfiguration(PictographOptions.Section);
    builder.Services.AddMediaPipeline();
    var app = builder.Build();
    app.MapGet("/photo.jpg", () => Results.Bytes(photo, "image/jpeg"));
    await app.StartAsync().ConfigureAwait(false);
    return app;
}

static async Task<double> TimeOneAsync(MediaPipeline pipeline, string url)
{
    var stopwatch = Stopwatch.StartNew();
    using var media = await pipeline.ProcessImageAsync(url, ImagePurpose.Feed, CancellationToken.None).ConfigureAwait(false);
    return stopwatch.Elapsed.TotalMilliseconds;
}

static async Task<(int Width, int Height)> SizeAsync(MediaPipeline pipeline, string url)
{
    using var media = await pipeline.ProcessImageAsync(url, ImagePurpose.Feed, CancellationToken.None).ConfigureAwait(false);
    return (media.Width, media.Height);
}

static async Task<double> ThroughputAsync(MediaPipeline pipeline, string url, int workers, int photos)
{
    var next = -1;
    var stopwatch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
    {
        while (Interlocked.Increment(ref next) < photos)
        {
            using var media = await pipeline.ProcessImageAsync(url, ImagePurpose.Feed, CancellationToken.None).ConfigureAwait(false);
        }
    }))).ConfigureAwait(false);
    return photos / stopwatch.Elapsed.TotalSeconds;
}

// Each run is a whole process, as a shell script would use it; null when the tool is missing.
static List<double>? VipsThumbnail(string input, string output, int runs)
{
    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var start = new ProcessStartInfo("vipsthumbnail") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var argument in (string[])[input, "--size", "1080x", "-o", output + "[Q=85,strip]"])
        {
            start.ArgumentList.Add(argument);
        }

        var stopwatch = Stopwatch.StartNew();
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("vipsthumbnail did not start");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }

        using (process)
        {
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException("vipsthumbnail failed: " + errors);
            }
        }

        times.Add(stopwatch.Elapsed.TotalMilliseconds);
    }

    return times;
}

static double Percentile(List<double> values, double fraction)
{
    var sorted = values.Order().ToList();
    return sorted[(int)Math.Ceiling(fraction * sorted.Count) - 1];
}

static string Ms(double milliseconds) => milliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";

static string PeakRss()
{
    var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
    var kb = line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    return (kb / 1024.0).ToString("0", CultureInfo.InvariantCulture) + " MiB";
}

static void Row(string measure, string value) => Console.WriteLine($"| {measure,-48} | {value,14} |");
