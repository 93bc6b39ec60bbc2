using Plates.Train.Data;
using Plates.Train.Reports;

namespace Plates.Tests.Training;

[TestClass]
public sealed class DuplicateImagesTests
{
    private const string Folder = "/data";

    private static LabelledImage Image(string label, string name, params byte[] bytes) => new($"{Folder}/{label}/{name}", label, bytes);

    [TestMethod]
    public void Analyse_IdenticalFilesUnderTwoLabels_ListsThemAsConflicting()
    {
        var a = Image("5", "x.jpg", 1, 2, 3);
        var b = Image("6", "x.jpg", 1, 2, 3);
        var c = Image("6", "y.jpg", 1, 2, 3);
        var d = Image("6", "z.jpg", 9, 9);
        var e = Image("6", "w.jpg", 9, 9);

        var summary = DuplicateImages.Analyse([a, b, c, d, e], train: null, evaluated: [a], misclassified: [], Folder);

        Assert.AreEqual(2, summary.IdenticalGroups);
        Assert.AreEqual(5, summary.IdenticalFiles);
        var conflict = summary.Conflicting.Single();
        CollectionAssert.AreEqual(new[] { "5/x.jpg", "6/x.jpg", "6/y.jpg" }, conflict.ToArray());
        Assert.IsNull(summary.EvaluatedSeenInTraining);
        Assert.IsNull(summary.UnseenMicroAccuracy);
    }

    [TestMethod]
    public void Analyse_TestImageIdenticalToATrainingImage_IsLeftOutOfTheUnseenAccuracy()
    {
        var trained = Image("A", "t.jpg", 1);
        var copy = Image("A", "copy.jpg", 1);
        var fresh1 = Image("A", "f1.jpg", 2);
        var fresh2 = Image("B", "f2.jpg", 3);
        // The copy and one fresh image are read wrong: of the two unseen images one is right.
        var misclassified = new[] { new Misclassification("A/copy.jpg", "A", "B", 0.9f), new Misclassification("A/f1.jpg", "A", "B", 0.8f) };

        var summary = DuplicateImages.Analyse([trained, copy, fresh1, fresh2], [trained], [copy, fresh1, fresh2], misclassified, Folder);

        Assert.AreEqual(1, summary.EvaluatedSeenInTraining);
        Assert.AreEqual(0.5, summary.UnseenMicroAccuracy!.Value, 1e-12);
        Assert.IsEmpty(summary.Conflicting);
    }
}
