using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using Pictograph.Net;

namespace Pictograph.Publishing.Pipeline;

/// <summary>
/// Downloads a URL a caller handed us into a temporary file. The URL is hostile: only http(s) without
/// user-info, each redirect re-checked and counted, addresses checked at connect time by
/// <see cref="SafeHttp"/>, a hard byte cap while streaming and one deadline for the whole download.
/// </summary>
internal sealed class MediaFetcher(HttpClient client, PipelineOptions options, TempFiles temp)
{
    private const int BufferSize = 81920;

    private static readonly ProductInfoHeaderValue UserAgent = new("pictograph-media-fetch", "1.0");

    /// <summary>The path of the downloaded file; the caller deletes it. <paramref name="tooLarge"/> is thrown past <paramref name="maxBytes"/>.</summary>
    public async Task<string> FetchAsync(string url, long maxBytes, Func<PublishingException> tooLarge, CancellationToken cancellationToken)
    {
        if (!SafeHttp.IsFetchable(url, out var uri))
        {
            throw MediaErrors.NotFetched();
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.FetchTimeout);
        var path = temp.NewPath(".download");
        try
        {
            using var response = await FollowRedirectsAsync(uri, deadline.Token).ConfigureAwait(false);
            if (response.Content.Headers.ContentLength > maxBytes)
            {
                throw tooLarge();
            }

            var body = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                await CopyCappedAsync(body, path, maxBytes, tooLarge, deadline.Token).ConfigureAwait(false);
            }

            return path;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            TempFiles.Delete(path);
            throw MediaErrors.FetchTimedOut();
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            // DNS failure, refused or blocked address, reset connection, malformed response.
            TempFiles.Delete(path);
            throw MediaErrors.NotFetched();
        }
        catch
        {
            TempFiles.Delete(path);
            throw;
        }
    }

    /// <summary>The first non-redirect answer, which must be a success.</summary>
    private async Task<HttpResponseMessage> FollowRedirectsAsync(Uri uri, CancellationToken cancellationToken)
    {
        for (var redirects = 0; ; redirects++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.UserAgent.Add(UserAgent); // some hosts refuse requests without one
            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            var location = response.Headers.Location;
            var isRedirect = response.StatusCode is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
                or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
            response.Dispose();
            if (!isRedirect || location is null || redirects >= options.MaxRedirects
                || !SafeHttp.IsFetchable(new Uri(uri, location).AbsoluteUri, out uri))
            {
                throw MediaErrors.NotFetched();
            }
        }
    }

    /// <summary>Streams to disk and stops the moment the cap is passed, whatever Content-Length said.</summary>
    private static async Task CopyCappedAsync(Stream body, string path, long maxBytes, Func<PublishingException> tooLarge, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
            await using (file.ConfigureAwait(false))
            {
                long total = 0;
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    total += read;
                    if (total > maxBytes)
                    {
                        throw tooLarge();
                    }

                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
