using Plates.Consume.Imaging;
using Plates.Model.Data;
using Plates.Consume.Recognition;
using Plates.Tests.TestSupport;

namespace Plates.Tests.Recognition;

/// <summary>
/// The crop-speed path: <see cref="PlateRecogniser.RecognisePlateImage"/> stops after the crop as given when every
/// character of it reads surely (<see cref="RecogniserOptions.SureCropCharacterAbove"/>), and reads what reading all
/// three cuts reads.
/// </summary>
[TestClass]
public sealed class CropFastPathTests
{
    /// <summary>Crops taken in file-name order, enough that several stop early and several do not.</summary>
    private const int Crops = 16;

    [TestMethod]
    public void RecognisePlateImage_RealCrops_ReadsAsReadingEveryCut()
    {
        string folder = TestData.RequireDataset("crops");
        var files = ImageFileTypes.InFolder(folder).Order(StringComparer.Ordinal).Take(Crops).ToArray();
        var fast = SharedRecogniser.Instance;
        // Above 1 no reading is sure enough to stop at: the three cuts are always read.
        using var everyCut = new PlateRecogniser(options: new RecogniserOptions { SureCropCharacterAbove = 2 });
        int stopped = 0;
        foreach (string file in files)
        {
            using var crop = PhotoLoader.Load(file, fast.Options.MaxPixels);

            var quick = fast.RecognisePlateImage(crop);
            var full = everyCut.RecognisePlateImage(crop);

            string name = Path.GetFileName(file);
            Assert.AreEqual(full?.Text, quick?.Text, name);
            Assert.AreEqual(full?.Kind, quick?.Kind, name);
            Assert.AreEqual(full?.IsLowConfidence, quick?.IsLowConfidence, name);
            if (quick is not null && quick.Characters.All(c => c.Confidence >= fast.Options.SureCropCharacterAbove)) stopped++;
        }
        // Both ways taken: some crops stopped after the first cut, and some read every cut on the fast recogniser too.
        Assert.IsGreaterThan(0, stopped, "no crop stopped early");
        Assert.IsLessThan(files.Length, stopped, "every crop stopped early");
    }

    [TestMethod]
    public void RecognisePlateImage_SureFirstCut_StopsThere()
    {
        string folder = TestData.RequireDataset("crops");
        var fast = SharedRecogniser.Instance;
        using var firstCutOnly = new PlateRecogniser(options: new RecogniserOptions { SureCropCharacterAbove = 0 });
        using var everyCut = new PlateRecogniser(options: new RecogniserOptions { SureCropCharacterAbove = 2 });
        // Every reading is sure enough at 0: what comes back is the first cut's, whichever cut reads surer.
        int differs = 0;
        foreach (string file in ImageFileTypes.InFolder(folder).Order(StringComparer.Ordinal).Take(Crops))
        {
            using var crop = PhotoLoader.Load(file, fast.Options.MaxPixels);
            var first = firstCutOnly.RecognisePlateImage(crop);
            var full = everyCut.RecognisePlateImage(crop);
            if (first?.Confidence != full?.Confidence) differs++;
            Assert.IsTrue(first is null || full is null || first.Confidence <= full.Confidence, Path.GetFileName(file));
        }
        Assert.IsGreaterThan(0, differs, "the other cuts never read surer: the test shows nothing");
    }
}
