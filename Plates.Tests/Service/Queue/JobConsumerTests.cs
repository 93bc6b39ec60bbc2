using System.Text;
using System.Text.Json.Nodes;
using Plates.Consume.Recognition;
using Plates.Service.Queue;
using Plates.Tests.TestSupport;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Plates.Tests.Service.Queue;

/// <summary>The worker against a real RabbitMQ server (see <see cref="Broker"/>).</summary>
[TestClass]
public sealed class JobConsumerTests
{
    private static byte[] Scene(string plate = "京A88731") => File.ReadAllBytes(Path.Combine(TestData.RequireDataset("scenes"), plate + ".jpg"));

    [TestMethod]
    public async Task JobIsAcknowledgedOnlyOnceItsResultIsConfirmed()
    {
        await using var broker = await Broker.ConnectAsync();
        var options = broker.Options;

        // No queue bound to the results exchange: the broker returns every result, so none is ever confirmed.
        var worker = await broker.StartWorkerAsync();
        await broker.Channel.QueueUnbindAsync(options.ResultsQueue, options.ResultsExchange, "");
        await broker.PublishAsync(PlateJob.ForImage("job-1", Scene(), "京A88731.jpg"));
        await Task.Delay(1500);
        Assert.AreEqual(0u, await broker.ReadyAsync(options.JobsQueue), "the worker did not take the job");
        await worker.StopAsync();

        Assert.AreEqual(0L, worker.Consumer.Completed, "a job was acknowledged without a confirmed result");
        // Back in its queue once the worker's channel is closed (the broker requeues it a moment later).
        await broker.WaitForReadyAsync(options.JobsQueue, 1);
        Assert.AreEqual(0u, await broker.ReadyAsync(options.ResultsQueue));

        // Bound again (a worker declares its topology), the same job is read, its result confirmed, and only then acked.
        var second = await broker.StartWorkerAsync();
        var result = (await broker.TakeAsync(options.ResultsQueue, 1)).Single();
        await ServiceData.WaitUntilAsync(() => second.Consumer.Completed, completed => completed == 1, TimeSpan.FromSeconds(10));
        await second.StopAsync();

        Assert.AreEqual("job-1", result.BasicProperties.MessageId);
        Assert.AreEqual(0u, await broker.ReadyAsync(options.JobsQueue));
    }

    [TestMethod]
    public async Task JobOfAConsumerKilledBeforeItsAckIsRedeliveredAndRead()
    {
        await using var broker = await Broker.ConnectAsync();
        var options = broker.Options;
        await broker.PublishAsync(PlateJob.ForImage("job-killed", Scene(), "京A88731.jpg"));

        // A consumer that takes the job and dies without acknowledging it: its connection drops as a kill -9 drops it.
        var factory = new ConnectionFactory { Uri = new Uri(Broker.Uri) };
        var doomed = await factory.CreateConnectionAsync();
        var channel = await doomed.CreateChannelAsync();
        await channel.BasicQosAsync(0, 1, false);
        var received = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) => { received.TrySetResult(delivery.Redelivered); return Task.CompletedTask; };
        await channel.BasicConsumeAsync(options.JobsQueue, autoAck: false, consumer);
        Assert.IsFalse(await received.Task.WaitAsync(TimeSpan.FromSeconds(10)), "the first delivery is already a redelivery");
        await doomed.AbortAsync();
        doomed.Dispose();

        var worker = await broker.StartWorkerAsync();
        var result = (await broker.TakeAsync(options.ResultsQueue, 1)).Single();
        await worker.StopAsync();

