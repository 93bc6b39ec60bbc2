namespace Plates.Service.Http;

/// <summary>Limits of the HTTP service, bound from the configuration section <c>"Service"</c> (appsettings.json, or
/// environment variables such as <c>Service__MaxQueuedRequests=64</c>).</summary>
public sealed class ServiceOptions
{
    /// <summary>The largest request body taken (raw image, or the whole multipart form); larger ones get 413. 20 MiB holds
    /// any camera JPEG of the 50-megapixel limit the recogniser decodes (the scenes are 0.1–0.6 MB).</summary>
    public long MaxRequestBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Recognitions run at once; 0 for one per core. Recognition is CPU-bound and single-threaded per photo, so
    /// more than one per core only adds latency (measured in the README, section "Service").</summary>
    public int MaxConcurrentRecognitions { get; set; }

    /// <summary>Requests waiting for a free recognition; when they are all taken the next gets 503 with Retry-After at
    /// once. 32 lets a client with 32 connections wait instead of being turned away, while a waiter still waits at most
    /// about 32 / (2 cores × 30 photos/s) ≈ 0.5 s here.</summary>
    public int MaxQueuedRequests { get; set; } = 32;

    /// <summary>A request (waiting, upload and recognition) that takes longer gets 504; a recognition once started is not
    /// interrupted (it takes tens of milliseconds), so the bound mostly cuts waits and slow uploads.</summary>
    public double RequestTimeoutSeconds { get; set; } = 30;

    /// <summary>The Retry-After of a 503: about the time the queue in front of a turned-away request takes to drain.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>On SIGTERM the service stops taking connections and gives the requests in flight this long to finish.</summary>
    public double ShutdownTimeoutSeconds { get; set; } = 30;

    /// <summary>The recognitions at once that <see cref="MaxConcurrentRecognitions"/> stands for.</summary>
    public int EffectiveConcurrency => MaxConcurrentRecognitions > 0 ? MaxConcurrentRecognitions : Environment.ProcessorCount;
}
