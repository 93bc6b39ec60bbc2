using Microsoft.Extensions.Logging.Abstractions;
using Plates.Service.Queue;
using Plates.Tests.TestSupport;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Plates.Tests.Service.Queue;

/// <summary>
/// The real RabbitMQ server the queue tests talk to (<c>bash scripts/broker.sh start</c>; scripts/test.sh starts it):
/// PLATES_AMQP, or the guest account on 127.0.0.1:5672. Without it the tests fail in CI and are inconclusive elsewhere,
/// saying so either way. Each test uses queues of its own, deleted at the end.
/// </summary>
internal sealed class Broker : IAsyncDisposable
{
    public static string Uri => Environment.GetEnvironmentVariable("PLATES_AMQP") ?? "amqp://guest:guest@127.0.0.1:5672";

    private Broker(IConnection connection, IChannel channel, QueueOptions options)
    {
        Connection = connection;
        Channel = channel;
        Options = options;
    }

    public IConnection Connection { get; }

    /// <summary>A channel of the test's own, for publishing jobs and reading queues.</summary>
    public IChannel Channel { get; }

    /// <summary>Queue names of this test alone; one job at a time, quick retries.</summary>
    public QueueOptions Options { get; }

    public static async Task<Broker> ConnectAsync()
    {
        IConnection connection;
        try
        {
            connection = await new ConnectionFactory { Uri = new System.Uri(Uri) }.CreateConnectionAsync();
        }
        catch (BrokerUnreachableException e)
        {
            string message = $"RabbitMQ is not reachable at {QueueTopology.Redacted(Uri)} ({e.InnerException?.Message ?? e.Message}): start it with `bash scripts/broker.sh start` (scripts/test.sh does).";
            if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail(message);
            Assert.Inconclusive(message);
            throw;
        }
        string id = Guid.NewGuid().ToString("N")[..8];
        var options = new QueueOptions
        {
            Uri = Uri,
            JobsQueue = $"test.{id}.jobs",
            ResultsExchange = $"test.{id}.results",
            ResultsQueue = $"test.{id}.results",
            DeadLetterQueue = $"test.{id}.dead",
            Concurrency = 1,
            ReconnectSeconds = 0.2,
        };
        var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await QueueTopology.DeclareAsync(channel, options);
        return new Broker(connection, channel, options);
    }

    public async Task PublishAsync(PlateJob job) =>
        await Channel.BasicPublishAsync("", Options.JobsQueue, mandatory: true, job.Properties(), job.Body);

    /// <summary>Messages ready in a queue (not those delivered and unacknowledged).</summary>
    public async Task<uint> ReadyAsync(string queue) => (await Channel.QueueDeclarePassiveAsync(queue)).MessageCount;

    /// <summary>Waits until <paramref name="count"/> messages are ready in the queue, or fails after the limit.</summary>
    public async Task WaitForReadyAsync(string queue, uint count, double seconds = 10)
    {
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        uint ready;
        while ((ready = await ReadyAsync(queue)) != count)
        {
            if (stopwatch.Elapsed.TotalSeconds > seconds) Assert.Fail($"{ready} message(s) ready in {queue} after {seconds} s, expected {count}");
            await Task.Delay(20);
        }
    }

    /// <summary>Takes (and acknowledges) the messages of a queue until <paramref name="count"/> came, or fails after the limit.</summary>
    public async Task<IReadOnlyList<BasicGetResult>> TakeAsync(string queue, int count, double seconds = 30)
    {
        var taken = new List<BasicGetResult>();
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        while (taken.Count < count)
        {
            if (await Channel.BasicGetAsync(queue, autoAck: true) is { } message) taken.Add(message);
            else if (stopwatch.Elapsed.TotalSeconds > seconds) Assert.Fail($"{taken.Count} of {count} message(s) in {queue} after {seconds} s");
            else await Task.Delay(20);
        }
        return taken;
    }

    /// <summary>A worker of these queues reading with the tests' shared recogniser, until <see cref="Worker.StopAsync"/>.</summary>
    public async Task<Worker> StartWorkerAsync()
    {
        var consumer = new JobConsumer(Options, new JobProcessor(SharedRecogniser.Instance), NullLogger<JobConsumer>.Instance);
        var stop = new CancellationTokenSource();
        var running = Task.Run(() => consumer.RunAsync(stop.Token));
        await Task.WhenAny(consumer.Consuming, running);
        if (running.IsFaulted) await running;
        return new Worker(consumer, stop, running);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (string queue in new[] { Options.JobsQueue, Options.ResultsQueue, Options.DeadLetterQueue })
            await Channel.QueueDeleteAsync(queue);
        await Channel.ExchangeDeleteAsync(Options.ResultsExchange);
        await Channel.CloseAsync();
        await Connection.CloseAsync();
        Channel.Dispose();
        Connection.Dispose();
    }

    internal sealed record Worker(JobConsumer Consumer, CancellationTokenSource Stop, Task Running)
    {
        public async Task StopAsync()
        {
            await Stop.CancelAsync();
            await Running.WaitAsync(TimeSpan.FromSeconds(30));
            Stop.Dispose();
        }
    }
}
