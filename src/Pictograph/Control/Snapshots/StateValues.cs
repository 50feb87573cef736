using System.Globalization;
using System.Text.Json;

namespace Pictograph.Control.Snapshots;

/// <summary>Column values in an archive: integers and booleans as JSON numbers and booleans, text as strings, bytes as base64.</summary>
public static class StateValues
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static void Write(Utf8JsonWriter json, StateColumn column, object? value)
    {
        if (value is null)
        {
            json.WriteNullValue();
            return;
        }

        var type = column.Type;
        if (type == typeof(bool))
        {
            json.WriteBooleanValue(Convert.ToBoolean(value, CultureInfo.InvariantCulture));
        }
        else if (type == typeof(long) || type == typeof(int) || type == typeof(short) || type == typeof(byte))
        {
            json.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
        }
        else if (type == typeof(double) || type == typeof(float))
        {
            json.WriteNumberValue(Convert.ToDouble(value, CultureInfo.InvariantCulture));
        }
        else if (type == typeof(string))
        {
            json.WriteStringValue((string)value);
        }
        else if (type == typeof(byte[]))
        {
            json.WriteBase64StringValue((byte[])value);
        }
        else
        {
            throw new NotSupportedException($"Snapshots do not carry {column.Name}'s type {type.Name} yet.");
        }
    }

    /// <summary>The value for a parameter, or null with <paramref name="error"/> saying why the archive's value does not fit.</summary>
    public static bool TryRead(JsonElement element, StateColumn column, out object? value, out string? error)
    {
        value = null;
        error = null;
        if (element.ValueKind == JsonValueKind.Null)
        {
            if (!column.IsNullable)
            {
                error = $"{column.Name} may not be null";
                return false;
            }

            value = DBNull.Value;
            return true;
        }

        var type = column.Type;
        var ok = true;
        if (type == typeof(bool))
        {
            ok = element.ValueKind is JsonValueKind.True or JsonValueKind.False;
            value = ok && element.GetBoolean();
        }
        else if (type == typeof(long) || type == typeof(int) || type == typeof(short) || type == typeof(byte))
        {
            ok = element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var number) && Fits(type, number);
            value = ok ? Convert.ChangeType(element.GetInt64(), type, CultureInfo.InvariantCulture) : null;
        }
        else if (type == typeof(double) || type == typeof(float))
        {
            ok = element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out var real) && double.IsFinite(real);
            value = ok ? Convert.ChangeType(element.GetDouble(), type, CultureInfo.InvariantCulture) : null;
        }
        else if (type == typeof(string))
        {
            ok = element.ValueKind == JsonValueKind.String;
            value = ok ? element.GetString() : null;
        }
        else if (type == typeof(byte[]))
        {
            ok = element.ValueKind == JsonValueKind.String && element.TryGetBytesFromBase64(out var bytes);
            value = ok ? element.GetBytesFromBase64() : null;
        }
        else
        {
            ok = false;
        }

        if (!ok)
        {
            error = $"{column.Name} is not a valid {type.Name}";
            value = null;
        }

        return ok;
    }

    private static bool Fits(Type type, long number) =>
        type == typeof(long)
        || (type == typeof(int) && number is >= int.MinValue and <= int.MaxValue)
        || (type == typeof(short) && number is >= short.MinValue and <= short.MaxValue)
        || (type == typeof(byte) && number is >= byte.MinValue and <= byte.MaxValue);
}
