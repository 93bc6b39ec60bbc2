using System.CommandLine;
using Microsoft.ML;
using OpenCvSharp;
using Plates.Model.Data;
using Plates.Model.Labels;
using Plates.Model.Pipelines;
using Plates.Tests.TestSupport;
using Plates.Train.Commands;
using Plates.Train.Data;
using Plates.Train.Reports;
using Plates.Train.Synthesis;
using Plates.Train.Training;

namespace Plates.Tests.Training;

/// <summary>
/// A class is added by adding a folder: 临 (a Chinese character no list names) rendered into a root of its own beside
/// two real province folders trains into the province model, which answers it and reads a fresh rendering; 学 and 使
/// rendered into special/ beside real provinces gathered as special/其 train the special model, which reads a fresh 学
/// as 学 and a real province as 其. The report says plainly that rendered test images are easier than real ones. A new
/// class's folder with one image or bad files gets the same clear messages as any other, and a special plate's
/// character in a province folder is refused with the model it belongs to.
/// </summary>
[TestClass]
public sealed class NewClassTrainingTests
{
    private static readonly TrainingOptions s_fast = new() { MinimumPerClass = 0, CopiesPerImage = 0 };

    [TestMethod]
    public void Train_RenderedClassFoldersBesideRealProvinces_ModelAnswersThemAndReadsAFreshRendering()
    {
        using var temp = new TempFolder();
        string real = RealProvinces(temp, "京", "沪");
        string rendered = temp.Combine("rendered");
        int exit = new RootCommand { RenderCommand.Create() }.Parse(["render", "--model", "province", "--labels", "临", "--count", "40", "--out", rendered]).Invoke();
        Assert.AreEqual(0, exit, "train render");
        var sources = DataSources.InRoots([new DataRoot(real), new DataRoot(rendered)], LabelSets.Province, new List<string>());

        var outcome = TrainingRun.Run(LabelSets.Province, sources, temp.Combine("out"), s_fast);

        CollectionAssert.AreEquivalent(new[] { "临", "京", "沪" }, outcome.Report.Labels.ToArray());
        var metadata = TrainingMetadata.Read(outcome.ModelPath)!;
        CollectionAssert.Contains(metadata.Classes.ToArray(), "临", "a class no list names is recorded as one the model answers");
        Assert.AreEqual(nameof(DataSourceKind.Rendered), metadata.Sources![1].Kind);
        using var engine = Engine(outcome.ModelPath);
        Assert.IsGreaterThanOrEqualTo(4, FreshRenderingsReadAsThemselves(engine, "临", 5), "fresh renderings of 临 read as 临");

        string markdown = File.ReadAllText(Path.Combine(outcome.ReportFolder, ReportWriter.MarkdownFileName));
        StringAssert.Contains(markdown, "### Classes of rendered: rendered images");
        StringAssert.Contains(markdown, "Rendered test images are easier than real ones");
        StringAssert.Contains(markdown, "| 临 | 12 |", "a per-class row of the rendered test split (30 % of 40)");
    }

    [TestMethod]
    public void Train_RenderedSpecialsBesideRealProvincesAsOther_SpecialModelTellsThemApart()
    {
        using var temp = new TempFolder();
        string real = RealProvinces(temp, "京", "沪");
        string other = temp.Combine("other");
        Directory.CreateDirectory(Path.Combine(other, LabelSets.Special.Name));
        Directory.Move(Path.Combine(real, "province", "京"), Path.Combine(other, LabelSets.Special.Name, LabelSets.OtherChineseClass));
        string rendered = temp.Combine("rendered");
        int exit = new RootCommand { RenderCommand.Create() }.Parse(["render", "--labels", "学使", "--count", "40", "--out", rendered]).Invoke();
        Assert.AreEqual(0, exit, "train render (special is the default model)");
        var sources = DataSources.InRoots([new DataRoot(rendered), new DataRoot(other)], LabelSets.Special, new List<string>());

        var outcome = TrainingRun.Run(LabelSets.Special, sources, temp.Combine("out"), s_fast);

        CollectionAssert.AreEquivalent(new[] { "学", "使", LabelSets.OtherChineseClass }, outcome.Report.Labels.ToArray());
        using var engine = Engine(outcome.ModelPath);
        Assert.IsGreaterThanOrEqualTo(4, FreshRenderingsReadAsThemselves(engine, "学", 5), "fresh renderings of 学 read as 学");
        // 沪 was not trained at all: a province the model never saw is still "another Chinese character", not a special.
        var unseen = Directory.GetFiles(Path.Combine(real, "province", "沪")).Take(10).ToArray();
        int otherRead = unseen.Count(f => engine.Predict(new CharacterModelInput { ImageSource = File.ReadAllBytes(f) }).PredictedLabel == LabelSets.OtherChineseClass);
        Assert.IsGreaterThanOrEqualTo(7, otherRead, "real crops of a province the model never saw read as other");
    }

