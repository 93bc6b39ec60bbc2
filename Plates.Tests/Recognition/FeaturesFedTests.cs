using Plates.Consume.Recognition;
using Plates.Model.Features;
using Plates.Tests.TestSupport;

namespace Plates.Tests.Recognition;

/// <summary>
/// The shipped models scored from features computed in the recogniser (<see cref="FeaturesFed"/>) give the scores the
/// whole saved model gives from encoded bytes: to the bit through the fed prediction engine, and within
/// <see cref="LinearScores.Tolerance"/> where the linear tail is computed directly (<see cref="LinearScores"/>), on real
/// characters of every set.
/// </summary>
[TestClass]
public sealed class FeaturesFedTests
{
    [TestMethod]
    [DataRow(PlateReader.ProvinceModelFile, "province")]
    [DataRow(PlateReader.CityModelFile, "city")]
    [DataRow(PlateReader.AlnumModelFile, "alnum")]
    [DataRow(PlateReader.SpecialModelFile, "province")]
    public void Scores_RealCharacters_EqualTheWholeModels(string modelFile, string charactersFolder)
    {
        string model = Path.Combine(TestData.ShippedModels, modelFile);
        if (!File.Exists(model)) Assert.Inconclusive($"No shipped model at {model}.");
        string folder = TestData.RequireDataset("chars", charactersFolder);
        using var classifier = new CharacterClassifier(model);
        Assert.IsTrue(classifier.FeedsFeatures, $"{modelFile} is scored through its whole pipeline.");
        Assert.IsTrue(classifier.ScoresDirectly, $"{modelFile}'s tail is scored by its prediction engine.");

        // Every tenth character in file order: all labels, about 300 to 1300 images.
        var files = Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Where((_, i) => i % 10 == 0).ToArray();
        Assert.IsGreaterThan(100, files.Length);
        foreach (string file in files)
        {
            byte[] grey = CharacterFeatures.DecodeToGrey(File.ReadAllBytes(file));
            var whole = classifier.WholeModelScores(grey);
            CollectionAssert.AreEqual(whole.Select(BitConverter.SingleToInt32Bits).ToArray(),
                classifier.EngineFedScores(grey).Select(BitConverter.SingleToInt32Bits).ToArray(), $"{file}, fed engine");
            var direct = classifier.Scores(grey);
            for (int i = 0; i < whole.Length; i++)
                Assert.AreEqual(whole[i], direct[i], LinearScores.Tolerance, $"{file}, class {i} computed directly");
        }
    }
}
