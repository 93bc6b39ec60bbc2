using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Plates.Service.Queue;
using Plates.Tests.TestSupport;

namespace Plates.Tests.Service.Queue;

/// <summary>enqueue → worker → collect against a real RabbitMQ server (see <see cref="Broker"/>).</summary>
[TestClass]
public sealed class CollectorTests
{
    [TestMethod]
    public async Task EnqueuedPhotosComeBackOnceEachWithDuplicatesDroppedAndDeadLettersListed()
    {
        await using var broker = await Broker.ConnectAsync();
        var options = broker.Options;
        using var folder = new TempFolder();
        string scenes = TestData.RequireDataset("scenes");
        string[] plates = ["京A88731", "京FK5358"];
        foreach (string plate in plates) File.Copy(Path.Combine(scenes, plate + ".jpg"), folder.Combine(plate + ".jpg"));
        File.WriteAllBytes(folder.Combine("broken.jpg"), "not a photo"u8.ToArray());
        var files = Directory.GetFiles(folder.Path).Order(StringComparer.Ordinal).ToArray();

        var ids = await Enqueuer.EnqueueAsync(options, files, JobSource.Image, files.Length, "run", NullLogger.Instance, CancellationToken.None);
        // One job submitted again, by path this time, under the same id: it must be collected once.
        await broker.PublishAsync(PlateJob.ForPath(ids[1], Path.GetFullPath(files[1])));
        var worker = await broker.StartWorkerAsync();
        string results = folder.Combine("out", "results.jsonl");
        string dead = folder.Combine("out", "dead.jsonl");
        var summary = await Collector.CollectAsync(options, results, dead, expect: files.Length, idle: TimeSpan.FromSeconds(30), NullLogger.Instance, CancellationToken.None);
        // The duplicate may still be on its way when the expected count is reached; it is dropped either way.
        await ServiceData.WaitUntilAsync(() => worker.Consumer.Completed, completed => completed == 4, TimeSpan.FromSeconds(30));
        await worker.StopAsync();

        CollectionAssert.AreEqual(new[] { "run-000000", "run-000001", "run-000002" }, ids.ToArray());
        Assert.AreEqual(2, summary.Results);
        Assert.AreEqual(1, summary.DeadLettered);
        var lines = File.ReadAllLines(results).Select(l => JsonNode.Parse(l)!).ToArray();
        CollectionAssert.AreEqual(new[] { "run-000001", "run-000002" }, lines.Select(l => l["jobId"]!.GetValue<string>()).ToArray(), "one line per job, sorted by id");
        var read = plates.Select(p => string.Join(",", SharedRecogniser.Instance.Recognise(Path.Combine(scenes, p + ".jpg")).Plates.Select(x => x.Text))).ToArray();
        CollectionAssert.AreEqual(read, lines.Select(l => string.Join(",", l["plates"]!.AsArray().Select(x => x!["text"]!.GetValue<string>()))).ToArray());
        Assert.AreEqual("京A88731", read[0]);
        var deadLine = JsonNode.Parse(File.ReadAllLines(dead).Single())!;
        Assert.AreEqual("run-000000", deadLine["jobId"]!.GetValue<string>());
        Assert.AreEqual("broken.jpg", deadLine["file"]!.GetValue<string>());
        StringAssert.Contains(deadLine["error"]!.GetValue<string>(), "not an image");
        // Written, then acknowledged: nothing is left for the next collect but the late duplicate (if it was late).
        Assert.AreEqual(0u, await broker.ReadyAsync(options.DeadLetterQueue));
        Assert.IsLessThanOrEqualTo(1u, await broker.ReadyAsync(options.ResultsQueue));
    }
}
