using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OpenCvSharp;
using Plates.Consume.Imaging;
using Plates.Consume.Recognition;
using Plates.Hosting;
using Plates.Service.Telemetry;

namespace Plates.Service.Http;

/// <summary>POST /v1/plates: one image in, the command line's <c>--json</c> reading of it (<see cref="PhotoJson"/>) out.</summary>
public static class PlatesEndpoint
{
    public const string Route = "/v1/plates";

    /// <summary>The name of the request-timeout policy the endpoint runs under.</summary>
    public const string TimeoutPolicy = "recognition";

    public static IEndpointConventionBuilder MapPlatesEndpoint(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Route, RecogniseAsync)
            .WithName("RecognisePlates")
            .WithSummary("Reads the Chinese licence plates in one image.")
            .WithDescription("The body is the encoded image (Content-Type image/jpeg, image/png, …) or a multipart/form-data form with the image in the field 'image'. The answer is the command line's --json line for the image: its plates (text, confidence, per-character readings, colour, box, stage timings) and the total time. Errors are RFC 9457 problem details; 503 carries Retry-After.")
            .Produces<PhotoJson>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status504GatewayTimeout)
            .WithRequestTimeout(TimeoutPolicy);

    internal static async Task<IResult> RecogniseAsync(
        HttpContext context,
        [FromQuery, Description("Leave out plates whose confidence is below this number in [0, 1].")] string? minConfidence,
        [FromQuery, Description("true: the image is already a plate crop; localisation is skipped.")] string? crop,
        [FromQuery, Description("Give each plate's N most probable readings (1 to 10) with their confidences, as the command line's --top.")] string? top,
        PlateRecogniserLoader loader, RecognitionGate gate, ServiceMetrics metrics, IOptions<ServiceOptions> options,
        ILoggerFactory loggers)
    {
        var stopwatch = Stopwatch.StartNew();
        var settings = options.Value;
        if (!loader.TryGetRecogniser(out var recogniser))
            return Answer(context, metrics, stopwatch, NotReady(loader), settings);
        var (query, queryProblem) = ParseQuery(minConfidence, crop, top);
        if (queryProblem is not null) return Answer(context, metrics, stopwatch, queryProblem, settings);
        var (kind, boundary, typeProblem) = ImageUpload.Classify(context.Request.ContentType);
        if (typeProblem is not null) return Answer(context, metrics, stopwatch, typeProblem, settings);
        if (context.Request.ContentLength > settings.MaxRequestBytes)
            return Answer(context, metrics, stopwatch, ImageUpload.TooLarge(settings.MaxRequestBytes), settings);

        try
        {
            return await RecogniseWithinPermitAsync(context, query, kind, boundary, recogniser, gate, metrics, settings, loggers, stopwatch);
        }
        catch (Exception e) when (e is OperationCanceledException or BadHttpRequestException or IOException
                                  && context.RequestAborted.IsCancellationRequested
                                  && context.Features.Get<IHttpRequestTimeoutFeature>()?.RequestTimeoutToken.IsCancellationRequested != true)
        {
            // The client closed the connection (waiting, or mid-upload): nobody reads an answer. A timeout is not
            // caught here: the request-timeout middleware answers it with 504.
            metrics.Record(RequestOutcome.ClientClosed, stopwatch.Elapsed);
            return Results.StatusCode(StatusCodeClientClosedRequest);
        }
    }

    /// <summary>Status recorded for a request whose client went away first (nginx's 499; no client receives it).</summary>
    private const int StatusCodeClientClosedRequest = 499;

    private static async Task<IResult> RecogniseWithinPermitAsync(HttpContext context, (double MinConfidence, bool Crop, int Top) query,
        UploadKind kind, string? boundary, PlateRecogniser recogniser, RecognitionGate gate, ServiceMetrics metrics,
        ServiceOptions settings, ILoggerFactory loggers, Stopwatch stopwatch)
    {
        var cancellationToken = context.RequestAborted;
        // The permit comes before the body is read, so a refused or waiting request holds no image in memory.
        using var permit = await gate.EnterAsync(cancellationToken);
        if (!permit.IsAcquired)
            return Answer(context, metrics, stopwatch, new ServiceProblem(StatusCodes.Status503ServiceUnavailable, "Busy",
                $"all {gate.Capacity} recognitions are running and {gate.QueueCapacity} requests are waiting: retry after {settings.RetryAfterSeconds} s.",
                RequestOutcome.Rejected), settings);

        var (upload, uploadProblem) = await ImageUpload.ReadAsync(context.Request, kind, boundary, settings.MaxRequestBytes, cancellationToken);
        if (uploadProblem is not null) return Answer(context, metrics, stopwatch, uploadProblem, settings);

        RecognitionResult result;
        try
        {
            result = query.Crop ? RecogniseCrop(recogniser, upload!.Bytes) : recogniser.Recognise(upload!.Bytes);
        }
        catch (InvalidDataException e)
        {
            return Answer(context, metrics, stopwatch, new ServiceProblem(StatusCodes.Status422UnprocessableEntity,
                "The image cannot be read", e.Message, RequestOutcome.UnreadableImage), settings);
        }
        var kept = result with { Plates = result.Plates.Where(p => p.Confidence >= query.MinConfidence).ToArray() };
        metrics.Record(RequestOutcome.Ok, stopwatch.Elapsed, kept.Plates.Count);
        loggers.CreateLogger(typeof(PlatesEndpoint)).LogDebug("{File}: {Plates} plate(s) in {Milliseconds:F1} ms.",
            upload.FileName ?? "(body)", kept.Plates.Count, result.TotalMs);
        return Results.Json(PhotoJson.From(upload.FileName, kept, query.Top), PhotoJson.SerializerOptions);
    }

    /// <summary>Most alternative readings a plate gives (as the command line's --top).</summary>
    private const int MaxTop = 10;

    /// <summary>The options of the query string, or 400 naming the one that is wrong.</summary>
    internal static ((double MinConfidence, bool Crop, int Top) Query, ServiceProblem? Problem) ParseQuery(string? minConfidence, string? crop, string? top = null)
    {
        double min = 0;
        if (minConfidence is not null
            && (!double.TryParse(minConfidence, NumberStyles.Float, CultureInfo.InvariantCulture, out min) || !(min is >= 0 and <= 1)))
            return (default, ImageUpload.BadRequest($"minConfidence must be a number from 0 to 1; got '{minConfidence}'."));
        bool isCrop = false;
        if (crop is not null && !bool.TryParse(crop, out isCrop))
            return (default, ImageUpload.BadRequest($"crop must be true or false; got '{crop}'."));
        int readings = 0;
        if (top is not null && (!int.TryParse(top, NumberStyles.None, CultureInfo.InvariantCulture, out readings) || readings is < 1 or > MaxTop))
            return (default, ImageUpload.BadRequest($"top must be a whole number from 1 to {MaxTop}; got '{top}'."));
        return ((min, isCrop, readings), null);
    }

    /// <summary>A plate crop read as the command line's <c>evaluate --crops</c> reads it; no plate when it cannot be cut.</summary>
    private static RecognitionResult RecogniseCrop(PlateRecogniser recogniser, byte[] bytes)
    {
        var stopwatch = Stopwatch.StartNew();
        using Mat image = PhotoLoader.Decode(bytes, recogniser.Options.MaxPixels);
        var plate = recogniser.RecognisePlateImage(image);
        return new RecognitionResult(plate is null ? [] : [plate], stopwatch.Elapsed.TotalMilliseconds);
    }

    private static ServiceProblem NotReady(PlateRecogniserLoader loader) => new(StatusCodes.Status503ServiceUnavailable, "Not ready",
        loader.Loaded.IsFaulted ? $"cannot load the models: {loader.Loaded.Exception!.InnerException!.Message}" : "the models are loading.",
        RequestOutcome.NotReady);

    private static IResult Answer(HttpContext context, ServiceMetrics metrics, Stopwatch stopwatch, ServiceProblem problem, ServiceOptions settings)
    {
        metrics.Record(problem.Outcome, stopwatch.Elapsed);
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
            context.Response.Headers.RetryAfter = settings.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Results.Problem(problem.Detail, statusCode: problem.Status, title: problem.Title);
    }
}
