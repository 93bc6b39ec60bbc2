using RabbitMQ.Client;

namespace Plates.Service.Queue;

/// <summary>Submits photos as jobs, each publish confirmed by the broker before the command reports it done.</summary>
public static class Enqueuer
{
    /// <summary>Publishes confirmed in flight at once: enough to hide the round trip, within the client's default
    /// limit of 128 outstanding confirmations.</summary>
    private const int InFlight = 64;

    /// <summary>Enqueues <paramref name="count"/> jobs taking the files in turn (every file once when equal to their
    /// number); job ids are <c>{runId}-{index:D6}</c>. Returns the job ids in order.</summary>
    public static async Task<IReadOnlyList<string>> EnqueueAsync(QueueOptions options, IReadOnlyList<string> files, JobSource source,
        int count, string runId, ILogger logger, CancellationToken cancellationToken)
    {
        if (files.Count == 0) throw new ArgumentException("no photos to enqueue.", nameof(files));
        await using var connection = await QueueTopology.ConnectAsync(options, "plates-enqueue", logger, cancellationToken, giveUpAfter: TimeSpan.FromSeconds(30));
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        await QueueTopology.DeclareAsync(channel, options, cancellationToken);

        var ids = new List<string>(count);
        var pending = new List<Task>(InFlight);
        for (int i = 0; i < count; i++)
        {
            string file = files[i % files.Count];
            string id = $"{runId}-{i:D6}";
            var job = source == JobSource.Path
                ? PlateJob.ForPath(id, Path.GetFullPath(file))
                : PlateJob.ForImage(id, await File.ReadAllBytesAsync(file, cancellationToken), Path.GetFileName(file));
            pending.Add(channel.BasicPublishAsync("", options.JobsQueue, mandatory: true, job.Properties(), job.Body, cancellationToken).AsTask());
            ids.Add(id);
            if (pending.Count == InFlight)
            {
                await Task.WhenAll(pending);
                pending.Clear();
            }
        }
        await Task.WhenAll(pending);
        return ids;
    }
}
