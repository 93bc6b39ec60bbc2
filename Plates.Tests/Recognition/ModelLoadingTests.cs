using Plates.Consume.Recognition;
using Plates.Tests.TestSupport;

namespace Plates.Tests.Recognition;

/// <summary>A models folder with a file missing or broken is refused with an exception that names the file.</summary>
[TestClass]
public sealed class ModelLoadingTests
{
    private static string ShippedModels
    {
        get
        {
            string folder = PlateRecogniser.DefaultModelsFolder;
            if (!File.Exists(Path.Combine(folder, PlateReader.ProvinceModelFile))) Assert.Inconclusive($"The shipped models are not in {folder}.");
            return folder;
        }
    }

    [TestMethod]
    public void Create_ModelsFolderWithoutCityModel_ThrowsFileNotFoundNamingCityZip()
    {
        using var models = new TempFolder();
        foreach (string file in new[] { PlateReader.ProvinceModelFile, PlateReader.AlnumModelFile })
            File.Copy(Path.Combine(ShippedModels, file), models.Combine(file));

        var e = Assert.ThrowsExactly<FileNotFoundException>(() => new PlateRecogniser(models.Path));

        StringAssert.Contains(e.Message + " " + e.FileName, "city.zip");
    }

    [TestMethod]
    public void Create_CorruptProvinceModel_ThrowsInvalidDataNamingTheFile()
    {
        using var models = new TempFolder();
        foreach (string file in new[] { PlateReader.CityModelFile, PlateReader.AlnumModelFile })
            File.Copy(Path.Combine(ShippedModels, file), models.Combine(file));
        var random = new Random(7);
        byte[] garbage = new byte[4096];
        random.NextBytes(garbage);
        File.WriteAllBytes(models.Combine(PlateReader.ProvinceModelFile), garbage);

        var e = Assert.ThrowsExactly<InvalidDataException>(() => new PlateRecogniser(models.Path));

        StringAssert.Contains(e.Message, "province.zip");
    }

    [TestMethod]
    public void Create_MissingModelsFolder_ThrowsDirectoryNotFound()
    {
        string missing = Path.Combine(Path.GetTempPath(), "plates-no-models-" + Guid.NewGuid().ToString("N"));

        var e = Assert.ThrowsExactly<DirectoryNotFoundException>(() => new PlateRecogniser(missing));

        StringAssert.Contains(e.Message, missing);
    }

    [TestMethod]
    public void Dispose_CalledTwice_DoesNotThrow()
    {
        var recogniser = new PlateRecogniser(ShippedModels);

        recogniser.Dispose();
        recogniser.Dispose();
    }
}
