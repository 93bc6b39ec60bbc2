using Plates.Cli.Inputs;
using Plates.Tests.TestSupport;

namespace Plates.Tests.Cli.Inputs;

/// <summary>What the arguments stand for: files as named, '-' for standard input, folders by the listing rule.</summary>
[TestClass]
public sealed class InputListingTests
{
    [TestMethod]
    public void Expand_Folder_TakesImageExtensionsOnlyAndCountsTheRest()
    {
        using var folder = new TempFolder();
        foreach (string name in new[] { "b.JPG", "a.png", "c.gif", "d.heic", "GroundTruth.xml", "a.png.annotated.jpg", "x.jpg.123.tmp" })
            File.WriteAllText(folder.Combine(name), "");

        var listing = InputListing.Expand([folder.Path], recursive: false);

        CollectionAssert.AreEqual(new[] { "a.png", "b.JPG", "c.gif", "d.heic" }, listing.Images.Select(i => Path.GetFileName(i.Name)).ToArray());
        Assert.AreEqual(3, listing.Skipped);
        Assert.IsEmpty(listing.Problems);
    }

    [TestMethod]
    public void Expand_NamedFiles_AreTakenWhateverTheirExtensionAndDashIsStandardInput()
    {
        var listing = InputListing.Expand(["notes.txt", "-", "missing.jpg"], recursive: false);

        CollectionAssert.AreEqual(new[] { "notes.txt", "-", "missing.jpg" }, listing.Images.Select(i => i.Name).ToArray());
        Assert.IsTrue(listing.Images[1].IsStandardInput);
        Assert.IsFalse(listing.Images[0].IsStandardInput);
    }

    [TestMethod]
    public void Expand_Recursive_DescendsIntoSubfoldersButNotLinksToFolders()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.Combine("sub"));
        File.WriteAllText(folder.Combine("sub", "a.jpg"), "");
        Directory.CreateSymbolicLink(folder.Combine("loop"), folder.Path);

        var flat = InputListing.Expand([folder.Path], recursive: false);
        var deep = InputListing.Expand([folder.Path], recursive: true);

        Assert.IsEmpty(flat.Images);
        Assert.AreEqual("no image files in this folder.", flat.Problems.Single().Message);
        CollectionAssert.AreEqual(new[] { folder.Combine("sub", "a.jpg") }, deep.Images.Select(i => i.Name).ToArray());
        Assert.IsEmpty(deep.Problems);
    }
}
