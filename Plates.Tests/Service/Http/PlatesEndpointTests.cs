using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using OpenCvSharp;
using Plates.Consume.Recognition;
using Plates.Tests.TestSupport;

namespace Plates.Tests.Service.Http;

[TestClass]
public sealed class PlatesEndpointTests
{
    private static ServiceFactory s_factory = null!;
    private static HttpClient s_client = null!;

    [ClassInitialize]
    public static async Task StartService(TestContext _)
    {
        s_factory = new ServiceFactory();
        s_client = await s_factory.ReadyClientAsync();
    }

    [ClassCleanup]
    public static void StopService() => s_factory.Dispose();

    [TestMethod]
    public async Task RawImageIsAnsweredWithTheCommandLinesJsonLine()
    {
        byte[] bytes = File.ReadAllBytes(ServiceData.Scene());

        using var response = await s_client.PostAsync("/v1/plates", Image(bytes));

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("application/json", response.Content.Headers.ContentType?.MediaType);
        string expected = PhotoJson.From(null, SharedRecogniser.Instance.Recognise(bytes)).ToJsonLine();
        AssertSameReading(expected, await response.Content.ReadAsStringAsync());
        StringAssert.Contains(await response.Content.ReadAsStringAsync(), "\"text\":\"京A88731\"");
    }

    [TestMethod]
    public async Task MultipartFieldImageIsReadAndNamedAfterItsFile()
    {
        string scene = ServiceData.Scene();
        byte[] bytes = File.ReadAllBytes(scene);
        using var form = new MultipartFormDataContent { { Image(bytes), "image", Path.GetFileName(scene) } };

        using var response = await s_client.PostAsync("/v1/plates", form);

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        string expected = PhotoJson.From(Path.GetFileName(scene), SharedRecogniser.Instance.Recognise(bytes)).ToJsonLine();
        AssertSameReading(expected, await response.Content.ReadAsStringAsync());
    }

    [TestMethod]
    public async Task CropTrueReadsAPlateCropAsTheLibraryDoes()
    {
        string crop = Directory.GetFiles(TestData.RequireDataset("crops")).Order(StringComparer.Ordinal).First();
        byte[] bytes = File.ReadAllBytes(crop);
        using var image = Cv2.ImDecode(bytes, ImreadModes.Color);
        var plate = SharedRecogniser.Instance.RecognisePlateImage(image);
        Assert.IsNotNull(plate, $"the library reads no plate in {crop}: pick another crop for this test");

        using var response = await s_client.PostAsync("/v1/plates?crop=true", Image(bytes));

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        string expected = PhotoJson.From(null, new RecognitionResult([plate], 0)).ToJsonLine();
        AssertSameReading(expected, await response.Content.ReadAsStringAsync());
    }

    [TestMethod]
    public async Task MinConfidenceLeavesOutPlatesReadLessSurely()
    {
        byte[] bytes = File.ReadAllBytes(ServiceData.Scene());
        double confidence = SharedRecogniser.Instance.Recognise(bytes).Plates.Single().Confidence;

        var kept = await s_client.PostAsync(FormattableString.Invariant($"/v1/plates?minConfidence={confidence - 0.001}"), Image(bytes));
        var dropped = await s_client.PostAsync(FormattableString.Invariant($"/v1/plates?minConfidence={Math.Min(1, confidence + 0.001)}"), Image(bytes));

        Assert.HasCount(1, (await kept.Content.ReadFromJsonAsync<PhotoJson>(PhotoJson.SerializerOptions))!.Plates);
        Assert.IsEmpty((await dropped.Content.ReadFromJsonAsync<PhotoJson>(PhotoJson.SerializerOptions))!.Plates);
    }

    [TestMethod]
    public async Task TopGivesEachPlatesMostProbableReadingsAsTheCommandLinesTopDoes()
    {
        byte[] bytes = File.ReadAllBytes(ServiceData.Scene());
        var plate = SharedRecogniser.Instance.Recognise(bytes).Plates.Single();

        var answer = (await (await s_client.PostAsync("/v1/plates?top=3", Image(bytes))).Content.ReadFromJsonAsync<PhotoJson>(PhotoJson.SerializerOptions))!;
        var plain = (await (await s_client.PostAsync("/v1/plates", Image(bytes))).Content.ReadFromJsonAsync<PhotoJson>(PhotoJson.SerializerOptions))!;

        var readings = answer.Plates.Single().Readings;
        Assert.IsNotNull(readings);
        CollectionAssert.AreEqual(plate.TopReadings(3).Select(r => r.Text).ToArray(), readings.Select(r => r.Text).ToArray());
        Assert.AreEqual(plate.Text, readings[0].Text, "the first reading is the plate's own");
        Assert.IsNull(plain.Plates.Single().Readings, "without top, no readings");
        Assert.AreEqual("standard", answer.Plates.Single().Kind);
    }

