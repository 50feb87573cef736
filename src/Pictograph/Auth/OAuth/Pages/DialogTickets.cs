using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Pictograph.Auth.OAuth.Pages;

/// <summary>What a dialog form carries to its post: the request and, from the consent page, whom it was shown to.</summary>
public sealed record DialogTicket(AuthorizeRequest Request, long? PersonId);

/// <summary>
/// Tickets travel in a hidden field, data-protected (encrypted and authenticated with the server's keys)
/// and time-limited, so nothing can be altered between the pages of a dialog.
/// </summary>
public static class DialogTickets
{
    public const string FieldName = "ticket";
    private const string PersonKey = "person";
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public static string Protect(HttpContext http, AuthorizeDialog dialog, DialogTicket ticket)
    {
        var payload = ticket.Request.ToQueryString().Value ?? "";
        if (ticket.PersonId is { } person)
        {
            payload = QueryHelpers.AddQueryString(payload, PersonKey, person.ToString(CultureInfo.InvariantCulture));
        }

        return Protector(http, dialog).Protect(payload, Lifetime);
    }

    /// <summary>The ticket, or null when it is missing, forged, altered, from the other dialog or expired.</summary>
    public static DialogTicket? Unprotect(HttpContext http, AuthorizeDialog dialog, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        string payload;
        try
        {
            payload = Protector(http, dialog).Unprotect(text);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }

        var person = QueryHelpers.ParseQuery(payload).TryGetValue(PersonKey, out var value)
            && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : (long?)null;
        return new DialogTicket(AuthorizeRequest.Parse(payload), person);
    }

    // One purpose per dialog, so an Instagram ticket is worthless to Facebook's dialog and back.
    private static ITimeLimitedDataProtector Protector(HttpContext http, AuthorizeDialog dialog) =>
        http.RequestServices.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector("Pictograph.OAuth.DialogTicket", dialog.Brand)
            .ToTimeLimitedDataProtector();
}
