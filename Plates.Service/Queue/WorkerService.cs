using Plates.Hosting;

namespace Plates.Service.Queue;

/// <summary>The worker as a hosted service: waits for the shared recogniser's models, then consumes the jobs queue until
/// the host stops (SIGTERM: the jobs being read finish first).</summary>
public sealed class WorkerService(PlateRecogniserLoader loader, QueueOptionsSource options, ILoggerFactory loggers) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var recogniser = await loader.Loaded.WaitAsync(stoppingToken);
        var consumer = new JobConsumer(options.Value, new JobProcessor(recogniser), loggers.CreateLogger<JobConsumer>());
        await consumer.RunAsync(stoppingToken);
    }
}

/// <summary>The queue settings of this run: the configuration's, with the command line's --amqp over them.</summary>
public sealed record QueueOptionsSource(QueueOptions Value);
