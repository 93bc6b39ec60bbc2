using System.Text;
using RabbitMQ.Client;

namespace Plates.Service.Queue;

/// <summary>Where a job's image is: a path every worker can read (shared storage), or the encoded bytes in the message.</summary>
public enum JobSource
{
    Path,
    Image,
}

/// <summary>
/// One photo to read. On the wire: the message id is the job id, the type says the source, the body is the UTF-8 path
/// or the image bytes, the header <c>file</c> names the photo for the result, <c>x-attempts</c> counts failures so far.
/// </summary>
public sealed record PlateJob(string JobId, JobSource Source, ReadOnlyMemory<byte> Body, string? File, int Attempts = 0)
{
    public const string PathType = "plates.job.path";
    public const string ImageType = "plates.job.image";
    public const string FileHeader = "file";
    public const string AttemptsHeader = "x-attempts";
    public const string ErrorHeader = "x-error";

    /// <summary>The path of a <see cref="JobSource.Path"/> job.</summary>
    public string Path => Encoding.UTF8.GetString(Body.Span);

    public static PlateJob ForPath(string jobId, string path) => new(jobId, JobSource.Path, Encoding.UTF8.GetBytes(path), path);

    public static PlateJob ForImage(string jobId, byte[] image, string? file) => new(jobId, JobSource.Image, image, file);

    /// <summary>The message's properties: persistent, so a durable queue keeps it through a broker restart.</summary>
    public BasicProperties Properties(string? error = null) => new()
    {
        MessageId = JobId,
        Type = Source == JobSource.Path ? PathType : ImageType,
        ContentType = Source == JobSource.Path ? "text/plain; charset=utf-8" : "application/octet-stream",
        DeliveryMode = DeliveryModes.Persistent,
        Headers = new Dictionary<string, object?>
        {
            [FileHeader] = File,
            [AttemptsHeader] = Attempts,
            [ErrorHeader] = error,
        },
    };

    /// <summary>The job a delivered message holds, or why it holds none (no job id, an unknown type).</summary>
    public static (PlateJob? Job, string? Error) From(IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body)
    {
        if (string.IsNullOrEmpty(properties.MessageId))
            return (null, "the message has no message id (the job id).");
        var source = properties.Type switch
        {
            PathType => JobSource.Path,
            ImageType => JobSource.Image,
            _ => (JobSource?)null,
        };
        if (source is null)
            return (null, $"the message type '{properties.Type}' is neither {PathType} nor {ImageType}.");
        return (new PlateJob(properties.MessageId, source.Value, body, Header(properties, FileHeader),
            int.TryParse(Header(properties, AttemptsHeader), out int attempts) ? attempts : 0), null);
    }

    /// <summary>A header as text: the client hands strings back as UTF-8 bytes and numbers as numbers.</summary>
    public static string? Header(IReadOnlyBasicProperties properties, string name) =>
        properties.Headers?.TryGetValue(name, out var value) == true ? value switch
        {
            null => null,
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
        } : null;
}
