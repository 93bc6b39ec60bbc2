using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;
using OpenCvSharp;
using Plates.Model.Data;
using Plates.Model.Features;
using Plates.Model.Pipelines;
using Plates.Network;
using Plates.Tests.TestSupport;
using Plates.Tests.Training;

namespace Plates.Tests.Network;

[TestClass]
public sealed class NetworkPipelineTests
{
    private static readonly string[] s_labels = ["A", "H", "K", "X"];

    [TestMethod]
    public void Pipeline_WithNetwork_SavedAndLoadedInFreshContext_GivesSamePredictionsAndScores()
    {
        using var temp = new TempFolder();
        var trainingContext = new MLContext(seed: 1);
        var model = Train(trainingContext, RandomNetworks.Small(), handFeatures: false, out var data);
        var images = Glyphs(perClass: 5, seed: 21);
        var before = Predict(trainingContext, model, images);
        string path = temp.Combine("network.zip");
        CharacterModel.Save(trainingContext, model, data.Schema, path);

        var freshContext = new MLContext(seed: 99);
        var reloaded = CharacterModel.Load(freshContext, path, out _);
        var after = Predict(freshContext, reloaded, images);

        CollectionAssert.AreEqual(before.Select(p => p.Label).ToArray(), after.Select(p => p.Label).ToArray());
        for (int i = 0; i < before.Count; i++)
            CollectionAssert.AreEqual(before[i].Scores, after[i].Scores, $"scores of image {i}");
        // Not a constant answer (that would be 25% right): the glyphs are told apart through the random network's 12 features.
        Assert.IsGreaterThanOrEqualTo(0.6, before.Where((p, i) => p.Label == images[i].Label).Count() / (double)images.Count);
    }

    [TestMethod]
    public void SavedModel_HoldsTheOnnxBytes_SoTheTrainingTimeFileIsNotNeeded()
    {
        using var temp = new TempFolder();
        var network = RandomNetworks.Small();
        var mlContext = new MLContext(seed: 1);
        var filesBefore = OnnxModelFiles.Paths;
        var model = Train(mlContext, network, handFeatures: false, out var data);
        string trainingFile = OnnxModelFiles.Paths.Except(filesBefore).Single();
        string path = temp.Combine("network.zip");
        CharacterModel.Save(mlContext, model, data.Schema, path);
        byte[] onnx = OnnxExport.ToBytes(network);

        CollectionAssert.AreEqual(onnx, File.ReadAllBytes(trainingFile), "ApplyOnnxModel was built from the exported bytes");
        using (var zip = ZipFile.OpenRead(path))
        {
            // ML.NET stores the ONNX model as a length-prefixed byte array in an entry of its own.
            var entry = zip.Entries.Single(e => e.FullName.EndsWith("OnnxModel", StringComparison.Ordinal));
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            Assert.IsGreaterThanOrEqualTo(0, copy.ToArray().AsSpan().IndexOf(onnx), "the exported bytes are in the entry");
        }
        ((IDisposable)model).Dispose();
        File.Delete(trainingFile);

        var freshContext = new MLContext();
        var reloaded = CharacterModel.Load(freshContext, path, out _);
        using var engine = CharacterModel.CreatePredictionEngine(freshContext, reloaded);
        var glyph = Glyphs(perClass: 1, seed: 3)[^1];
        var output = engine.Predict(new CharacterModelInput { ImageSource = glyph.Bytes });

        CollectionAssert.Contains(s_labels, output.PredictedLabel);
        Assert.HasCount(s_labels.Length, output.Score);
    }

    [TestMethod]
    public void Pipeline_EmbeddingColumn_EqualsReferenceForwardPassOfTheDecodedPixels()
    {
        var network = RandomNetworks.Small();
        var mlContext = new MLContext(seed: 1);
        var images = Glyphs(perClass: 2, seed: 4);
        var data = mlContext.Data.LoadFromEnumerable(images.Select(g => new CharacterModelInput { Label = g.Label, ImageSource = g.Bytes }));

        var transformed = NetworkPipeline.BuildPipeline(mlContext, network).Fit(data).Transform(data);

        var embeddings = transformed.GetColumn<float[]>(OnnxExport.EmbeddingName).ToArray();
        for (int i = 0; i < images.Count; i++)
        {
            var pixels = new float[NetworkPixelsColumn.Length];
            NetworkPixelsFeaturizer.Scale(CharacterFeatures.DecodeToGrey(images[i].Bytes), pixels);
            float[] expected = network.Embedding(pixels);
            Assert.HasCount(expected.Length, embeddings[i]);
            for (int j = 0; j < expected.Length; j++)
                Assert.AreEqual(expected[j], embeddings[i][j], 1e-4 * Math.Max(1, Math.Abs(expected[j])), $"image {i}, value {j}");
        }
    }

