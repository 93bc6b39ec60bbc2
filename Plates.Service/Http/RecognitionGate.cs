using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Plates.Service.Http;

/// <summary>
/// Bounded concurrency with a bounded wait queue in front of the shared recogniser: at most
/// <see cref="ServiceOptions.EffectiveConcurrency"/> recognitions at once, at most
/// <see cref="ServiceOptions.MaxQueuedRequests"/> waiting (oldest first), and a refusal at once beyond that.
/// </summary>
public sealed class RecognitionGate : IDisposable
{
    private readonly ConcurrencyLimiter _limiter;

    public RecognitionGate(IOptions<ServiceOptions> options)
    {
        var settings = options.Value;
        Capacity = settings.EffectiveConcurrency;
        QueueCapacity = settings.MaxQueuedRequests;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = Capacity,
            QueueLimit = QueueCapacity,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    public int Capacity { get; }

    public int QueueCapacity { get; }

    /// <summary>A permit to recognise, waiting in the queue when all are taken; a lease that is not acquired when the
    /// queue is full (then the caller answers 503). Dispose the lease to hand the permit on.</summary>
    /// <exception cref="OperationCanceledException">The request timed out or was aborted while waiting.</exception>
    public ValueTask<RateLimitLease> EnterAsync(CancellationToken cancellationToken) => _limiter.AcquireAsync(1, cancellationToken);

    /// <summary>Requests waiting for a permit now.</summary>
    public long Waiting => _limiter.GetStatistics()?.CurrentQueuedCount ?? 0;

    /// <summary>Recognitions running now.</summary>
    public long Running => Capacity - (_limiter.GetStatistics()?.CurrentAvailablePermits ?? Capacity);

    public void Dispose() => _limiter.Dispose();
}
