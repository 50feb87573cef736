using System.Globalization;
using Pictograph.Auth;
using Pictograph.Graph.Errors;

namespace Pictograph.Fuzz.Targets;

/// <summary>
/// The <c>appsecret_proof</c> check. Input: <c>proof \n appsecret_time \n token \n app secret</c>. Any proof is
/// either accepted or refused with a (#100) <see cref="GraphException"/>; the proof computed for the token, plain
/// or time-stamped with the present time, is always accepted.
/// </summary>
internal static class AppSecretProofTarget
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_780_000_000);

    public static void Run(byte[] input)
    {
        var parts = Input.Parts(input, 4);
        var (proof, time, token, secret) = (parts[0], parts[1], parts[2], parts[3]);
        try
        {
            AppSecretProof.Check(proof, time, token, secret, required: proof.Length % 2 == 0, Now);
        }
        catch (GraphException)
        {
        }

        AppSecretProof.Check(AppSecretProof.Compute(secret, token), null, token, secret, required: true, Now);
        var stamp = Now.ToUnixTimeSeconds();
        AppSecretProof.Check(AppSecretProof.Compute(secret, token, stamp).ToUpperInvariant(), stamp.ToString(CultureInfo.InvariantCulture), token, secret, required: true, Now);
    }
}
