using System.Data.Common;
using System.Diagnostics;

namespace Pictograph.Data.Connections;

/// <summary>
/// Announces the statements run outside EF Core (<see cref="PreparedConnection.Query{T}"/>) the way EF Core
/// announces its own, on a diagnostic listener, so tracing and the tests' statement counts see every statement.
/// </summary>
public static class DirectCommands
{
    public const string ListenerName = "Pictograph.Data";

    public const string ExecutedEvent = "CommandExecuted";

    private static readonly DiagnosticListener Listener = new(ListenerName);

    public static void Executed(DbConnection connection, string sql)
    {
        if (Listener.IsEnabled(ExecutedEvent))
        {
            Listener.Write(ExecutedEvent, new DirectCommand(connection, sql));
        }
    }
}

/// <summary>One statement run outside EF Core, and the connection it ran on.</summary>
public sealed record DirectCommand(DbConnection Connection, string Sql);
