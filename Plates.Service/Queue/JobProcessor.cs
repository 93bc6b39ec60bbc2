using System.Text.Json;
using System.Text.Json.Nodes;
using Plates.Consume.Recognition;

namespace Plates.Service.Queue;

/// <summary>What reading a job gave: the result message's JSON, or the error and whether another attempt could help.</summary>
public sealed record JobOutcome(byte[]? ResultJson, string? Error, bool Permanent)
{
    public static JobOutcome Read(byte[] json) => new(json, null, false);

    public static JobOutcome Failed(string error, bool permanent) => new(null, error, permanent);
}

/// <summary>
/// Reads the photo of one job with the shared recogniser. Pure: the same job gives the same plates every time, so a
/// job delivered twice (a redelivery, or enqueued twice) yields the same result twice, which collect keeps once.
/// </summary>
public sealed class JobProcessor(PlateRecogniser recogniser)
{
    public JobOutcome Process(PlateJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        try
        {
            var result = job.Source == JobSource.Path ? recogniser.Recognise(job.Path) : recogniser.Recognise(job.Body.ToArray());
            return JobOutcome.Read(ResultJson(job.JobId, PhotoJson.From(job.File, result)));
        }
        catch (InvalidDataException e)
        {
            // Not an image, truncated, too large: the library's verdict on these bytes, which no retry changes.
            return JobOutcome.Failed(e.Message, permanent: true);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A file not there yet on shared storage, a read error, or a fault of ours: worth another attempt; after
            // MaxAttempts the job goes to the dead-letter queue with this message, so nothing is dropped unseen.
            return JobOutcome.Failed($"{e.GetType().Name}: {e.Message}", permanent: false);
        }
    }

    /// <summary>The result message: the command line's <c>--json</c> line for the photo with <c>jobId</c> in front.</summary>
    public static byte[] ResultJson(string jobId, PhotoJson photo)
    {
        var fields = JsonSerializer.SerializeToNode(photo, PhotoJson.SerializerOptions)!.AsObject();
        var message = new JsonObject { ["jobId"] = jobId };
        foreach (var (name, value) in fields.ToList())
        {
            fields.Remove(name);
            message[name] = value;
        }
        return JsonSerializer.SerializeToUtf8Bytes(message, PhotoJson.SerializerOptions);
    }

    /// <summary>The job id of a result message.</summary>
    public static string JobIdOf(ReadOnlySpan<byte> resultJson)
    {
        using var document = JsonDocument.Parse(resultJson.ToArray());
        return document.RootElement.GetProperty("jobId").GetString()
            ?? throw new InvalidDataException("the result has a null jobId.");
    }
}
