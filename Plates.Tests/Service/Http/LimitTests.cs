using System.Net;
using System.Net.Http.Headers;
using Plates.Consume.Recognition;
using static Plates.Tests.Service.Http.PlatesEndpointTests;

namespace Plates.Tests.Service.Http;

[TestClass]
public sealed class LimitTests
{
    [TestMethod]
    public async Task BodyOverTheSizeLimitIsTooLargeWhateverWayItComes()
    {
        using var factory = new ServiceFactory(new Dictionary<string, string?> { ["Service:MaxRequestBytes"] = "20000" });
        var client = await factory.ReadyClientAsync();
        byte[] bytes = File.ReadAllBytes(ServiceData.Scene());
        Assert.IsGreaterThan(20_000, bytes.Length);

        // Told by Content-Length, sent without a length (chunked), and inside a multipart form.
        var told = await PostProblemAsync("/v1/plates", Image(bytes), HttpStatusCode.RequestEntityTooLarge, client);
        var chunked = new StreamContent(new NonSeekableStream(bytes));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        await PostProblemAsync("/v1/plates", chunked, HttpStatusCode.RequestEntityTooLarge, client);
        using var form = new MultipartFormDataContent { { new StreamContent(new NonSeekableStream(bytes)), "image", "big.jpg" } };
        await PostProblemAsync("/v1/plates", form, HttpStatusCode.RequestEntityTooLarge, client);

        StringAssert.Contains(told.Detail, "over the limit of 20000 bytes");
        // Under the limit the same service reads.
        using var small = await client.PostAsync("/v1/plates", Image(bytes[..15_000]));
        // A JPEG cut short decodes as far as its data goes (as libjpeg does), so the body under the limit is read.
        Assert.AreEqual(HttpStatusCode.OK, small.StatusCode, "a truncated photo under the limit is read, not cut by the limit");
    }

    [TestMethod]
    public async Task PhotoOverThePixelLimitOfTheSettingsIsUnprocessableWithTheLibrarysMessage()
    {
        using var factory = new ServiceFactory(new Dictionary<string, string?> { ["Plates:Recogniser:MaxPixels"] = "10000" }, sharedRecogniser: false);
        var client = await factory.ReadyClientAsync();
        byte[] bytes = File.ReadAllBytes(ServiceData.Scene());
        using var limited = new PlateRecogniser(options: new RecogniserOptions { MaxPixels = 10_000 });
        string message = Assert.ThrowsExactly<InvalidDataException>(() => limited.Recognise(bytes)).Message;

        var problem = await PostProblemAsync("/v1/plates", Image(bytes), HttpStatusCode.UnprocessableEntity, client);

        Assert.AreEqual(message, problem.Detail);
        StringAssert.Contains(problem.Detail, "over the limit of 0.01 megapixels");
    }

    /// <summary>A stream that cannot tell its length, so HttpClient sends it chunked.</summary>
    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
