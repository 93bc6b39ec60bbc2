using System.Text;
using Plates.Cli.Annotation;
using Plates.Cli.Inputs;

namespace Plates.Tests.Cli.Annotation;

/// <summary>Annotated copies of one run never share a name, and every name fits the file system with room for its temporary file.</summary>
[TestClass]
public sealed class AnnotationNamesTests
{
    [TestMethod]
    public void For_DistinctNames_KeepsThemPlain()
    {
        var names = AnnotationNames.For([new InputImage("a/x.jpg"), new InputImage("b/y.png"), InputImage.StandardInput]);

        CollectionAssert.AreEqual(new[] { "x.jpg.annotated.jpg", "y.png.annotated.jpg", "stdin.annotated.jpg" }, names);
    }

    [TestMethod]
    public void For_SharedNames_AddsAHashOfEachPathTheSameOnEveryRun()
    {
        var images = new[] { new InputImage("a/x.jpg"), new InputImage("b/x.jpg"), new InputImage("c/X.JPG") };

        var names = AnnotationNames.For(images);

        Assert.HasCount(3, names.Distinct(StringComparer.OrdinalIgnoreCase).ToArray());
        Assert.IsTrue(names.All(n => n.EndsWith(".annotated.jpg")));
        StringAssert.StartsWith(names[0], "x.jpg.");
        CollectionAssert.AreEqual(names, AnnotationNames.For(images));
    }

    [TestMethod]
    public void For_TheSameFileTwice_GivesTwoNames()
    {
        var names = AnnotationNames.For([new InputImage("a/x.jpg"), new InputImage("a/x.jpg")]);

        Assert.AreNotEqual(names[0], names[1]);
    }

    [TestMethod]
    public void For_LongName_IsShortenedToTheLimitAtACharacterBoundary()
    {
        string name = new string('粤', 100) + ".jpg";

        string annotated = AnnotationNames.For([new InputImage("/photos/" + name)]).Single();

        Assert.IsLessThanOrEqualTo(AnnotationNames.MaxNameBytes, Encoding.UTF8.GetByteCount(annotated));
        StringAssert.StartsWith(annotated, "粤粤粤");
        StringAssert.EndsWith(annotated, ".annotated.jpg");
        Assert.DoesNotContain("\uFFFD", annotated);
    }
}
