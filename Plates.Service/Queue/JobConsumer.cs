using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace Plates.Service.Queue;

/// <summary>
/// Consumes the jobs queue: reads each photo, publishes its result to the results exchange and acknowledges the job
/// only once the broker has confirmed the result. A failed job is published again with its attempt count (or, on its
/// last attempt or when no retry can help, to the dead-letter queue with the error) and acknowledged once that copy is
/// confirmed. While the broker refuses an outcome (no queue bound to the results exchange, say) the worker keeps the
/// job and publishes again every <see cref="QueueOptions.ReconnectSeconds"/>; when the connection is lost or the worker
/// stops first, the job is left unacknowledged and the broker hands it out again.
/// </summary>
public sealed class JobConsumer(QueueOptions options, JobProcessor processor, ILogger<JobConsumer> logger)
{
    private readonly TaskCompletionSource _consuming = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private long _completed;
    private CancellationToken _stopping;

    /// <summary>Completes once the consumer is registered with the broker.</summary>
    public Task Consuming => _consuming.Task;

    /// <summary>Jobs whose outcome (result, retry or dead letter) was confirmed and acknowledged.</summary>
    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>Consumes until <paramref name="stoppingToken"/> fires, then stops taking jobs, lets the jobs being read
    /// finish (their results published and acknowledged) and closes; unstarted prefetched jobs go back to the queue.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        int concurrency = options.EffectiveConcurrency;
        await using var connection = await QueueTopology.ConnectAsync(options, $"plates-worker-{Environment.ProcessId}", logger, stoppingToken);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true,
            consumerDispatchConcurrency: (ushort)concurrency), stoppingToken);
        await QueueTopology.DeclareAsync(channel, options, stoppingToken);
        await channel.BasicQosAsync(0, options.EffectivePrefetch, global: false, stoppingToken);

        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) => HandleAsync(channel, delivery);
        string tag = await channel.BasicConsumeAsync(options.JobsQueue, autoAck: false, consumer, stoppingToken);
        logger.LogInformation("Consuming {Queue} at {Uri}: {Concurrency} at once, prefetch {Prefetch}.",
            options.JobsQueue, QueueTopology.Redacted(options.Uri), concurrency, options.EffectivePrefetch);
        _consuming.TrySetResult();

        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }
        try
        {
            await channel.BasicCancelAsync(tag);
        }
        catch (Exception e) when (e is AlreadyClosedException or OperationInterruptedException)
        {
            logger.LogWarning("Stopping while the broker is away: {Message}", e.Message);
        }
        while (Volatile.Read(ref _inFlight) > 0) await Task.Delay(20);
        logger.LogInformation("Stopped after {Completed} job(s).", Completed);
    }

    private async Task HandleAsync(IChannel channel, BasicDeliverEventArgs delivery)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            var (job, invalid) = PlateJob.From(delivery.BasicProperties, delivery.Body);
            if (job is null)
            {
                var unreadable = new PlateJob(delivery.BasicProperties.MessageId ?? "", JobSource.Image, delivery.Body, null, Attempts: 1);
                await PublishDeadLetterAsync(channel, unreadable, delivery.BasicProperties.Type, invalid!);
            }
            else
            {
                var outcome = processor.Process(job);
                var attempted = job with { Attempts = job.Attempts + 1 };
                if (outcome.ResultJson is { } json)
                {
                    await PublishResultAsync(channel, job, json);
                }
                else if (outcome.Permanent || attempted.Attempts >= options.MaxAttempts)
                {
                    await PublishDeadLetterAsync(channel, attempted, delivery.BasicProperties.Type, outcome.Error!);
                }
                else
                {
                    logger.LogWarning("Job {JobId} failed (attempt {Attempt} of {Max}): {Error}", job.JobId, attempted.Attempts, options.MaxAttempts, outcome.Error);
                    await PublishConfirmedAsync(channel, "", options.JobsQueue, attempted.Properties(outcome.Error), attempted.Body);
                }
            }
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
            Interlocked.Increment(ref _completed);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            logger.LogInformation("Job {JobId}: left to the broker, the worker stopped before its outcome was confirmed.", delivery.BasicProperties.MessageId);
        }
        catch (Exception e) when (e is AlreadyClosedException or OperationInterruptedException or IOException)
        {
            // The connection went away: the broker requeues every unacknowledged job and hands it out again.
            logger.LogWarning("Job {JobId}: the broker connection was lost before its outcome was acknowledged ({Message}); it will be redelivered.",
                delivery.BasicProperties.MessageId, e.Message);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private Task PublishResultAsync(IChannel channel, PlateJob job, byte[] json)
    {
        var properties = new BasicProperties
        {
            MessageId = job.JobId,
            CorrelationId = job.JobId,
            ContentType = "application/json",
            DeliveryMode = DeliveryModes.Persistent,
        };
        return PublishConfirmedAsync(channel, options.ResultsExchange, "", properties, json);
    }

    private Task PublishDeadLetterAsync(IChannel channel, PlateJob job, string? type, string error)
    {
        logger.LogWarning("Job {JobId} dead-lettered after {Attempts} attempt(s): {Error}", job.JobId, job.Attempts, error);
        var properties = job.Properties(error);
        properties.Type = type;
        return PublishConfirmedAsync(channel, "", options.DeadLetterQueue, properties, job.Body);
    }

    /// <summary>Publishes and waits for the broker's confirmation, publishing again while the broker refuses the message
    /// (a nack, or a return because no queue is bound); gives up only when the worker stops.</summary>
    private async Task PublishConfirmedAsync(IChannel channel, string exchange, string routingKey, BasicProperties properties, ReadOnlyMemory<byte> body)
    {
        while (true)
        {
            try
            {
                // Not cancelled by the stop: a job being finished is finished; only the wait between refusals ends with it.
                await channel.BasicPublishAsync(exchange, routingKey, mandatory: true, properties, body);
                return;
            }
            catch (PublishException e)
            {
                logger.LogWarning("Job {JobId}: the broker refused its outcome on {Exchange}/{RoutingKey} ({Kind}); publishing again in {Seconds} s.",
                    properties.MessageId, exchange == "" ? "(default)" : exchange, routingKey, e.IsReturn ? "unroutable" : "nack", options.ReconnectSeconds);
                await Task.Delay(TimeSpan.FromSeconds(options.ReconnectSeconds), _stopping);
            }
        }
    }
}
