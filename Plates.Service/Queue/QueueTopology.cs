using RabbitMQ.Client;

namespace Plates.Service.Queue;

/// <summary>
/// The queues and exchanges, declared the same way by every side (worker, enqueue, collect), whichever starts first:
/// a durable quorum queue of jobs (dead-lettering to the dead-letter queue past <see cref="QueueOptions.DeliveryLimit"/>),
/// a durable direct exchange of results bound to a durable results queue, and a durable dead-letter queue.
/// </summary>
public static class QueueTopology
{
    public static async Task DeclareAsync(IChannel channel, QueueOptions options, CancellationToken cancellationToken = default)
    {
        await channel.QueueDeclareAsync(options.DeadLetterQueue, durable: true, exclusive: false, autoDelete: false,
            arguments: null, cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(options.JobsQueue, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?>
            {
                ["x-queue-type"] = "quorum",
                ["x-delivery-limit"] = options.DeliveryLimit,
                ["x-dead-letter-exchange"] = "",
                ["x-dead-letter-routing-key"] = options.DeadLetterQueue,
            }, cancellationToken: cancellationToken);
        await channel.ExchangeDeclareAsync(options.ResultsExchange, ExchangeType.Direct, durable: true, autoDelete: false,
            cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(options.ResultsQueue, durable: true, exclusive: false, autoDelete: false,
            arguments: null, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(options.ResultsQueue, options.ResultsExchange, routingKey: "", cancellationToken: cancellationToken);
    }

    /// <summary>Opens a connection, retrying every <see cref="QueueOptions.ReconnectSeconds"/> until the broker answers or
    /// <paramref name="cancellationToken"/> fires; the connection recovers by itself after a later loss.</summary>
    public static async Task<IConnection> ConnectAsync(QueueOptions options, string clientName, ILogger logger,
        CancellationToken cancellationToken, TimeSpan? giveUpAfter = null)
    {
        var factory = new ConnectionFactory
        {
            Uri = new Uri(options.Uri),
            ClientProvidedName = clientName,
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
            NetworkRecoveryInterval = TimeSpan.FromSeconds(options.ReconnectSeconds),
        };
        var started = DateTime.UtcNow;
        while (true)
        {
            try
            {
                return await factory.CreateConnectionAsync(cancellationToken);
            }
            catch (RabbitMQ.Client.Exceptions.BrokerUnreachableException e)
            {
                if (giveUpAfter is { } limit && DateTime.UtcNow - started > limit)
                    throw new InvalidOperationException($"the broker at {Redacted(options.Uri)} did not answer within {limit.TotalSeconds:0} s: {e.InnerException?.Message ?? e.Message}", e);
                logger.LogWarning("The broker at {Uri} does not answer ({Message}); retrying in {Seconds} s.",
                    Redacted(options.Uri), e.InnerException?.Message ?? e.Message, options.ReconnectSeconds);
                await Task.Delay(TimeSpan.FromSeconds(options.ReconnectSeconds), cancellationToken);
            }
        }
    }

    /// <summary>The URI without its password, for logs.</summary>
    public static string Redacted(string uri) =>
        System.Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.UserInfo.Contains(':')
            ? uri.Replace(parsed.UserInfo, parsed.UserInfo.Split(':')[0] + ":***")
            : uri;
}
