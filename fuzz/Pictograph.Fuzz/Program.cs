using Pictograph.Fuzz.Targets;
using SharpFuzz;

namespace Pictograph.Fuzz;

/// <summary>
/// <c>dotnet Pictograph.Fuzz.dll TARGET</c>: under afl-fuzz, runs TARGET's harness on every input afl sends; without
/// it, runs the harness once on standard input (to replay a finding). <c>--list</c> prints the targets' names. A harness throws only for a bug: the parser's
/// own refusals of bad input are caught inside it.
/// </summary>
public static class Program
{
    private static readonly Dictionary<string, Action<byte[]>> Targets = new(StringComparer.Ordinal)
    {
        ["fields"] = FieldsTarget.Run,
        ["cursor"] = CursorTarget.Run,
        ["media-url"] = MediaUrlTarget.Run,
        ["appsecret-proof"] = AppSecretProofTarget.Run,
        ["signed-request"] = SignedRequestTarget.Run,
        ["batch"] = BatchTarget.Run,
        ["jpeg"] = JpegTarget.Run,
        ["fixture"] = FixtureTarget.Run,
    };

    public static int Main(string[] args)
    {
        if (args is ["--list"])
        {
            Console.WriteLine(string.Join('\n', Targets.Keys));
            return 0;
        }

        if (args.Length != 1 || !Targets.TryGetValue(args[0], out var target))
        {
            Console.Error.WriteLine($"usage: Pictograph.Fuzz <target> | --list; targets: {string.Join(", ", Targets.Keys)}");
            return 2;
        }

        // Out of process: a stack overflow or a hang ends only the child, which SharpFuzz restarts, and afl
        // records the input instead of losing the fork server.
        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            target(buffer.ToArray());
        });
        return 0;
    }
}
