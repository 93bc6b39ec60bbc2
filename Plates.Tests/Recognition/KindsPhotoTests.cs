using Plates.Consume.Layout;
using Plates.Tests.TestSupport;

namespace Plates.Tests.Recognition;

/// <summary>
/// The photos of other plate kinds in ../shared/datasets/kinds (file name = plate, read by eye), read end to end with
/// the shipped models: each photo listed reads exactly, as its kind (README, "Plate kinds"). The photos not listed
/// are the ones it still misses; the README lists them with the reason.
/// </summary>
[TestClass]
public sealed class KindsPhotoTests
{
    [TestMethod]
    [DataRow("京EA5331.jpg", PlateKind.TwoRow)]
    [DataRow("使198476.jpg", PlateKind.Embassy)]
    [DataRow("川A8H458.png", PlateKind.Standard)]
    [DataRow("沪A1707领.jpg", PlateKind.Consulate)]
    [DataRow("沪AF71017.jpg", PlateKind.NewEnergySmall)]
    [DataRow("粤NBM959.png", PlateKind.Standard)]
    [DataRow("粤ZBD60港.jpg", PlateKind.HongKongMacau)] // classed blue, its Z read K at first: brought in by its 粤
    [DataRow("粤ZEV52港.jpg", PlateKind.HongKongMacau)]
    [DataRow("黑AD03210.jpg", PlateKind.NewEnergySmall)]
    [DataRow("青A00109D.jpg", PlateKind.NewEnergyLarge)]
    [DataRow("鄂F8888警.jpg", PlateKind.Police)] // on a black holder (a solid block) with its dot after the province
    public void Recognise_KindsPhoto_ReadsItsPlateExactlyAsItsKind(string file, PlateKind kind)
    {
        string path = Path.Combine(TestData.RequireDataset("kinds"), file);
        string expected = Path.GetFileNameWithoutExtension(file);

        var plates = SharedRecogniser.Instance.Recognise(path).Plates;

        var read = plates.FirstOrDefault(p => p.Text == expected);
        Assert.IsNotNull(read, $"{file}: read {string.Join(", ", plates.Select(p => $"{p.Text} ({p.Kind})"))}");
        Assert.AreEqual(kind, read.Kind);
    }
}