    [TestMethod]
    public async Task EmptyBodyIsABadRequest()
    {
        var problem = await PostProblemAsync("/v1/plates", Image([]), HttpStatusCode.BadRequest);
        StringAssert.Contains(problem.Detail, "the request body is empty");
    }

    [TestMethod]
    public async Task MultipartFormWithoutTheImageFieldIsABadRequest()
    {
        using var form = new MultipartFormDataContent { { new StringContent("x"), "photo" } };
        var problem = await PostProblemAsync("/v1/plates", form, HttpStatusCode.BadRequest);
        StringAssert.Contains(problem.Detail, "no field 'image'");
    }

    [TestMethod]
    [DataRow("minConfidence=abc", "minConfidence must be a number from 0 to 1; got 'abc'.")]
    [DataRow("minConfidence=1.5", "minConfidence must be a number from 0 to 1; got '1.5'.")]
    [DataRow("minConfidence=-0.1", "minConfidence must be a number from 0 to 1; got '-0.1'.")]
    [DataRow("top=0", "top must be a whole number from 1 to 10; got '0'.")]
    [DataRow("top=two", "top must be a whole number from 1 to 10; got 'two'.")]
    [DataRow("crop=yes", "crop must be true or false; got 'yes'.")]
    public async Task WrongQueryOptionIsABadRequestNamingIt(string query, string detail)
    {
        var problem = await PostProblemAsync($"/v1/plates?{query}", Image(File.ReadAllBytes(ServiceData.Scene())), HttpStatusCode.BadRequest);
        Assert.AreEqual(detail, problem.Detail);
    }

    [TestMethod]
    [DataRow("text/plain")]
    [DataRow("application/json")]
    [DataRow(null)]
    public async Task BodyThatIsNeitherAnImageNorAFormIsUnsupported(string? contentType)
    {
        var content = new ByteArrayContent(File.ReadAllBytes(ServiceData.Scene()));
        if (contentType is not null) content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var problem = await PostProblemAsync("/v1/plates", content, HttpStatusCode.UnsupportedMediaType);
        StringAssert.Contains(problem.Detail, "multipart/form-data field 'image'");
    }

    [TestMethod]
    public async Task BytesThatAreNoImageAreUnprocessableWithTheLibrarysMessage()
    {
        byte[] garbage = "this is not an image at all"u8.ToArray();
        string message = Assert.ThrowsExactly<InvalidDataException>(() => SharedRecogniser.Instance.Recognise(garbage)).Message;

        var problem = await PostProblemAsync("/v1/plates", Image(garbage), HttpStatusCode.UnprocessableEntity);

        Assert.AreEqual(message, problem.Detail);
    }

    [TestMethod]
    public async Task TruncatedPhotoIsUnprocessableWithTheLibrarysMessage()
    {
        byte[] bytes = File.ReadAllBytes(ServiceData.Scene());
        byte[] truncated = bytes[..400];
        string message = Assert.ThrowsExactly<InvalidDataException>(() => SharedRecogniser.Instance.Recognise(truncated)).Message;

        var problem = await PostProblemAsync("/v1/plates", Image(truncated), HttpStatusCode.UnprocessableEntity);

        Assert.AreEqual(message, problem.Detail);
    }

    internal static ByteArrayContent Image(byte[] bytes, string type = "image/jpeg")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return content;
    }

    internal static Task<ProblemDetails> PostProblemAsync(string url, HttpContent content, HttpStatusCode status, HttpClient? client = null) =>
        PostProblemAsync((client ?? s_client).PostAsync(url, content), status);

    internal static async Task<ProblemDetails> PostProblemAsync(Task<HttpResponseMessage> answer, HttpStatusCode status)
    {
        using var response = await answer;
        Assert.AreEqual(status, response.StatusCode, await response.Content.ReadAsStringAsync());
        Assert.AreEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.IsNotNull(problem);
        Assert.AreEqual((int)status, problem.Status);
        return problem;
    }

    /// <summary>The same JSON but for the times, which differ from one reading to the next.</summary>
    internal static void AssertSameReading(string expected, string actual)
    {
        static JsonNode WithoutTimes(string json)
        {
            var node = JsonNode.Parse(json)!;
            node.AsObject().Remove("totalMs");
            foreach (var plate in node["plates"]!.AsArray()) plate!.AsObject().Remove("timingsMs");
            return node;
        }
        var want = WithoutTimes(expected);
        var got = WithoutTimes(actual);
        Assert.IsTrue(JsonNode.DeepEquals(want, got), $"expected {want.ToJsonString()}\n     got {got.ToJsonString()}");
        Assert.IsNotNull(JsonNode.Parse(actual)!["totalMs"]?.GetValue<double>(), "totalMs is missing");
    }
}
