using Plates.Consume;
using Plates.Consume.Layout;

namespace Plates.Tests.Layout;

/// <summary>The catalogue of plate kinds: each format's geometry, classes and colours, and which formats a colour brings.</summary>
[TestClass]
public sealed class PlateFormatsTests
{
    [TestMethod]
    [DataRow("京A12345", "Standard")]
    [DataRow("沪AF71017", "NewEnergySmall")]
    [DataRow("青A00109D", "NewEnergyLarge")]
    [DataRow("鄂F8888警", "Police")]
    [DataRow("琼A6716学", "Learner")]
    [DataRow("冀A1234挂", "Trailer")]
    [DataRow("粤ZEV52港", "HongKongMacau")]
    [DataRow("沪A1707领", "Consulate")]
    [DataRow("使198476", "Embassy")]
    public void Allows_EachKindsOwnPlate_IsAllowedByAFormatOfThatKind(string text, string kind)
    {
        var allowing = PlateFormats.All.Where(f => f.Allows(text)).Select(f => f.Kind.ToString()).ToArray();
        CollectionAssert.Contains(allowing, kind, $"{text} should fit a {kind} format; fits {string.Join(", ", allowing)}");
    }

    [TestMethod]
    [DataRow("沪AG71017")] // third character of a small new-energy plate must be D or F
    [DataRow("青A0010AD")] // large new-energy: five digits before D or F
    [DataRow("粤AEV52港")] // 港 plates are 粤Z
    [DataRow("使19847A")] // embassy: six digits
    public void Allows_PlateBreakingItsFormatsClasses_IsNotAllowedByTheFormatItImitates(string text)
    {
        var kinds = PlateFormats.All.Where(f => f.Allows(text)).Select(f => f.Kind).ToArray();
        Assert.IsFalse(kinds.Any(k => k is PlateKind.NewEnergySmall or PlateKind.NewEnergyLarge or PlateKind.HongKongMacau or PlateKind.Embassy),
            $"{text} fits {string.Join(", ", kinds)}");
    }

    [TestMethod]
    public void Layouts_FollowGa36Geometry()
    {
        Assert.AreEqual(409, PlateLayout.StandardSingleRow.Span, 1e-9);
        Assert.AreEqual(8, PlateLayout.NewEnergy.Count);
        Assert.AreEqual(8 * 43 + 6 * 9 + 49, PlateLayout.NewEnergy.Span, 1e-9);
        // The embassy plate's dot stands after the fourth character: the wide gap is there.
        var embassy = PlateLayout.Embassy.Slots;
        Assert.AreEqual(45 + 34, embassy[4].Offset - embassy[3].Offset, 1e-9);
        Assert.AreEqual(45 + 12, embassy[2].Offset - embassy[1].Offset, 1e-9);
    }

    [TestMethod]
    public void For_EachColour_BringsTheFormatsPaintedInIt()
    {
        static PlateKind[] Kinds(PlateColor colour, bool twoRow = false) => PlateFormats.For(PlateFormats.All, colour, twoRow).Select(f => f.Kind).Distinct().ToArray();
        CollectionAssert.AreEquivalent(new[] { PlateKind.Standard }, Kinds(PlateColor.Blue));
        CollectionAssert.IsSubsetOf(new[] { PlateKind.NewEnergySmall, PlateKind.NewEnergyLarge }, Kinds(PlateColor.Green));
        CollectionAssert.IsSubsetOf(new[] { PlateKind.Standard, PlateKind.Learner, PlateKind.Trailer, PlateKind.NewEnergyLarge }, Kinds(PlateColor.Yellow));
        CollectionAssert.IsSubsetOf(new[] { PlateKind.Police }, Kinds(PlateColor.White));
        CollectionAssert.IsSubsetOf(new[] { PlateKind.HongKongMacau, PlateKind.Consulate, PlateKind.Embassy, PlateKind.Standard }, Kinds(PlateColor.Black));
        CollectionAssert.AreEquivalent(new[] { PlateKind.TwoRow, PlateKind.Trailer }, Kinds(PlateColor.Yellow, twoRow: true));
        Assert.IsFalse(Kinds(PlateColor.Blue, twoRow: true).Any(), "two-row plates are yellow");
    }

    [TestMethod]
    public void ChinesePositions_AreWhereAChineseClassStands()
    {
        CollectionAssert.AreEqual(new[] { 0 }, PlateFormats.Standard.ChinesePositions.ToArray());
        CollectionAssert.AreEqual(new[] { 0, 6 }, PlateFormats.Learner.ChinesePositions.ToArray());
        CollectionAssert.AreEqual(new[] { 0 }, PlateFormats.Embassy.ChinesePositions.ToArray());
    }
}
