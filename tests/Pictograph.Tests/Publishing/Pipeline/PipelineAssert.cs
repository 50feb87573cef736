using Pictograph.Publishing.Pipeline;

namespace Pictograph.Tests.Publishing.Pipeline;

internal static class PipelineAssert
{
    /// <summary>The call fails with exactly this code and subcode.</summary>
    public static async Task<PublishingException> RefusedAsync(int code, int subcode, Func<Task<ProcessedMedia>> call)
    {
        var error = await Assert.ThrowsAsync<PublishingException>(async () =>
        {
            using var unexpected = await call();
        });
        Assert.Equal((code, subcode), (error.Code, error.Subcode));
        return error;
    }

    public static void IsJpeg(string path) => Assert.Equal([0xFF, 0xD8, 0xFF], File.ReadAllBytes(path)[..3]);
}
