using Plates.Cli.Inputs;

namespace Plates.Tests.Cli.Inputs;

[TestClass]
public sealed class FileNamesTests
{
    [TestMethod]
    public void Display_ValidUtf8_IsTheNameItself()
    {
        Assert.AreEqual("粤TD1291.jpg", FileNames.Display("粤TD1291.jpg"u8, out bool valid));
        Assert.IsTrue(valid);
    }

    [TestMethod]
    public void Display_GbkBytes_AreEscapedOneByOne()
    {
        Assert.AreEqual("\\xBE\\xA9A12345.jpg", FileNames.Display([0xBE, 0xA9, .. "A12345.jpg"u8], out bool valid));
        Assert.IsFalse(valid);
    }

    [TestMethod]
    public void Truncate_CutsBetweenCharactersWithinTheByteCount()
    {
        Assert.AreEqual("粤TD", FileNames.Truncate("粤TD1291", 5));
        Assert.AreEqual("粤T", FileNames.Truncate("粤TD1291", 4));
        Assert.AreEqual("", FileNames.Truncate("粤TD1291", 2));
        Assert.AreEqual("粤TD1291", FileNames.Truncate("粤TD1291", 100));
    }
}
