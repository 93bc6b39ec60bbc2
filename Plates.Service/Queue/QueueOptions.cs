namespace Plates.Service.Queue;

/// <summary>The broker and the names of the queues, bound from the configuration section <c>"Queue"</c> (or
/// <c>Queue__Uri=...</c> in the environment); <c>--amqp</c> on the command line overrides <see cref="Uri"/>.</summary>
public sealed class QueueOptions
{
    public string Uri { get; set; } = "amqp://guest:guest@127.0.0.1:5672";

    /// <summary>The durable (quorum) queue of jobs the workers consume.</summary>
    public string JobsQueue { get; set; } = "plates.jobs";

    /// <summary>The durable exchange a worker publishes each result to.</summary>
    public string ResultsExchange { get; set; } = "plates.results";

    /// <summary>The durable queue bound to <see cref="ResultsExchange"/> that <c>collect</c> reads.</summary>
    public string ResultsQueue { get; set; } = "plates.results";

    /// <summary>The durable queue of jobs that failed <see cref="MaxAttempts"/> times, or could never succeed, with the error.</summary>
    public string DeadLetterQueue { get; set; } = "plates.dead";

    /// <summary>Deliveries a worker holds unacknowledged: enough that the next job is on hand when one finishes (twice
    /// the concurrency by default), few enough that the jobs of a killed worker are redelivered quickly.</summary>
    public ushort Prefetch { get; set; }

    /// <summary>Jobs one worker reads at once; 0 for one per core.</summary>
    public int Concurrency { get; set; }

    /// <summary>A job that fails this many times goes to the dead-letter queue with its last error.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// Deliveries of one message before the broker itself dead-letters it: a guard against a job that kills the worker
    /// reading it (a crash is no failure the worker can count), set above <see cref="MaxAttempts"/> so that ordinary
    /// redeliveries after a worker was stopped do not reach it.
    /// </summary>
    public int DeliveryLimit { get; set; } = 5;

    /// <summary>Seconds between attempts to reach the broker (at start and after losing it).</summary>
    public double ReconnectSeconds { get; set; } = 2;

    public int EffectiveConcurrency => Concurrency > 0 ? Concurrency : Environment.ProcessorCount;

    public ushort EffectivePrefetch => Prefetch > 0 ? Prefetch : (ushort)Math.Min(ushort.MaxValue, 2 * EffectiveConcurrency);
}