        Assert.AreEqual("job-killed", result.BasicProperties.MessageId);
        var json = JsonNode.Parse(result.Body.Span)!;
        Assert.AreEqual("job-killed", json["jobId"]!.GetValue<string>());
        Assert.AreEqual("京A88731", json["plates"]![0]!["text"]!.GetValue<string>());
    }

    [TestMethod]
    public async Task CorruptImageIsDeadLetteredAtOnceWithTheLibrarysErrorAndTheNextJobGoesOn()
    {
        await using var broker = await Broker.ConnectAsync();
        var options = broker.Options;
        byte[] corrupt = Scene()[..400];
        string error = Assert.ThrowsExactly<InvalidDataException>(() => SharedRecogniser.Instance.Recognise(corrupt)).Message;
        await broker.PublishAsync(PlateJob.ForImage("job-corrupt", corrupt, "broken.jpg"));
        await broker.PublishAsync(PlateJob.ForImage("job-good", Scene(), "京A88731.jpg"));

        var worker = await broker.StartWorkerAsync();
        var dead = (await broker.TakeAsync(options.DeadLetterQueue, 1)).Single();
        var result = (await broker.TakeAsync(options.ResultsQueue, 1)).Single();
        await worker.StopAsync();

        Assert.AreEqual("job-corrupt", dead.BasicProperties.MessageId);
        Assert.AreEqual(error, PlateJob.Header(dead.BasicProperties, PlateJob.ErrorHeader));
        Assert.AreEqual("1", PlateJob.Header(dead.BasicProperties, PlateJob.AttemptsHeader), "a verdict no retry changes is not retried");
        Assert.AreEqual("broken.jpg", PlateJob.Header(dead.BasicProperties, PlateJob.FileHeader));
        CollectionAssert.AreEqual(corrupt, dead.Body.ToArray(), "the dead letter keeps the job's bytes for resubmission");
        Assert.AreEqual("job-good", result.BasicProperties.MessageId);
        Assert.AreEqual(0u, await broker.ReadyAsync(options.ResultsQueue));
    }

    [TestMethod]
    public async Task JobFailingThreeTimesIsDeadLetteredWithItsError()
    {
        await using var broker = await Broker.ConnectAsync();
        var options = broker.Options;
        string missing = Path.Combine(Path.GetTempPath(), "not-here-" + Guid.NewGuid().ToString("N") + ".jpg");
        await broker.PublishAsync(PlateJob.ForPath("job-missing", missing));

        var worker = await broker.StartWorkerAsync();
        var dead = (await broker.TakeAsync(options.DeadLetterQueue, 1)).Single();
        await worker.StopAsync();

        Assert.AreEqual("job-missing", dead.BasicProperties.MessageId);
        Assert.AreEqual("3", PlateJob.Header(dead.BasicProperties, PlateJob.AttemptsHeader));
        StringAssert.Contains(PlateJob.Header(dead.BasicProperties, PlateJob.ErrorHeader), $"{missing}: file not found.");
        Assert.AreEqual(missing, Encoding.UTF8.GetString(dead.Body.Span));
        Assert.AreEqual(0u, await broker.ReadyAsync(options.JobsQueue));
        Assert.AreEqual(0u, await broker.ReadyAsync(options.ResultsQueue));
    }

    [TestMethod]
    public async Task SameJobTwiceGivesTheSameResultTwice()
    {
        await using var broker = await Broker.ConnectAsync();
        var options = broker.Options;
        var job = PlateJob.ForImage("job-twice", Scene("京A88731"), "京A88731.jpg");
        await broker.PublishAsync(job);
        await broker.PublishAsync(job);

        var worker = await broker.StartWorkerAsync();
        var results = await broker.TakeAsync(options.ResultsQueue, 2);
        await worker.StopAsync();

        static string WithoutTimes(BasicGetResult message)
        {
            var json = JsonNode.Parse(message.Body.Span)!.AsObject();
            json.Remove("totalMs");
            foreach (var plate in json["plates"]!.AsArray()) plate!.AsObject().Remove("timingsMs");
            return json.ToJsonString(PhotoJson.SerializerOptions);
        }
        Assert.IsTrue(results.All(r => r.BasicProperties.MessageId == "job-twice"));
        Assert.AreEqual(WithoutTimes(results[0]), WithoutTimes(results[1]));
        Assert.AreEqual(0u, await broker.ReadyAsync(options.JobsQueue));
    }
}