    [TestMethod]
    public void NetworkPixels_AreTheFirstValuesOfTheHandFeatures()
    {
        var glyph = Glyphs(perClass: 1, seed: 9)[0];
        var pixels = new NetworkPixelsColumn();
        var features = new CharacterFeaturesColumn();

        NetworkPixelsFeaturizer.Map(new CharacterImageColumn { ImageSource = glyph.Bytes }, pixels);
        CharacterFeaturizer.Map(new CharacterImageColumn { ImageSource = glyph.Bytes }, features);

        CollectionAssert.AreEqual(features.Features[..NetworkPixelsColumn.Length], pixels.Pixels);
        Assert.IsTrue(pixels.Pixels.Any(p => p > 0.5f), "the glyph is drawn");
    }

    [TestMethod]
    public void Pipeline_FeatureWidth_IsEmbeddingAloneOrEmbeddingPlusHandFeatures()
    {
        var network = RandomNetworks.Small();
        var mlContext = new MLContext(seed: 1);
        var data = mlContext.Data.LoadFromEnumerable(Glyphs(perClass: 2, seed: 4).Select(g => new CharacterModelInput { Label = g.Label, ImageSource = g.Bytes }));

        int FeatureWidth(ConvNet? net, bool hand, CharacterFeatureSet set = CharacterFeatureSet.Full) =>
            ((VectorDataViewType)(net is null ? CharacterPipeline.BuildPipeline(mlContext, set) : NetworkPipeline.BuildPipeline(mlContext, net, hand ? set : null))
                .Fit(data).Transform(data).Schema[@"Features"].Type).Size;

        Assert.AreEqual(network.EmbeddingSize, FeatureWidth(network, hand: false));
        Assert.AreEqual(network.EmbeddingSize + CharacterFeatures.Length, FeatureWidth(network, hand: true));
        Assert.AreEqual(network.EmbeddingSize + CentredCharacterFeatures.Length, FeatureWidth(network, hand: true, CharacterFeatureSet.Centred));
        Assert.AreEqual(CharacterFeatures.Length, FeatureWidth(null, hand: true), "without a network the pipeline is the hand-feature one");
    }

    [TestMethod]
    public void Pipeline_WithNetworkAndHandFeatures_SavedAndLoaded_GivesSameScores()
    {
        using var temp = new TempFolder();
        var trainingContext = new MLContext(seed: 1);
        var model = Train(trainingContext, RandomNetworks.Small(), handFeatures: true, out var data);
        var images = Glyphs(perClass: 2, seed: 22);
        var before = Predict(trainingContext, model, images);
        string path = temp.Combine("network-hand.zip");
        CharacterModel.Save(trainingContext, model, data.Schema, path);

        var freshContext = new MLContext(seed: 5);
        var after = Predict(freshContext, CharacterModel.Load(freshContext, path, out _), images);

        for (int i = 0; i < before.Count; i++)
        {
            Assert.AreEqual(before[i].Label, after[i].Label);
            CollectionAssert.AreEqual(before[i].Scores, after[i].Scores, $"scores of image {i}");
        }
    }

