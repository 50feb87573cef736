using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Pictograph.Control.Clock;
using Pictograph.Control.Faults;
using Pictograph.RateLimits;

namespace Pictograph.Control;

/// <summary><c>/_pictograph/rate-limits</c>: read and change the usage budgets while the server runs.</summary>
public sealed class RateLimitEndpoints(RateLimitBudgets budgets) : IControlEndpoints
{
    private const int MaxCount = 100_000_000;

    /// <summary>The budgets in force; spans in seconds. <c>changed</c>: they differ from the configured ones.</summary>
    public sealed record BudgetsView(
        [property: JsonPropertyName("window")] double Window,
        [property: JsonPropertyName("app_calls_per_user")] int AppCallsPerUser,
        [property: JsonPropertyName("app_minimum_users")] int AppMinimumUsers,
        [property: JsonPropertyName("cpu_time_per_user")] double CpuTimePerUser,
        [property: JsonPropertyName("total_time_per_user")] double TotalTimePerUser,
        [property: JsonPropertyName("user_calls_per_window")] int UserCallsPerWindow,
        [property: JsonPropertyName("business_calls_per_window")] int BusinessCallsPerWindow,
        [property: JsonPropertyName("business_window")] double BusinessWindow,
        [property: JsonPropertyName("changed")] bool Changed);

    public void Map(RouteGroupBuilder control)
    {
        var group = control.MapGroup("/rate-limits").WithTags("Rate limits");
        group.MapGet("", () => TypedResults.Ok(View()))
            .WithSummary("The usage budgets in force (calls per window, CPU and elapsed time per user, Business Use Case calls).");
        group.MapPut("", async Task<IResult> (HttpContext http) =>
            {
                var (json, problem) = await JsonBody.ReadAsync(http);
                if (json is null)
                {
                    return problem!;
                }

                using var document = json;
                var errors = new List<string>();
                var changed = Apply(budgets.Current, document.RootElement, errors);
                if (errors.Count > 0)
                {
                    return TypedResults.Problem(
                        detail: string.Join("; ", errors),
                        statusCode: StatusCodes.Status400BadRequest,
                        title: "Invalid request",
                        type: "https://pictograph.dev/problems/400",
                        extensions: new Dictionary<string, object?> { ["errors"] = errors });
                }

                budgets.Set(changed);
                return TypedResults.Ok(View());
            })
            .WithSummary("Changes the budgets given (the others stay); calls already counted in this window count against the new budget.");
        group.MapDelete("", () =>
            {
                budgets.Reset();
                return TypedResults.Ok(View());
            })
            .WithSummary("Back to the configured budgets.");
    }

    private BudgetsView View()
    {
        var current = budgets.Current;
        return new BudgetsView(
            current.Window.TotalSeconds, current.AppCallsPerUser, current.AppMinimumUsers, current.CpuTimePerUser.TotalSeconds,
            current.TotalTimePerUser.TotalSeconds, current.UserCallsPerWindow, current.BusinessCallsPerWindow, current.BusinessWindow.TotalSeconds,
            current != budgets.Configured);
    }

    private static UsageBudgets Apply(UsageBudgets current, JsonElement body, List<string> errors)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add("the body must be an object of the budgets to change, e.g. {\"app_calls_per_user\": 5}");
            return current;
        }

        foreach (var property in body.EnumerateObject())
        {
            var value = property.Value;
            current = property.Name switch
            {
                "window" => current with { Window = Span(value, property.Name, TimeSpan.FromSeconds(1), errors) ?? current.Window },
                "business_window" => current with { BusinessWindow = Span(value, property.Name, TimeSpan.FromSeconds(1), errors) ?? current.BusinessWindow },
                "cpu_time_per_user" => current with { CpuTimePerUser = Span(value, property.Name, TimeSpan.FromMilliseconds(1), errors) ?? current.CpuTimePerUser },
                "total_time_per_user" => current with { TotalTimePerUser = Span(value, property.Name, TimeSpan.FromMilliseconds(1), errors) ?? current.TotalTimePerUser },
                "app_calls_per_user" => current with { AppCallsPerUser = Count(value, property.Name, errors) ?? current.AppCallsPerUser },
                "app_minimum_users" => current with { AppMinimumUsers = Count(value, property.Name, errors) ?? current.AppMinimumUsers },
                "user_calls_per_window" => current with { UserCallsPerWindow = Count(value, property.Name, errors) ?? current.UserCallsPerWindow },
                "business_calls_per_window" => current with { BusinessCallsPerWindow = Count(value, property.Name, errors) ?? current.BusinessCallsPerWindow },
                _ => Unknown(current, property.Name, errors),
            };
        }

        return current;
    }

    private static UsageBudgets Unknown(UsageBudgets current, string name, List<string> errors)
    {
        errors.Add($"{name}: is not a budget (known: window, app_calls_per_user, app_minimum_users, cpu_time_per_user, total_time_per_user, user_calls_per_window, business_calls_per_window, business_window)");
        return current;
    }

    private static int? Count(JsonElement value, string name, List<string> errors)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var count) && count is >= 1 and <= MaxCount)
        {
            return count;
        }

        errors.Add($"{name}: must be a whole number from 1 to {MaxCount.ToString(CultureInfo.InvariantCulture)}");
        return null;
    }

    /// <summary>A span as "1h", "90s", "250ms", an ISO 8601 duration, or seconds as a number.</summary>
    private static TimeSpan? Span(JsonElement value, string name, TimeSpan least, List<string> errors)
    {
        TimeSpan span = default;
        var parsed = value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetDouble(out var seconds) && Durations.TryParse(seconds.ToString(CultureInfo.InvariantCulture), out span),
            JsonValueKind.String => Durations.TryParse(value.GetString(), out span),
            _ => false,
        };
        if (parsed && span >= least && span <= TimeSpan.FromDays(30))
        {
            return span;
        }

        errors.Add($"{name}: must be a span from {(least < TimeSpan.FromSeconds(1) ? "1ms" : "1s")} to 30 days: \"1h\", \"90s\", \"250ms\", or seconds as a number");
        return null;
    }
}
