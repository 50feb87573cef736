using Pictograph.Auth;

namespace Pictograph.GraphApi;

/// <summary>
/// Work that needs to know whom a Graph call is for (fault rules by app, user or token; the inspector's token
/// owner). It runs once the token is read, before the call is charged or answered; it may delay the call or
/// refuse it with a <see cref="Graph.Errors.GraphException"/>.
/// </summary>
public interface IGraphCallObserver
{
    ValueTask OnCallerAsync(HttpContext http, string tokenText, TokenInfo token);
}

/// <summary>Runs every registered <see cref="IGraphCallObserver"/>, in registration order.</summary>
public sealed class GraphCallObservers(IEnumerable<IGraphCallObserver> observers)
{
    private readonly IGraphCallObserver[] _observers = [.. observers];

    public static async ValueTask NotifyAsync(HttpContext http, string tokenText, TokenInfo token)
    {
        foreach (var observer in http.RequestServices.GetRequiredService<GraphCallObservers>()._observers)
        {
            await observer.OnCallerAsync(http, tokenText, token);
        }
    }
}
