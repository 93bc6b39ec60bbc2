using System.Text;
using System.Text.Json;
using Plates.Model.IO;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Plates.Service.Queue;

/// <summary>What a collect run gathered.</summary>
/// <param name="Results">Jobs with a result (each once).</param>
/// <param name="Duplicates">Result messages dropped because their job already had one.</param>
/// <param name="DeadLettered">Jobs in the dead-letter queue and without a result.</param>
public sealed record CollectSummary(int Results, int Duplicates, int DeadLettered);

/// <summary>
/// Waits for results (and dead letters), keeps one per job id, writes them as JSON lines sorted by job id (each file
/// complete or not at all, through <see cref="AtomicFile"/>), and only then acknowledges the messages: a collect that
/// dies before writing leaves every result in the queue for the next.
/// </summary>
public static class Collector
{
    /// <param name="expect">Stop once this many distinct jobs have a result or a dead letter; null to stop on <paramref name="idle"/> alone.</param>
    /// <param name="idle">Stop when no message has come for this long.</param>
    /// <param name="deadOut">Where to write the dead-lettered jobs ({jobId, file, error, attempts} per line); null to leave them in their queue.</param>
    public static async Task<CollectSummary> CollectAsync(QueueOptions options, string resultsOut, string? deadOut, int? expect,
        TimeSpan idle, ILogger logger, CancellationToken cancellationToken)
    {
        await using var connection = await QueueTopology.ConnectAsync(options, "plates-collect", logger, cancellationToken, giveUpAfter: TimeSpan.FromSeconds(30));
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        await QueueTopology.DeclareAsync(channel, options, cancellationToken);
        // No prefetch limit: every message stays unacknowledged until the files are written.
        await channel.BasicQosAsync(0, 0, global: false, cancellationToken);

        var results = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var dead = new SortedDictionary<string, string>(StringComparer.Ordinal);
        int duplicates = 0;
        ulong lastTag = 0;
        var gate = new object();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long lastMessageTicks = Environment.TickCount64;

        void Received(BasicDeliverEventArgs delivery, bool deadLetter)
        {
            lock (gate)
            {
                lastTag = Math.Max(lastTag, delivery.DeliveryTag);
                Interlocked.Exchange(ref lastMessageTicks, Environment.TickCount64);
                if (deadLetter)
                {
                    string id = delivery.BasicProperties.MessageId ?? $"(no job id, delivery {delivery.DeliveryTag})";
                    dead[id] = DeadLine(id, delivery);
                }
                else if (!results.TryAdd(JobProcessor.JobIdOf(delivery.Body.Span), Encoding.UTF8.GetString(delivery.Body.Span)))
                {
                    duplicates++;
                }
                if (expect is { } n && results.Count + dead.Keys.Count(k => !results.ContainsKey(k)) >= n) done.TrySetResult();
            }
        }
        var resultsConsumer = new AsyncEventingBasicConsumer(channel);
        resultsConsumer.ReceivedAsync += (_, delivery) => { Received(delivery, deadLetter: false); return Task.CompletedTask; };
        await channel.BasicConsumeAsync(options.ResultsQueue, autoAck: false, resultsConsumer, cancellationToken);
        if (deadOut is not null)
        {
            var deadConsumer = new AsyncEventingBasicConsumer(channel);
            deadConsumer.ReceivedAsync += (_, delivery) => { Received(delivery, deadLetter: true); return Task.CompletedTask; };
            await channel.BasicConsumeAsync(options.DeadLetterQueue, autoAck: false, deadConsumer, cancellationToken);
        }

        while (!done.Task.IsCompleted && Environment.TickCount64 - Interlocked.Read(ref lastMessageTicks) < idle.TotalMilliseconds)
            await Task.WhenAny(done.Task, Task.Delay(100, cancellationToken));
        cancellationToken.ThrowIfCancellationRequested();

        CollectSummary summary;
        ulong ackUpTo;
        lock (gate)
        {
            var deadOnly = dead.Where(d => !results.ContainsKey(d.Key)).ToList();
            var files = new List<(string, Action<Stream>)> { (resultsOut, stream => WriteLines(stream, results.Values)) };
            if (deadOut is not null) files.Add((deadOut, stream => WriteLines(stream, deadOnly.Select(d => d.Value))));
            AtomicFile.WriteAll(files);
            summary = new CollectSummary(results.Count, duplicates, deadOnly.Count);
            ackUpTo = lastTag;
        }
        if (ackUpTo > 0) await channel.BasicAckAsync(ackUpTo, multiple: true, cancellationToken);
        await channel.CloseAsync(cancellationToken);
        return summary;
    }

    private static string DeadLine(string id, BasicDeliverEventArgs delivery) => JsonSerializer.Serialize(new
    {
        jobId = id,
        file = PlateJob.Header(delivery.BasicProperties, PlateJob.FileHeader),
        error = PlateJob.Header(delivery.BasicProperties, PlateJob.ErrorHeader)
            ?? "dead-lettered by the broker: delivered more often than the delivery limit (a worker died reading it?)",
        attempts = int.TryParse(PlateJob.Header(delivery.BasicProperties, PlateJob.AttemptsHeader), out int a) ? a : (int?)null,
    }, Plates.Consume.Recognition.PhotoJson.SerializerOptions);

    private static void WriteLines(Stream stream, IEnumerable<string> lines)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false));
        foreach (string line in lines) writer.WriteLine(line);
    }
}
