using Plates.Service.Http;
using Plates.Service.Telemetry;

namespace Plates.Tests.Service.Http;

[TestClass]
public sealed class ImageUploadTests
{
    [TestMethod]
    [DataRow("image/jpeg", UploadKind.Raw)]
    [DataRow("IMAGE/PNG", UploadKind.Raw)]
    [DataRow("image/webp; q=1", UploadKind.Raw)]
    [DataRow("multipart/form-data; boundary=\"abc\"", UploadKind.Multipart)]
    public void ImageAndFormContentTypesAreTaken(string contentType, UploadKind kind)
    {
        var (taken, boundary, problem) = ImageUpload.Classify(contentType);

        Assert.IsNull(problem);
        Assert.AreEqual(kind, taken);
        if (kind == UploadKind.Multipart) Assert.AreEqual("abc", boundary);
    }

    [TestMethod]
    [DataRow("text/plain", 415, "the Content-Type is 'text/plain'")]
    [DataRow("", 415, "no Content-Type was given")]
    [DataRow("multipart/form-data", 400, "has no boundary")]
    public void OtherContentTypesAreRefusedSayingWhy(string contentType, int status, string why)
    {
        var (_, _, problem) = ImageUpload.Classify(contentType);

        Assert.IsNotNull(problem);
        Assert.AreEqual(status, problem.Status);
        StringAssert.Contains(problem.Detail, why);
        Assert.AreEqual(status == 415 ? RequestOutcome.UnsupportedMediaType : RequestOutcome.BadRequest, problem.Outcome);
    }
}
