using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;
using Pictograph.Hosting;
using Pictograph.Publishing.Pipeline;

namespace Pictograph.Cli;

/// <summary>
/// The operator's mistakes that stop a command before it runs (a setting out of range, a port in use): one
/// line that says what failed and what is allowed, instead of a stack trace. Anything else is a bug and
/// keeps its stack trace.
/// </summary>
internal static partial class StartupFailure
{
    public static string? Describe(Exception exception) => exception switch
    {
        OptionsValidationException invalid => string.Join(Environment.NewLine, invalid.Failures.Select(f => Setting(invalid.OptionsType, f))),
        _ when Find<AddressInUseException>(exception) is not null =>
            $"Cannot listen: {Address(exception)} is already in use (is another server running there?); choose another port with {PortOption(exception)}.",
        _ when Find<SocketException>(exception) is { SocketErrorCode: SocketError.AccessDenied } =>
            $"Cannot listen: binding {Address(exception)} needs root or CAP_NET_BIND_SERVICE (ports below 1024); run with that capability (setcap 'cap_net_bind_service=+ep' on dotnet) or choose a port from 1024 up with {PortOption(exception)}.",
        _ when Find<Npgsql.NpgsqlException>(exception) is { } database =>
            $"Cannot use the PostgreSQL database of Pictograph:Database:ConnectionString: {database.Message}",
        _ => null,
    };

    /// <summary>"Invalid setting Pictograph:UserCallsPerWindow: The field … must be between 1 and 100000000."</summary>
    private static string Setting(Type options, string failure)
    {
        var section = options == typeof(PipelineOptions) ? PipelineOptions.Section
            : options == typeof(Impersonation.ImpersonationOptions) ? Impersonation.ImpersonationOptions.Section
            : PictographOptions.Section;
        // Microsoft.Extensions.Options words each DataAnnotations failure as "… members: 'Name' with the error: 'Text'."
        return DataAnnotationFailure().Match(failure) is { Success: true } match
            ? $"Invalid setting {section}:{match.Groups["member"].Value}: {match.Groups["error"].Value}"
            : $"Invalid setting in {section}: {failure}";
    }

    /// <summary>The TLS listener (the only https one) has its own port option.</summary>
    private static string PortOption(Exception exception) =>
        Address(exception).StartsWith("https:", StringComparison.Ordinal) ? "--impersonate-port" : "--port";

    private static string Address(Exception exception) =>
        BindAddress().Match(exception.Message) is { Success: true } match ? match.Groups["address"].Value : "the address";

    private static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is T found)
            {
                return found;
            }
        }

        return null;
    }

    [GeneratedRegex(@"members: '(?<member>[^']*)' with the error: '(?<error>.*)'\.$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex DataAnnotationFailure();

    // Kestrel: "Failed to bind to address http://127.0.0.1:5080: address already in use."
    [GeneratedRegex(@"address (?<address>\S+?):? ", RegexOptions.CultureInvariant)]
    private static partial Regex BindAddress();
}
