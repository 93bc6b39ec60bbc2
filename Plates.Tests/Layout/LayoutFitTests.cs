using OpenCvSharp;
using Plates.Consume.Layout;

namespace Plates.Tests.Layout;

/// <summary>The two fits of <see cref="PlateLayout"/>: onto blob centres and onto a column projection.</summary>
[TestClass]
public sealed class LayoutFitTests
{
    // Slot centres of a one-row plate at 0.4 px per mm (36 px tall characters), offset 20 px.
    private static readonly double[] OneRowCentres = [22.5, 79.5, 158.5, 215.5, 272.5, 329.5, 386.5];
    private const double PxPerMm = 0.4, Offset = 20, CharHeight = 36;

    private static Rect CharacterAt(double slotCentreMm) =>
        new((int)Math.Round(Offset + PxPerMm * slotCentreMm - 8), 10, 16, (int)CharHeight);

    [TestMethod]
    public void FromCentres_ProvinceMissing_SpansTheWholeRow()
    {
        // Six characters found: the province character fell apart into strokes.
        var boxes = OneRowCentres.Skip(1).Select(CharacterAt).ToArray();

        var span = LayoutFit.FromCentres(boxes, CharHeight, new Rect2d(0, 0, 220, 60), PlateLayout.StandardSingleRow, new CentreFitOptions());

        Assert.IsNotNull(span);
        Assert.AreEqual(Offset, span.Value.Left, 2.0);
        Assert.AreEqual(Offset + PxPerMm * 409, span.Value.Right, 2.0);
    }

    [TestMethod]
    public void FromCentres_FewerThanFourCharacters_ReturnsNull()
    {
        var boxes = OneRowCentres.Skip(4).Select(CharacterAt).ToArray();

        Assert.IsNull(LayoutFit.FromCentres(boxes, CharHeight, new Rect2d(0, 0, 220, 60), PlateLayout.StandardSingleRow, new CentreFitOptions()));
    }

    [TestMethod]
    public void FromCentres_LayoutWithEightSlots_FitsItsOwnSlots()
    {
        // Eight characters at the standard spacing (the new-energy plates' count): the fit must span eight slots, which
        // the seven-slot layout cannot place, so the layout given is the one fitted.
        var eight = PlateLayout.Evenly("eight", count: 8, characterWidth: 43, characterHeight: 90, gap: 9, separatorGap: 34, separatorAfter: 1);
        var boxes = eight.Centres.Select(c => new Rect((int)Math.Round(Offset + PxPerMm * c - 8), 10, 16, (int)CharHeight)).ToArray();

        var span = LayoutFit.FromCentres(boxes, CharHeight, new Rect2d(0, 0, 240, 60), eight, new CentreFitOptions());

        Assert.IsNotNull(span);
        Assert.AreEqual(Offset, span.Value.Left, 2.0);
        Assert.AreEqual(Offset + PxPerMm * eight.Span, span.Value.Right, 2.0);
    }

    [TestMethod]
    public void FromProjection_SevenBlocksInStandardLayout_PlacesABoxOnEachBlock()
    {
        var layout = PlateLayout.StandardSingleRow;
        double scale = 0.3;
        var projection = Projection(136, layout.Slots.Select(s => ((int)(5 + s.Offset * scale), 13)), height: 27);

        var boxes = LayoutFit.FromProjection(projection, 4, 27, layout, new ProjectionFitOptions());

        Assert.IsNotNull(boxes);
        Assert.HasCount(7, boxes);
        for (int i = 0; i < 7; i++)
            Assert.AreEqual(5 + layout.Offsets[i] * scale + 6.5, boxes[i].X + boxes[i].Width / 2.0, 2.0, $"box {i}");
    }

    [TestMethod]
    public void FromProjection_LayoutWithEightSlots_ReturnsEightBoxes()
    {
        var eight = PlateLayout.Evenly("eight", count: 8, characterWidth: 43, characterHeight: 90, gap: 9, separatorGap: 34, separatorAfter: 1);
        double scale = 0.3;
        var projection = Projection(160, eight.Slots.Select(s => ((int)(5 + s.Offset * scale), 12)), height: 27);

        var boxes = LayoutFit.FromProjection(projection, 4, 27, eight, new ProjectionFitOptions());

        Assert.IsNotNull(boxes);
        Assert.HasCount(8, boxes);
        for (int i = 0; i < 8; i++)
            Assert.AreEqual(5 + eight.Offsets[i] * scale + 6, boxes[i].X + boxes[i].Width / 2.0, 2.0, $"box {i}");
    }

    [TestMethod]
    public void FromProjection_EmptyBand_ReturnsNull()
    {
        Assert.IsNull(LayoutFit.FromProjection(new double[136], 4, 27, PlateLayout.StandardSingleRow, new ProjectionFitOptions()));
    }

    /// <summary>The column projection of solid blocks (left, width) of the given height.</summary>
    private static double[] Projection(int width, IEnumerable<(int Left, int Width)> blocks, int height)
    {
        var projection = new double[width];
        foreach (var (left, w) in blocks)
            for (int x = left; x < left + w; x++) projection[x] = height;
        return projection;
    }
}
