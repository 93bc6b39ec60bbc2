using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Plates.Service.Telemetry;

namespace Plates.Service.Http;

/// <summary>Why a request is answered with an error: its status, a title, the detail (the library's message for an
/// image it refuses) and the outcome it is counted as.</summary>
public sealed record ServiceProblem(int Status, string Title, string Detail, RequestOutcome Outcome);

/// <summary>How the image travels in the request.</summary>
public enum UploadKind
{
    /// <summary>The body is the encoded image (Content-Type image/*).</summary>
    Raw,

    /// <summary>A multipart/form-data body whose field <see cref="ImageUpload.FieldName"/> holds the image.</summary>
    Multipart,
}

/// <summary>The encoded image of a POST /v1/plates and the file name the client gave it (multipart only), read within the
/// size limit; or the problem that stopped it.</summary>
public sealed record ImageUpload(byte[] Bytes, string? FileName)
{
    /// <summary>The multipart form field that carries the image.</summary>
    public const string FieldName = "image";

    private const string Accepted = "send the image as the body with an image content type (image/jpeg, image/png, image/bmp, image/tiff, image/webp) or as the multipart/form-data field 'image'";

    /// <summary>How the body is sent, from its Content-Type, or 415 when it is neither an image nor a multipart form.</summary>
    public static (UploadKind Kind, string? Boundary, ServiceProblem? Problem) Classify(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || media.MediaType.Value is not { } type)
            return (default, null, Unsupported(contentType is null or "" ? "no Content-Type was given" : $"the Content-Type '{contentType}' cannot be parsed"));
        if (type.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
            return (UploadKind.Raw, null, null);
        if (type.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            string? boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value;
            if (string.IsNullOrEmpty(boundary))
                return (default, null, BadRequest("the multipart/form-data Content-Type has no boundary."));
            return (UploadKind.Multipart, boundary, null);
        }
        return (default, null, Unsupported($"the Content-Type is '{type}'"));
    }

    /// <summary>Reads the image within <paramref name="maxBytes"/>: 400 when there is none, 413 when it is larger.</summary>
    public static async Task<(ImageUpload? Upload, ServiceProblem? Problem)> ReadAsync(
        HttpRequest request, UploadKind kind, string? boundary, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes) return (null, TooLarge(maxBytes));
        try
        {
            if (kind == UploadKind.Raw)
            {
                byte[]? bytes = await ReadCappedAsync(request.Body, maxBytes, cancellationToken);
                if (bytes is null) return (null, TooLarge(maxBytes));
                if (bytes.Length == 0) return (null, BadRequest($"the request body is empty: {Accepted}."));
                return (new ImageUpload(bytes, null), null);
            }
            return await ReadMultipartAsync(request.Body, boundary!, maxBytes, cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(maxBytes));
        }
        catch (Exception e) when (e is BadHttpRequestException or InvalidDataException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return (null, BadRequest($"the request body cannot be read: {e.Message}"));
        }
    }

    private static async Task<(ImageUpload?, ServiceProblem?)> ReadMultipartAsync(Stream body, string boundary, long maxBytes, CancellationToken cancellationToken)
    {
        var reader = new MultipartReader(boundary, body);
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || !string.Equals(HeaderUtilities.RemoveQuotes(disposition.Name).Value, FieldName, StringComparison.Ordinal))
            {
                await section.Body.DrainAsync(cancellationToken);
                continue;
            }
            byte[]? bytes = await ReadCappedAsync(section.Body, maxBytes, cancellationToken);
            if (bytes is null) return (null, TooLarge(maxBytes));
            if (bytes.Length == 0) return (null, BadRequest($"the multipart field '{FieldName}' is empty."));
            string? fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
            return (new ImageUpload(bytes, string.IsNullOrEmpty(fileName) ? null : fileName), null);
        }
        return (null, BadRequest($"the multipart form has no field '{FieldName}': {Accepted}."));
    }

    /// <summary>The stream's bytes, or null as soon as they pass <paramref name="maxBytes"/> (the rest is not read).</summary>
    private static async Task<byte[]?> ReadCappedAsync(Stream stream, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    public static ServiceProblem BadRequest(string detail) =>
        new(StatusCodes.Status400BadRequest, "Bad request", detail, RequestOutcome.BadRequest);

    public static ServiceProblem TooLarge(long maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, "Image too large",
            $"the request body is over the limit of {maxBytes} bytes ({maxBytes / 1048576.0:0.#} MiB).", RequestOutcome.TooLarge);

    private static ServiceProblem Unsupported(string what) =>
        new(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", $"{what}: {Accepted}.", RequestOutcome.UnsupportedMediaType);
}
