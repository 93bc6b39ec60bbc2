using System.Net;
using static Plates.Tests.Service.Http.PlatesEndpointTests;

namespace Plates.Tests.Service.Http;

/// <summary>Back-pressure, timeouts and shutdown on a real Kestrel server, where a slow upload holds its request open.</summary>
[TestClass]
public sealed class BackPressureTests
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(20);

    [TestMethod]
    public async Task FullWaitQueueIsAnswered503WithRetryAfterAtOnceAndTheOthersAreServed()
    {
        await using var factory = new ServiceFactory(new Dictionary<string, string?>
        {
            ["Service:MaxConcurrentRecognitions"] = "1",
            ["Service:MaxQueuedRequests"] = "1",
            ["Service:RetryAfterSeconds"] = "2",
        });
        using var client = await factory.StartKestrelAsync();
        byte[] bytes = File.ReadAllBytes(ServiceData.Scene());
        var held = new HeldBodyContent(bytes);
        var held2 = new HeldBodyContent(bytes);
        try
        {
            // The first request takes the only permit and holds it by uploading slowly; the second waits for it.
            var first = client.PostAsync("/v1/plates", held);
            await ServiceData.WaitUntilAsync(() => factory.Gate.Running, running => running == 1, s_limit);
            var second = client.PostAsync("/v1/plates", held2);
            await ServiceData.WaitUntilAsync(() => factory.Gate.Waiting, waiting => waiting == 1, s_limit);

            var stopwatch = System.Diagnostics.Stopwatch.StartNew();
            using var refused = await client.PostAsync("/v1/plates", Image(bytes));
            var refusedIn = stopwatch.Elapsed;

            Assert.AreEqual(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.AreEqual(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter?.Delta);
            StringAssert.Contains(await refused.Content.ReadAsStringAsync(), "1 requests are waiting");
            Assert.IsLessThan(TimeSpan.FromSeconds(1), refusedIn, "the refusal waited instead of coming at once");
            Assert.IsFalse(first.IsCompleted || second.IsCompleted, "the held requests should still be open");

            held.Release();
            held2.Release();
            using var firstAnswer = await first;
            using var secondAnswer = await second;
            Assert.AreEqual(HttpStatusCode.OK, firstAnswer.StatusCode);
            Assert.AreEqual(HttpStatusCode.OK, secondAnswer.StatusCode);
            Assert.AreEqual(0, factory.Gate.Running + factory.Gate.Waiting);
        }
        finally
        {
            held.Release();
            held2.Release();
        }
    }

    [TestMethod]
    public async Task UploadSlowerThanTheRequestTimeoutIsCutWith504AndItsPermitFreed()
    {
        await using var factory = new ServiceFactory(new Dictionary<string, string?> { ["Service:RequestTimeoutSeconds"] = "1" });
        using var client = await factory.StartKestrelAsync();
        var held = new HeldBodyContent(File.ReadAllBytes(ServiceData.Scene()));
        try
        {
            var answer = client.PostAsync("/v1/plates", held);
            await ServiceData.WaitUntilAsync(() => factory.Gate.Running, running => running == 1, s_limit);
            // The server gives up on the upload after 1 s and frees the permit; the client is answered once it has
            // finished sending (HttpClient reads no response before its request body is sent).
            var (_, freedAfter) = await ServiceData.WaitUntilAsync(() => factory.Gate.Running, running => running == 0, s_limit);
            held.Release();
            var problem = await PostProblemAsync(answer, HttpStatusCode.GatewayTimeout);

            StringAssert.Contains(problem.Detail, "longer than 1 s");
            Assert.IsLessThan(TimeSpan.FromSeconds(5), freedAfter, "the permit was held well past the timeout");
        }
        finally
        {
            held.Release();
        }
    }

    [TestMethod]
    public async Task ClientLeavingMidUploadFreesItsPermitAndIsNoServerError()
    {
        await using var factory = new ServiceFactory();
        using var client = await factory.StartKestrelAsync();
        var held = new HeldBodyContent(File.ReadAllBytes(ServiceData.Scene()));
        using var leave = new CancellationTokenSource();
        try
        {
            var request = client.PostAsync("/v1/plates", held, leave.Token);
            await ServiceData.WaitUntilAsync(() => factory.Gate.Running, running => running == 1, s_limit);
            await leave.CancelAsync();
            await Assert.ThrowsAsync<OperationCanceledException>(() => request);
            await ServiceData.WaitUntilAsync(() => factory.Gate.Running, running => running == 0, s_limit);

            string metrics = await client.GetStringAsync("/metrics");
            // Counted as an upload that broke off (bad_request) or, when the abort is seen first, client_closed.
            StringAssert.Matches(metrics, new(@"plates_service_requests_total\{[^}]*outcome=""(client_closed|bad_request)""[^}]*\} 1\b"));
            Assert.DoesNotMatchRegex(new System.Text.RegularExpressions.Regex(@"http_response_status_code=""5\d\d"""), metrics, "a client leaving was counted as a server error");
        }
        finally
        {
            held.Release();
        }
    }

    [TestMethod]
    public async Task ShutdownLetsTheRequestInFlightFinish()
    {
        var factory = new ServiceFactory();
        using var client = await factory.StartKestrelAsync();
        var held = new HeldBodyContent(File.ReadAllBytes(ServiceData.Scene()));
        try
        {
            var inFlight = client.PostAsync("/v1/plates", held);
            await ServiceData.WaitUntilAsync(() => factory.Gate.Running, running => running == 1, s_limit);

            // Stopping the host stops Kestrel, which waits for the requests it has (up to the shutdown timeout).
            var stopping = factory.DisposeAsync().AsTask();
            await Task.Delay(300);
            Assert.IsFalse(stopping.IsCompleted, "the server stopped without waiting for the request in flight");
            held.Release();

            using var answer = await inFlight;
            await stopping;
            Assert.AreEqual(HttpStatusCode.OK, answer.StatusCode);
            StringAssert.Contains(await answer.Content.ReadAsStringAsync(), "京A88731");
        }
        finally
        {
            held.Release();
            await factory.DisposeAsync();
        }
    }
}
