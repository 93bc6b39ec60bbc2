using Plates.Tests.TestSupport;
using Plates.Train.Data;
using Plates.Train.Training;

namespace Plates.Tests.Training;

/// <summary>How a <c>--data</c> argument is read, and how a source's weight enters the example weights.</summary>
[TestClass]
public sealed class DataSourceTests
{
    [TestMethod]
    [DataRow("/data/harvest", "/data/harvest", 1.0)]
    [DataRow("/data/harvest:0.5", "/data/harvest", 0.5)]
    [DataRow("/data/harvest:2", "/data/harvest", 2.0)]
    [DataRow("/data/odd:name", "/data/odd:name", 1.0)]
    public void Parse_RootWithOrWithoutWeight_GivesPathAndWeight(string text, string path, double weight)
    {
        Assert.AreEqual(new DataRoot(path, weight), DataRoot.Parse(text));
    }

    [TestMethod]
    [DataRow("/data/harvest:0")]
    [DataRow("/data/harvest:-1")]
    [DataRow("/data/harvest:11")]
    public void Parse_WeightOutOfRange_IsRefusedNamingTheArgument(string text)
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => DataRoot.Parse(text));
        StringAssert.Contains(error.Message, text);
    }

    [TestMethod]
    public void Parse_ExistingFolderWhoseNameEndsInANumber_IsTakenAsItIs()
    {
        using var temp = new TempFolder();
        string odd = temp.Combine("set:2");
        Directory.CreateDirectory(odd);

        Assert.AreEqual(new DataRoot(odd), DataRoot.Parse(odd));
    }

    [TestMethod]
    public void ToModelInputs_SourceOfHalfWeight_CountsHalfWithinItsClassAndItsOwnClassWeighsHalf()
    {
        LabelledImage Image(string label, int source, double weight) => new($"/{source}/{label}/{Guid.NewGuid()}.png", label, []) { Source = source, Weight = weight };
        var images = new[] { Image("A", 0, 1), Image("A", 0, 1), Image("A", 1, 0.5), Image("A", 1, 0.5), Image("B", 0, 1), Image("C", 1, 0.5), Image("C", 1, 0.5) };

        var inputs = CharacterModelTrainer.ToModelInputs(images, weightClasses: true);

        double Total(string label) => inputs.Where(i => i.Label == label).Sum(i => i.Weight);
        Assert.AreEqual(inputs[0].Weight / 2, inputs[2].Weight, 1e-6, "the half-weight source counts half within its class");
        Assert.AreEqual(Total("B") / 2, Total("C"), 1e-5, "a class only the half-weight source has weighs half a full class");
        Assert.AreEqual(Total("B") * 3 / 4, Total("A"), 1e-5, "a class half from each weighs in between");
        Assert.AreEqual(images.Length, inputs.Sum(i => i.Weight), 1e-4, "weights average 1");
        var unweighted = CharacterModelTrainer.ToModelInputs(images, weightClasses: false);
        Assert.AreEqual(unweighted[0].Weight / 2, unweighted[2].Weight, 1e-6);
        Assert.AreEqual(images.Length, unweighted.Sum(i => i.Weight), 1e-4);
    }

    [TestMethod]
    public void ToModelInputs_EveryWeightOne_IsPlainInverseClassFrequency()
    {
        var images = new[] { "A", "A", "A", "B" }.Select((l, k) => new LabelledImage($"/{l}/{k}.png", l, [])).ToArray();

        var inputs = CharacterModelTrainer.ToModelInputs(images, weightClasses: true);

        // Mean class size 2: A's three examples weigh 2/3 each, B's one weighs 2.
        CollectionAssert.AreEqual(new[] { 2f / 3, 2f / 3, 2f / 3, 2f }, inputs.Select(i => i.Weight).ToArray());
    }

    [TestMethod]
    public void KindOf_RootWithTheSummaryRenderOrHarvestLeaves_IsRenderedOrHarvested()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("rendered"));
        Directory.CreateDirectory(temp.Combine("harvested"));
        File.WriteAllText(temp.Combine("rendered", DataSource.RenderSummary), "# drawn");
        File.WriteAllText(temp.Combine("harvested", DataSource.HarvestSummary), "# cut");

        Assert.AreEqual(DataSourceKind.Rendered, DataSource.KindOf(temp.Combine("rendered")));
        Assert.AreEqual(DataSourceKind.Harvested, DataSource.KindOf(temp.Combine("harvested")));
        Assert.AreEqual(DataSourceKind.Images, DataSource.KindOf(temp.Path));
    }
}
