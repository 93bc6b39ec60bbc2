using System.Text.Json.Nodes;
using Plates.Consume.Recognition;
using Plates.Service.Queue;
using Plates.Tests.TestSupport;
using RabbitMQ.Client;

namespace Plates.Tests.Service.Queue;

/// <summary>The reading of one job and its messages, without a broker.</summary>
[TestClass]
public sealed class JobProcessorTests
{
    private static string ScenePath => Path.Combine(TestData.RequireDataset("scenes"), "京A88731.jpg");

    [TestMethod]
    public void ResultIsTheCommandLinesJsonLineWithTheJobIdInFront()
    {
        var outcome = new JobProcessor(SharedRecogniser.Instance).Process(PlateJob.ForPath("job-7", ScenePath));

        Assert.IsNotNull(outcome.ResultJson);
        var result = JsonNode.Parse(outcome.ResultJson)!.AsObject();
        var expected = JsonNode.Parse(PhotoJson.From(ScenePath, SharedRecogniser.Instance.Recognise(ScenePath)).ToJsonLine())!.AsObject();
        Assert.AreEqual("jobId", result.First().Key);
        Assert.AreEqual("job-7", result["jobId"]!.GetValue<string>());
        CollectionAssert.AreEqual(new[] { "jobId" }.Concat(expected.Select(p => p.Key)).ToArray(), result.Select(p => p.Key).ToArray());
        Assert.AreEqual(expected["plates"]![0]!["text"]!.GetValue<string>(), result["plates"]![0]!["text"]!.GetValue<string>());
        Assert.AreEqual("job-7", JobProcessor.JobIdOf(outcome.ResultJson));
    }

    [TestMethod]
    public void ImageTheLibraryRefusesFailsForGoodWithItsMessage()
    {
        byte[] corrupt = File.ReadAllBytes(ScenePath)[..300];
        string message = Assert.ThrowsExactly<InvalidDataException>(() => SharedRecogniser.Instance.Recognise(corrupt)).Message;

        var outcome = new JobProcessor(SharedRecogniser.Instance).Process(PlateJob.ForImage("job-8", corrupt, "x.jpg"));

        Assert.IsNull(outcome.ResultJson);
        Assert.IsTrue(outcome.Permanent);
        Assert.AreEqual(message, outcome.Error);
    }

    [TestMethod]
    public void MissingFileFailsForNowSoItIsRetried()
    {
        var outcome = new JobProcessor(SharedRecogniser.Instance).Process(PlateJob.ForPath("job-9", "/no/such/photo.jpg"));

        Assert.IsFalse(outcome.Permanent);
        Assert.AreEqual("FileNotFoundException: /no/such/photo.jpg: file not found.", outcome.Error);
    }

    [TestMethod]
    public void JobSurvivesItsTripThroughMessageProperties()
    {
        var job = PlateJob.ForImage("job-10", [1, 2, 3], "car.jpg") with { Attempts = 2 };
        var properties = job.Properties("boom");
        // What the client hands back: strings as UTF-8 bytes.
        properties.Headers = properties.Headers!.ToDictionary(h => h.Key, h => h.Value is string s ? (object?)System.Text.Encoding.UTF8.GetBytes(s) : h.Value);

        var (read, error) = PlateJob.From(properties, job.Body);

        Assert.IsNull(error);
        Assert.AreEqual(job.JobId, read!.JobId);
        Assert.AreEqual(JobSource.Image, read.Source);
        Assert.AreEqual("car.jpg", read.File);
        Assert.AreEqual(2, read.Attempts);
        Assert.AreEqual(DeliveryModes.Persistent, properties.DeliveryMode);
        Assert.AreEqual("boom", PlateJob.Header(properties, PlateJob.ErrorHeader));
    }

    [TestMethod]
    [DataRow(null, PlateJob.ImageType, "the message has no message id (the job id).")]
    [DataRow("job-11", "something.else", "the message type 'something.else' is neither plates.job.path nor plates.job.image.")]
    public void MessageThatHoldsNoJobSaysWhy(string? id, string type, string why)
    {
        var (job, error) = PlateJob.From(new BasicProperties { MessageId = id, Type = type }, new byte[] { 1 });

        Assert.IsNull(job);
        Assert.AreEqual(why, error);
    }
}
