using System.Net;
using System.Text.Json.Nodes;
using static Plates.Tests.Service.Http.PlatesEndpointTests;

namespace Plates.Tests.Service.Http;

[TestClass]
public sealed class ServiceEndpointsTests
{
    [TestMethod]
    public async Task HealthzAnswersWhileTheProcessIsUpAndReadyzOnceTheModelsAreLoaded()
    {
        using var factory = new ServiceFactory();
        var client = await factory.ReadyClientAsync();

        using var health = await client.GetAsync("/healthz");
        using var ready = await client.GetAsync("/readyz");

        Assert.AreEqual(HttpStatusCode.OK, health.StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, ready.StatusCode);
        var readiness = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
        Assert.AreEqual("Healthy", readiness["status"]!.GetValue<string>());
        StringAssert.StartsWith(readiness["checks"]!["plate-recogniser"]!["description"]!.GetValue<string>(), "models loaded in ");
    }

    [TestMethod]
    public async Task MissingModelsLeaveTheServiceUpButNotReadyAndRecognitionsRefusedWithTheError()
    {
        string missing = Path.Combine(Path.GetTempPath(), "no-such-models-" + Guid.NewGuid().ToString("N"));
        using var factory = new ServiceFactory(new Dictionary<string, string?>
        {
            ["Plates:ModelsFolder"] = missing,
            ["Plates:StopApplicationWhenLoadingFails"] = "false",
        }, sharedRecogniser: false);
        var client = await factory.ReadyClientAsync();

        using var health = await client.GetAsync("/healthz");
        using var ready = await client.GetAsync("/readyz");
        using var recognise = await client.PostAsync("/v1/plates", Image(File.ReadAllBytes(ServiceData.Scene())));

        Assert.AreEqual(HttpStatusCode.OK, health.StatusCode);
        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        StringAssert.Contains(await ready.Content.ReadAsStringAsync(), missing);
        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, recognise.StatusCode);
        StringAssert.Contains(await recognise.Content.ReadAsStringAsync(), "cannot load the models");
        Assert.IsNotNull(recognise.Headers.RetryAfter);
    }

    [TestMethod]
    public async Task MetricsCountRequestsByOutcomeLatencyPlatesAndTheQueue()
    {
        using var factory = new ServiceFactory();
        var client = await factory.ReadyClientAsync();
        using (await client.PostAsync("/v1/plates", Image(File.ReadAllBytes(ServiceData.Scene())))) { }
        using (await client.PostAsync("/v1/plates", Image("no image"u8.ToArray()))) { }

        using var response = await client.GetAsync("/metrics");
        string metrics = await response.Content.ReadAsStringAsync();

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        StringAssert.StartsWith(response.Content.Headers.ContentType?.MediaType, "text/plain");
        StringAssert.Matches(metrics, new(@"plates_service_requests_total\{[^}]*outcome=""ok""[^}]*\} 1\b"));
        StringAssert.Matches(metrics, new(@"plates_service_requests_total\{[^}]*outcome=""unreadable_image""[^}]*\} 1\b"));
        StringAssert.Matches(metrics, new(@"plates_service_plates_total\{[^}]*\} 1\b"));
        StringAssert.Matches(metrics, new(@"plates_service_request_duration_seconds_bucket\{[^}]*outcome=""ok""[^}]*le=""\+Inf""\} 1\b"));
        StringAssert.Matches(metrics, new(@"plates_service_queue_waiting\{[^}]*\} 0\b"));
        StringAssert.Matches(metrics, new(@"plates_service_recognitions_running\{[^}]*\} 0\b"));
        StringAssert.Contains(metrics, "http_server_request_duration_seconds_bucket");
    }

    [TestMethod]
    public async Task OpenApiDocumentDescribesTheImageBodyAndTheInteractivePageIsServed()
    {
        using var factory = new ServiceFactory();
        var client = await factory.ReadyClientAsync();

        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        using var page = await client.GetAsync("/scalar/v1");

        var post = document["paths"]!["/v1/plates"]!["post"]!;
        var body = post["requestBody"]!["content"]!;
        Assert.AreEqual("binary", body["image/jpeg"]!["schema"]!["format"]!.GetValue<string>());
        Assert.IsNotNull(body["multipart/form-data"]!["schema"]!["properties"]!["image"]);
        var parameters = post["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).ToArray();
        CollectionAssert.AreEquivalent(new[] { "minConfidence", "crop", "top" }, parameters);
        foreach (string status in new[] { "200", "400", "413", "415", "422", "503" })
            Assert.IsNotNull(post["responses"]![status], $"response {status} is not documented");
        Assert.AreEqual(HttpStatusCode.OK, page.StatusCode);
        Assert.AreEqual("text/html", page.Content.Headers.ContentType?.MediaType);
    }
}
