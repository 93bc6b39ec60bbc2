using System.IO.Compression;
using Microsoft.ML;
using Plates.Model.Data;
using Plates.Model.Pipelines;
using Plates.Tests.TestSupport;
using Plates.Tests.Training;
using Plates.Train.Training;

namespace Plates.Tests.Pipelines;

/// <summary>A model .zip carries what trained it, ML.NET still loads it, and the metadata reads back as written.</summary>
[TestClass]
public sealed class TrainingMetadataTests
{
    private static readonly string[] s_labels = ["A", "H", "K", "X"];

    [TestMethod]
    public void Save_WithMetadata_RoundTripsEveryFieldAndTheModelStillLoadsAndPredicts()
    {
        using var temp = new TempFolder();
        var (mlContext, model, schema) = TrainSmallModel(temp);
        var written = Sample();
        string path = temp.Combine("city.zip");

        CharacterModel.Save(mlContext, model, schema, path, written, beforeReplacing: null);

        var read = TrainingMetadata.Read(path);
        Assert.IsNotNull(read);
        CollectionAssert.AreEqual(written.Classes.ToArray(), read.Classes.ToArray());
        // Record equality compares the class lists by reference; with them made the same, every other field must match.
        Assert.AreEqual(written, read with { Classes = written.Classes });
        Assert.AreEqual(DateTimeKind.Utc, read.TrainedAtUtc.Kind);
        using (var zip = ZipFile.OpenRead(path))
        {
            using var reader = new StreamReader(zip.GetEntry(TrainingMetadata.EntryName)!.Open());
            string json = reader.ReadToEnd();
            StringAssert.Contains(json, "\"trainedAtUtc\": \"2025-03-04T05:06:07Z\"", "dates are ISO 8601 UTC");
            StringAssert.Contains(json, "\"seed\": 7", "numbers are JSON numbers");
        }

        var loaded = CharacterModel.Load(new MLContext(), path, out _);
        using var engine = CharacterModel.CreatePredictionEngine(new MLContext(), loaded);
        using var glyph = SyntheticCharacters.Draw("K", new Random(3));
        OpenCvSharp.Cv2.ImEncode(".png", glyph, out byte[] png);
        Assert.AreEqual("K", engine.Predict(new CharacterModelInput { ImageSource = png }).PredictedLabel);
    }

    [TestMethod]
    public void Read_ModelSavedWithoutMetadata_ReturnsNull()
    {
        using var temp = new TempFolder();
        var (mlContext, model, schema) = TrainSmallModel(temp);
        string path = temp.Combine("old.zip");
        CharacterModel.Save(mlContext, model, schema, path);

        Assert.IsNull(TrainingMetadata.Read(path));
    }

    [TestMethod]
    public void Read_MetadataOfANewerFormat_IsRefusedNamingTheFile()
    {
        using var temp = new TempFolder();
        string path = temp.Combine("future.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
            (Sample() with { Format = TrainingMetadata.CurrentFormat + 1 }).AddTo(zip);

        var error = Assert.ThrowsExactly<InvalidDataException>(() => TrainingMetadata.Read(path));

        StringAssert.Contains(error.Message, path);
        StringAssert.Contains(error.Message, "newer");
    }

    [TestMethod]
    public void TrainingRun_SavedModel_RecordsTheOptionsTheDataAndTheToolThatTrainedIt()
    {
        using var temp = new TempFolder();
        SyntheticCharacters.Write(temp.Combine("city"), s_labels, perClass: 12);
        var options = new TrainingOptions { MinimumPerClass = 0, Seed = 5, TestFraction = 0.25, CopiesPerImage = 1, WeightClasses = false, L2Regularization = 3 };
        var before = DateTime.UtcNow.AddSeconds(-1);

        var outcome = TrainingRun.Run(Plates.Model.Labels.LabelSets.City, temp.Combine("city"), temp.Combine("out"), options);

        var metadata = TrainingMetadata.Read(outcome.ModelPath)!;
        Assert.AreEqual("city", metadata.LabelSet);
        Assert.HasCount(24, metadata.Classes, "the whole label set, the 20 classes without data included");
        Assert.AreEqual(5, metadata.Seed);
        Assert.AreEqual(0.25, metadata.TestFraction);
        Assert.AreEqual("Centred", metadata.Features);
        Assert.AreEqual("Lbfgs", metadata.Trainer);
        Assert.AreEqual(3f, metadata.L2Regularization);
        Assert.AreEqual(0, metadata.MinimumPerClass);
        Assert.AreEqual(1, metadata.CopiesPerImage);
        Assert.IsFalse(metadata.ClassWeights);
        Assert.AreEqual("None", metadata.Network);
        Assert.IsNull(metadata.NetworkEpochs);
        Assert.AreEqual(48, metadata.DataImages);
        StringAssert.StartsWith(metadata.DataFingerprint, "sha256:");
        Assert.IsTrue(metadata.TrainedAtUtc >= before && metadata.TrainedAtUtc <= DateTime.UtcNow, $"{metadata.TrainedAtUtc:O}");
        Assert.AreEqual(ToolVersion.Current, metadata.ToolVersion);
        StringAssert.Matches(metadata.ToolVersion, new System.Text.RegularExpressions.Regex(@"^\d+\.\d+\.\d+"), "a version, not a placeholder");
    }

    private static TrainingMetadata Sample() => new()
    {
        LabelSet = "city",
        Classes = ["A", "H", "K", "X"],
        Seed = 7,
        TestFraction = 0.25,
        Features = "Centred",
        Trainer = "Lbfgs",
        L2Regularization = 10,
        MinimumPerClass = 150,
        CopiesPerImage = 2,
        ClassWeights = true,
        Network = "Alone",
        NetworkEpochs = 15,
        DataFingerprint = "sha256:" + new string('0', 64),
        DataImages = 40,
        TrainedAtUtc = new DateTime(2025, 3, 4, 5, 6, 7, DateTimeKind.Utc),
        ToolVersion = "1.0.0+abc",
    };

    private static (MLContext, ITransformer, Microsoft.ML.DataViewSchema) TrainSmallModel(TempFolder temp)
    {
        SyntheticCharacters.Write(temp.Combine("glyphs"), s_labels, perClass: 10);
        var images = Directory.GetFiles(temp.Combine("glyphs"), "*.png", SearchOption.AllDirectories)
            .Select(f => new Plates.Train.Data.LabelledImage(f, Path.GetFileName(Path.GetDirectoryName(f))!, File.ReadAllBytes(f)))
            .ToArray();
        var mlContext = new MLContext(seed: 1);
        var trained = CharacterModelTrainer.Train(mlContext, images, new TrainingOptions { MinimumPerClass = 0, CopiesPerImage = 0 });
        return (mlContext, trained.Model, trained.InputSchema);
    }
}
