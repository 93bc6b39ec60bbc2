using Plates.Consume.Layout;

namespace Plates.Tests.Layout;

[TestClass]
public sealed class PlateLayoutTests
{
    [TestMethod]
    public void StandardSingleRow_IsTheGa36Geometry()
    {
        var layout = PlateLayout.StandardSingleRow;

        CollectionAssert.AreEqual(new double[] { 0, 57, 136, 193, 250, 307, 364 }, layout.Offsets.ToArray());
        Assert.IsTrue(layout.Slots.All(s => s.Width == 45));
        Assert.AreEqual(90, layout.CharacterHeight);
        Assert.AreEqual(409, layout.Span);
        Assert.AreEqual(57, layout.Pitch);
        Assert.AreEqual(22.5, layout.Centres[0]);
    }

    [TestMethod]
    public void Evenly_WiderSeparator_ShiftsOnlyTheSlotsAfterIt()
    {
        var layout = PlateLayout.Evenly("test", count: 4, characterWidth: 10, characterHeight: 20, gap: 2, separatorGap: 8, separatorAfter: 1);

        CollectionAssert.AreEqual(new double[] { 0, 12, 30, 42 }, layout.Offsets.ToArray());
        Assert.AreEqual(2, layout.RunStart);
        Assert.AreEqual(12, layout.Pitch);
    }
}
