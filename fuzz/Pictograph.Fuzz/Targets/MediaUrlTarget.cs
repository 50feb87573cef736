using Microsoft.Extensions.Options;
using Pictograph.Hosting;
using Pictograph.Media;

namespace Pictograph.Fuzz.Targets;

/// <summary>
/// The signed media URL verifier. Input: <c>key \n oe \n oh</c>. <see cref="MediaUrlSigner.Verify"/> answers a
/// verdict for anything (it never throws), and for a valid key a URL it signed verifies, with its signature
/// refused for another key.
/// </summary>
internal static class MediaUrlTarget
{
    private static readonly FixedClock Clock = new(DateTimeOffset.FromUnixTimeSeconds(1_780_000_000));

    private static readonly MediaUrlSigner Signer = new(
        new ServerSecret([.. Enumerable.Range(1, 32).Select(i => (byte)i)]), Options.Create(new PictographOptions()), Clock);

    public static void Run(byte[] input)
    {
        var parts = Input.Parts(input, 3);
        var (key, oe, oh) = (parts[0], parts[1], parts[2]);
        var verdict = Signer.Verify(key, oe, oh);
        if (verdict == MediaUrlCheck.Valid && !MediaKey.IsValid(key))
        {
            throw new InvalidOperationException($"An invalid key \"{key}\" verified.");
        }

        if (!MediaKey.IsValid(key))
        {
            return;
        }

        var url = new Uri(Signer.Sign("http://127.0.0.1:5080", key));
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        if (Signer.Verify(key, query["oe"], query["oh"]) != MediaUrlCheck.Valid)
        {
            throw new InvalidOperationException($"The URL {url} it signed does not verify.");
        }

        if (Signer.Verify(key + "x", query["oe"], query["oh"]) != MediaUrlCheck.BadSignature)
        {
            throw new InvalidOperationException($"The signature of {url} passes for another key.");
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