    [TestMethod]
    public void Read_NewClassFolderWithOneImageAndABadFile_IsLeftOutWithTheUsualMessages()
    {
        using var temp = new TempFolder();
        string real = RealProvinces(temp, "京", "沪");
        string extra = temp.Combine("extra");
        Directory.CreateDirectory(Path.Combine(extra, "province", "临"));
        File.Copy(Directory.GetFiles(Path.Combine(real, "province", "京"))[0], Path.Combine(extra, "province", "临", "only.jpg"));
        File.WriteAllBytes(Path.Combine(extra, "province", "临", "empty.png"), []);
        File.WriteAllText(Path.Combine(extra, "province", "临", "notes.txt"), "not an image");
        var sources = DataSources.InRoots([new DataRoot(real), new DataRoot(extra)], LabelSets.Province, new List<string>());

        var dataset = CharacterFolderReader.Read(sources, LabelSets.Province);

        CollectionAssert.AreEquivalent(new[] { "京", "沪" }, dataset.Classes.ToArray());
        Assert.IsTrue(dataset.Warnings.Any(w => w.Contains(Path.Combine(extra, "province", "临")) && w.Contains("class '临' has only 1 usable image")), string.Join("\n", dataset.Warnings));
        StringAssert.Contains(Reason(dataset, "only.jpg"), "fewer than 2 usable images");
        StringAssert.Contains(Reason(dataset, "empty.png"), "file is empty (0 bytes)");
        StringAssert.Contains(Reason(dataset, "notes.txt"), "not an image file");
    }

    [TestMethod]
    public void Read_FolderOfAnotherKind_IsRefusedAsNotAProvinceLabel()
    {
        using var temp = new TempFolder();
        string real = RealProvinces(temp, "京", "沪");
        SyntheticCharacters.Write(Path.Combine(real, "province"), ["A"], perClass: 3);

        var dataset = CharacterFolderReader.Read(Path.Combine(real, "province"), LabelSets.Province);

        Assert.IsTrue(dataset.Warnings.Any(w => w.Contains("folder name 'A' is not a province label")), string.Join("\n", dataset.Warnings));
        CollectionAssert.DoesNotContain(dataset.Classes.ToArray(), "A");
    }

    [TestMethod]
    public void Read_SpecialCharacterInAProvinceFolder_IsRefusedNamingTheSpecialModel()
    {
        using var temp = new TempFolder();
        string real = RealProvinces(temp, "京", "沪");
        Directory.Move(Path.Combine(real, "province", "沪"), Path.Combine(real, "province", "学"));

        var dataset = CharacterFolderReader.Read(Path.Combine(real, "province"), LabelSets.Province);

        CollectionAssert.AreEquivalent(new[] { "京" }, dataset.Classes.ToArray());
        Assert.IsTrue(dataset.Warnings.Any(w => w.Contains("'学'") && w.Contains(LabelSets.Special.Name)), string.Join("\n", dataset.Warnings));
    }

    /// <summary>A training root with 40 real crops of each province named, from ../shared/datasets/chars.</summary>
    private static string RealProvinces(TempFolder temp, params string[] provinces)
    {
        string root = temp.Combine("real");
        foreach (string province in provinces)
        {
            string target = Path.Combine(root, "province", province);
            Directory.CreateDirectory(target);
            foreach (string file in Directory.GetFiles(TestData.RequireDataset("chars", "province", province)).Order(StringComparer.Ordinal).Take(40))
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
        return root;
    }

    private static PredictionEngine<CharacterModelInput, CharacterModelOutput> Engine(string modelPath)
    {
        var mlContext = new MLContext(seed: 1);
        return CharacterModel.CreatePredictionEngine(mlContext, CharacterModel.Load(mlContext, modelPath, out _));
    }

    /// <summary>How many of <paramref name="count"/> renderings of the character, drawn with a seed training did not use, the model reads as it.</summary>
    private static int FreshRenderingsReadAsThemselves(PredictionEngine<CharacterModelInput, CharacterModelOutput> engine, string character, int count)
    {
        using var renderer = new GlyphRenderer(GlyphRenderer.DefaultFonts);
        var random = new Random(12345);
        return Enumerable.Range(0, count).Count(_ => engine.Predict(new CharacterModelInput { ImageSource = Png(renderer.Render(character, random)) }).PredictedLabel == character);
    }

    private static byte[] Png(byte[] pixels)
    {
        using var image = Mat.FromPixelData(20, 20, MatType.CV_8UC1, pixels);
        Cv2.ImEncode(".png", image, out byte[] png);
        return png;
    }

    private static string Reason(CharacterDataset dataset, string fileName) =>
        dataset.Skipped.Single(s => Path.GetFileName(s.Path) == fileName).Reason;
}
