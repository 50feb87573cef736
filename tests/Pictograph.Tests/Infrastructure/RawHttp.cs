using System.Net.Sockets;
using System.Text;

namespace Pictograph.Tests.Infrastructure;

/// <summary>
/// HTTP/1.1 over a plain socket, for requests no client library would send (a chunk size that overflows,
/// bytes that are not UTF-8, a path kept as written): the bytes go out as given, and the answer is read until
/// the server closes the connection.
/// </summary>
public static class RawHttp
{
    /// <summary>A request head with <c>Host</c> and <c>Connection: close</c>, then <paramref name="headers"/> (each without its line end).</summary>
    public static byte[] Request(string method, string target, byte[] body, params string[] headers)
    {
        var head = new StringBuilder($"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        foreach (var header in headers)
        {
            head.Append(header).Append("\r\n");
        }

        head.Append("\r\n");
        return [.. Encoding.ASCII.GetBytes(head.ToString()), .. body];
    }

    /// <summary>A request whose body is sent with <c>Content-Length</c>.</summary>
    public static byte[] WithLength(string method, string target, string contentType, byte[] body, params string[] headers) =>
        Request(method, target, body, [$"Content-Type: {contentType}", $"Content-Length: {body.Length}", .. headers]);

    /// <summary>A request whose body is the given chunked framing, written as is.</summary>
    public static byte[] Chunked(string method, string target, string contentType, string framing) =>
        Request(method, target, Encoding.ASCII.GetBytes(framing), $"Content-Type: {contentType}", "Transfer-Encoding: chunked");

    public static async Task<GraphResponse> SendAsync(this PictographServer server, byte[] request)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port, timeout.Token);
        var stream = tcp.GetStream();
        await stream.WriteAsync(request, timeout.Token);
        using var received = new MemoryStream();
        await stream.CopyToAsync(received, timeout.Token);
        return Parse(received.ToArray());
    }

    private static GraphResponse Parse(byte[] raw)
    {
        var text = Encoding.Latin1.GetString(raw);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(end > 0, $"No complete response head: {text}");
        var lines = text[..end].Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        using var message = new HttpResponseMessage();
        string? contentType = null;
        var chunked = false;
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var (name, value) = (line[..colon], line[(colon + 1)..].Trim());
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = value;
            }

            chunked |= name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && value.Equals("chunked", StringComparison.OrdinalIgnoreCase);
            message.Headers.TryAddWithoutValidation(name, value);
        }

        var body = raw.AsSpan(end + 4).ToArray();
        return new GraphResponse(status, message.Headers, contentType, Encoding.UTF8.GetString(chunked ? Unchunk(body) : body));
    }

    private static byte[] Unchunk(byte[] body)
    {
        using var output = new MemoryStream();
        var text = Encoding.Latin1.GetString(body);
        var at = 0;
        while (true)
        {
            var lineEnd = text.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = Convert.ToInt32(text[at..lineEnd].Split(';')[0], 16);
            if (size == 0)
            {
                return output.ToArray();
            }

            output.Write(body, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