    [TestMethod]
    public void LoadedModel_EnginesOnSeveralThreads_GiveTheSequentialScores()
    {
        // Every engine of a loaded model shares one ONNX Runtime session; its runs must not mix rows.
        using var temp = new TempFolder();
        string path = SaveTrainedModel(temp);
        var mlContext = new MLContext();
        var loaded = CharacterModel.Load(mlContext, path, out _);
        var images = Glyphs(perClass: 5, seed: 31);
        var expected = Predict(mlContext, loaded, images);

        var results = new List<(string Label, float[] Scores)>[4];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = results.Length }, t =>
        {
            var mine = new List<(string Label, float[] Scores)>();
            for (int round = 0; round < 10; round++) mine.AddRange(Predict(mlContext, loaded, images));
            results[t] = mine;
        });

        foreach (var mine in results)
            for (int i = 0; i < mine.Count; i++)
                CollectionAssert.AreEqual(expected[i % images.Count].Scores, mine[i].Scores, $"prediction {i}");
    }

    [TestMethod]
    public void CreatePredictionEngine_FirstEngineDisposed_LeavesTheModelToTheNext()
    {
        using var temp = new TempFolder();
        string path = SaveTrainedModel(temp);
        var mlContext = new MLContext();
        var loaded = CharacterModel.Load(mlContext, path, out _);
        var images = Glyphs(perClass: 2, seed: 31);

        // The plain CreatePredictionEngine would close the shared ONNX session here, when the first engine is disposed.
        var first = Predict(mlContext, loaded, images);
        var second = Predict(mlContext, loaded, images);

        for (int i = 0; i < first.Count; i++)
            CollectionAssert.AreEqual(first[i].Scores, second[i].Scores, $"prediction {i}");
    }

    [TestMethod]
    public void CharacterClassifier_NetworkModel_GivesTheSameScoresAcrossThreadsAndAfterAnotherClassifierIsDisposed()
    {
        using var temp = new TempFolder();
        string path = SaveTrainedModel(temp);
        var random = new Random(41);
        using var glyph = SyntheticCharacters.Draw("K", random);
        glyph.GetArray(out byte[] grey);

        using var kept = new Plates.Consume.Recognition.CharacterClassifier(path);
        float[] before = kept.Scores(grey);
        // Several engines in flight at once, then all returned: the pool grows, and its engines share the model.
        Parallel.For(0, 8, _ => kept.Scores(grey));
        using (var other = new Plates.Consume.Recognition.CharacterClassifier(path)) other.Scores(grey);

        CollectionAssert.AreEqual(before, kept.Scores(grey));
    }

    [TestMethod]
    public void Pipeline_NetworkForAnotherImageSize_IsRejected()
    {
        var random = new Random(1);
        var network = new ConvNet(16, [RandomNetworks.Dense(random, 256, 4, relu: false)]);

        var error = Assert.ThrowsExactly<ArgumentException>(() => NetworkPipeline.BuildPipeline(new MLContext(), network));

        StringAssert.Contains(error.Message, "16×16");
    }

    [TestMethod]
    public void Load_NetworkModelWithoutThePlatesNetworkAssembly_ThrowsInvalidDataNamingTheFileAndThePackage()
    {
        // What CharacterModel.Load does in an application that lacks Plates.Network: the assembly is not found by name.
        using var temp = new TempFolder();
        string path = SaveTrainedModel(temp);

        var error = Assert.ThrowsExactly<InvalidDataException>(() => CharacterModel.Load(new MLContext(), path, out _, networkAssembly: null));

        StringAssert.Contains(error.Message, path);
        StringAssert.Contains(error.Message, "needs the Plates.Network package");
    }

    [TestMethod]
    public void Load_HandFeatureModelWithoutThePlatesNetworkAssembly_Loads()
    {
        using var temp = new TempFolder();
        var trainingContext = new MLContext(seed: 1);
        var data = trainingContext.Data.LoadFromEnumerable(Glyphs(perClass: 5, seed: 7).Select(g => new CharacterModelInput { Label = g.Label, ImageSource = g.Bytes }));
        string path = temp.Combine("hand.zip");
        CharacterModel.Save(trainingContext, CharacterPipeline.BuildPipeline(trainingContext).Fit(data), data.Schema, path);

        var mlContext = new MLContext();
        var loaded = CharacterModel.Load(mlContext, path, out _, networkAssembly: null);
        using var engine = CharacterModel.CreatePredictionEngine(mlContext, loaded);

        CollectionAssert.Contains(s_labels, engine.Predict(new CharacterModelInput { ImageSource = Glyphs(perClass: 1, seed: 3)[0].Bytes }).PredictedLabel);
    }

    [TestMethod]
    public void NetworkAssemblyName_IsTheAssemblyThatHoldsTheNetworkFeaturizer()
    {
        // CharacterModel.Load looks the assembly up by this name; renaming the project without it would break loading.
        Assert.AreEqual(CharacterModel.NetworkAssemblyName, typeof(NetworkPixelsFeaturizer).Assembly.GetName().Name);
    }

    /// <summary>Trains a model over a small random network on synthetic glyphs and saves it in <paramref name="temp"/>.</summary>
    private static string SaveTrainedModel(TempFolder temp)
    {
        var trainingContext = new MLContext(seed: 1);
        var model = Train(trainingContext, RandomNetworks.Small(), handFeatures: false, out var data);
        string path = temp.Combine("network.zip");
        CharacterModel.Save(trainingContext, model, data.Schema, path);
        return path;
    }

    private static ITransformer Train(MLContext mlContext, ConvNet network, bool handFeatures, out IDataView data)
    {
        data = mlContext.Data.LoadFromEnumerable(Glyphs(perClass: 15, seed: 7)
            .Select(g => new CharacterModelInput { Label = g.Label, ImageSource = g.Bytes }));
        return NetworkPipeline.BuildPipeline(mlContext, network, handFeatures ? CharacterFeatureSet.Full : null).Fit(data);
    }

    private static List<(string Label, byte[] Bytes)> Glyphs(int perClass, int seed)
    {
        var random = new Random(seed);
        var glyphs = new List<(string, byte[])>();
        foreach (string label in s_labels)
            for (int i = 0; i < perClass; i++)
            {
                using var image = SyntheticCharacters.Draw(label, random);
                Cv2.ImEncode(".png", image, out byte[] png);
                glyphs.Add((label, png));
            }
        return glyphs;
    }

    private static List<(string Label, float[] Scores)> Predict(MLContext mlContext, ITransformer model, IEnumerable<(string Label, byte[] Bytes)> images)
    {
        using var engine = CharacterModel.CreatePredictionEngine(mlContext, model);
        return images.Select(g => engine.Predict(new CharacterModelInput { ImageSource = g.Bytes }))
            .Select(o => (o.PredictedLabel, o.Score.ToArray())).ToList();
    }
}
