using OpenCvSharp;
using Plates.Consume;
using Plates.Consume.Characters;
using Plates.Consume.Colour;
using Plates.Consume.Layout;
using Plates.Consume.Segmentation;

namespace Plates.Tests.Segmentation;

[TestClass]
public sealed class CharacterSegmenterTests
{
    private static readonly SegmenterOptions Options = new();
    private readonly CharacterSegmenter _segmenter = new(Options);

    [TestMethod]
    public void Segment_SyntheticPlateWithSevenGlyphs_ReturnsSevenBoxesLeftToRight()
    {
        using var plate = SegmentationPlates.Draw(SegmentationPlates.Blue, SegmentationPlates.White);

        var result = _segmenter.Segment(plate, PlateColor.Blue);

        Assert.IsNotNull(result);
        Assert.AreEqual(7, result.Count);
        for (int i = 0; i < 7; i++)
        {
            var expected = SegmentationPlates.ExpectedBox(i);
            double centre = result.Boxes[i].X + result.Boxes[i].Width / 2.0;
            Assert.AreEqual(expected.X + expected.Width / 2.0, centre, 12, $"character {i}: box {result.Boxes[i]}");
            if (i > 0) Assert.IsGreaterThan(result.Boxes[i - 1].X, result.Boxes[i].X);
        }
    }

    [TestMethod]
    public void Segment_SyntheticPlate_CharactersAreTwentyByTwentyWhiteOnBlack()
    {
        using var plate = SegmentationPlates.Draw(SegmentationPlates.Blue, SegmentationPlates.White);

        var result = _segmenter.Segment(plate, PlateColor.Blue);

        Assert.IsNotNull(result);
        foreach (var character in result.Characters)
        {
            Assert.HasCount(400, character);
            int ink = character.Count(p => p > 128);
            Assert.IsTrue(ink is > 20 and < 300, $"ink pixels: {ink}");
            // Corners are background: the character is white on black and centred.
            Assert.IsLessThan(128, (int)character[0]);
            Assert.IsLessThan(128, (int)character[399]);
        }
    }

    [TestMethod]
    public void Segment_SyntheticOne_WidensBoxButKeepsTheBarCentred()
    {
        using var plate = SegmentationPlates.Draw(SegmentationPlates.Blue, SegmentationPlates.White, "A11111");

        var result = _segmenter.Segment(plate, PlateColor.Blue);

        Assert.IsNotNull(result);
        var one = result.Boxes[3];
        Assert.IsGreaterThan(30, one.Width, $"box {one}");
        var image = result.Characters[3];
        // The bar fills the full height of the 20×20 image and sits in its middle columns.
        for (int y = 2; y < 18; y++)
        {
            Assert.IsGreaterThan(128, (int)image[y * 20 + 10], $"row {y}");
            Assert.IsLessThan(128, (int)image[y * 20 + 1], $"row {y}");
        }
    }

    [TestMethod]
    public void Segment_SyntheticYellowPlateColourUnknown_ReturnsSevenCharacters()
    {
        using var plate = SegmentationPlates.Draw(SegmentationPlates.Yellow, SegmentationPlates.Black);

        var result = _segmenter.Segment(plate, PlateColor.Unknown);

        Assert.IsNotNull(result);
        Assert.AreEqual(7, result.Count);
        Assert.IsTrue(SegmentationPlates.IsPlausible(result));
    }

    [TestMethod]
    public void SegmentShaded_YellowPlateWithItsLowerHalfInShadow_IsCutWithItsBackgroundFlattened()
    {
        using var plate = HalfShaded(SegmentationPlates.Draw(SegmentationPlates.Yellow, SegmentationPlates.Black));
        var layout = PlateLayout.StandardSingleRow;

        var result = _segmenter.SegmentShaded(plate, PlateColor.Yellow, layout, [0], []);

        Assert.IsNull(_segmenter.Segment(plate, PlateColor.Yellow), "the plain cut takes the shaded half for ink and finds no row");
        Assert.IsNull(_segmenter.SegmentShaded(plate, PlateColor.Blue, layout, [0], []), "blue plates, whose characters are bright, are not retried");
        Assert.IsNotNull(result);
        Assert.AreEqual(7, result.Count);
        Assert.IsTrue(SegmentationPlates.IsPlausible(result));
    }

    /// <summary>The plate with its lower 55 % darkened to a third, as a car's shadow falls across it (the plate is disposed).</summary>
    internal static Mat HalfShaded(Mat plate)
    {
        using (plate)
        {
            var shaded = plate.Clone();
            int top = (int)(plate.Rows * 0.45);
            using var lower = new Mat(shaded, new Rect(0, top, plate.Cols, plate.Rows - top));
            lower.ConvertTo(lower, -1, 0.35);
            return shaded;
        }
    }

    [TestMethod]
    public void Segment_UnderExposedYellowPlate_ReturnsTheSameSevenCharactersAsWellLit()
    {
        // Five stops under: the background's brightest channel lies at 7 of 255, below the hue masks' value floors, and
        // its spread of grey is a blank plate's. The plate is still all there, only dim.
        using var lit = SegmentationPlates.Draw(SegmentationPlates.Yellow, SegmentationPlates.Black);
        using var dim = new Mat();
        lit.ConvertTo(dim, MatType.CV_8UC3, 0.03);

        var expected = _segmenter.Segment(lit, PlateColor.Yellow);
        var result = _segmenter.Segment(dim, PlateColor.Yellow);

        Assert.IsNotNull(expected);
        Assert.IsNotNull(result);
        Assert.AreEqual(7, result.Count);
        for (int i = 0; i < 7; i++)
        {
            double centre = result.Boxes[i].X + result.Boxes[i].Width / 2.0;
            Assert.AreEqual(expected.Boxes[i].X + expected.Boxes[i].Width / 2.0, centre, 6, $"character {i}: box {result.Boxes[i]}");
        }
    }

    [TestMethod]
    public void Segment_BluePlateWithTintedNoisyCharacters_ReturnsSevenCharactersWhereTheyAreDrawn()
    {
        // White characters gone cyan (little red left, as under dim or coloured light) over a red channel full of
        // noise: the minimum channel, white against blue's missing red, then holds mostly noise, while grey still
        // shows the strokes brighter than the blue.
        // Noise at the deskewer's output size, where no resampling averages it away.
        using var drawn = SegmentationPlates.Draw(SegmentationPlates.Blue, new Scalar(240, 170, 20));
        using var plate = new Mat();
        Cv2.Resize(drawn, plate, new Size(136, 36), 0, 0, InterpolationFlags.Area);
        AddRedNoise(plate, amplitude: 30, seed: 1);

        var result = _segmenter.Segment(plate, PlateColor.Blue);

        Assert.IsNotNull(result);
        Assert.IsTrue(SegmentationPlates.IsPlausible(result), string.Join(" ", result.Boxes));
        double scale = 136.0 / drawn.Cols;
        for (int i = 0; i < 7; i++)
        {
            var expected = SegmentationPlates.ExpectedBox(i);
            double centre = result.Boxes[i].X + result.Boxes[i].Width / 2.0;
            Assert.AreEqual((expected.X + expected.Width / 2.0) * scale, centre, 4, $"character {i}: box {result.Boxes[i]}");
        }
    }

    [TestMethod]
    public void Separability_DoesNotDependOnContrastButFallsWithNoise()
    {
        using var strong = new Mat(40, 100, MatType.CV_8UC1, Scalar.All(40));
        Cv2.Rectangle(strong, new Rect(30, 0, 30, 40), Scalar.All(200), -1);
        using var weak = new Mat(40, 100, MatType.CV_8UC1, Scalar.All(40));
        Cv2.Rectangle(weak, new Rect(30, 0, 30, 40), Scalar.All(60), -1);
        using var flat = new Mat(40, 100, MatType.CV_8UC1, Scalar.All(90));
        using var noisy = strong.Clone();
        var random = new Random(1);
        noisy.GetArray(out byte[] pixels);
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)Math.Clamp(pixels[i] + random.Next(-60, 61), 0, 255);
        noisy.SetArray(pixels);

        Assert.AreEqual(1, _segmenter.Binariser.Separability(strong), 1e-9);
        Assert.AreEqual(1, _segmenter.Binariser.Separability(weak), 1e-9);
        Assert.AreEqual(0, _segmenter.Binariser.Separability(flat));
        Assert.IsLessThan(0.9, _segmenter.Binariser.Separability(noisy));
    }

    /// <summary>Adds uniform noise of ± <paramref name="amplitude"/> to the red channel, from a seeded generator.</summary>
    private static void AddRedNoise(Mat bgr, int amplitude, int seed)
    {
        var random = new Random(seed);
        var channels = Cv2.Split(bgr);
        try
        {
            channels[2].GetArray(out byte[] red);
            for (int i = 0; i < red.Length; i++) red[i] = (byte)Math.Clamp(red[i] + random.Next(-amplitude, amplitude + 1), 0, 255);
            channels[2].SetArray(red);
            Cv2.Merge(channels, bgr);
        }
        finally
        {
            foreach (var channel in channels) channel.Dispose();
        }
    }

    [TestMethod]
    public void Segment_SmallTiltedSyntheticPlate_ReturnsSevenCharacters()
    {
        using var plate = SegmentationPlates.Draw(SegmentationPlates.Blue, SegmentationPlates.White);
        using var rotation = Cv2.GetRotationMatrix2D(new Point2f(220, 70), 6, 1);
        using var rotated = new Mat();
        Cv2.WarpAffine(plate, rotated, rotation, plate.Size(), InterpolationFlags.Linear, BorderTypes.Replicate);
        using var small = new Mat();
        Cv2.Resize(rotated, small, new Size(136, 36), 0, 0, InterpolationFlags.Area);

        var result = _segmenter.Segment(small, PlateColor.Blue);

        Assert.IsNotNull(result);
        Assert.IsTrue(SegmentationPlates.IsPlausible(result), string.Join(" ", result.Boxes));
    }

    [TestMethod]
    public void Segment_BlankImage_ReturnsNull()
    {
        using var blank = new Mat(36, 136, MatType.CV_8UC3, SegmentationPlates.Blue);

        Assert.IsNull(_segmenter.Segment(blank, PlateColor.Blue));
        Assert.IsNull(_segmenter.Segment(blank, PlateColor.Unknown));
    }

    [TestMethod]
    public void Segment_GreyImage_ThrowsArgumentException()
    {
        using var grey = new Mat(36, 136, MatType.CV_8UC1, Scalar.All(0));

        Assert.ThrowsExactly<ArgumentException>(() => _segmenter.Segment(grey, PlateColor.Blue));
    }

    [TestMethod]
    public void Binarise_YellowPlate_MakesCharactersWhite()
    {
        using var plate = SegmentationPlates.Draw(SegmentationPlates.Yellow, SegmentationPlates.Black);

        using var binary = _segmenter.Binariser.Binarise(plate, PlateColor.Yellow);

        AssertCharactersWhite(binary);
    }

    [TestMethod]
    public void Binarise_BluePlate_MakesCharactersWhite()
    {
        using var plate = SegmentationPlates.Draw(SegmentationPlates.Blue, SegmentationPlates.White);

        using var binary = _segmenter.Binariser.Binarise(plate, PlateColor.Blue);

        AssertCharactersWhite(binary);
    }

    [TestMethod]
    public void Binarise_BluePlateBesideAWhiteWall_BlanksTheWallButKeepsTheCharacters()
    {
        using var plate = SegmentationPlates.Draw(SegmentationPlates.Blue, SegmentationPlates.White);
        using var loose = new Mat(140, 500, MatType.CV_8UC3, Scalar.All(255));
        using (var inner = new Mat(loose, new Rect(60, 0, 440, 140))) plate.CopyTo(inner);

        using var binary = _segmenter.Binariser.Binarise(loose, PlateColor.Blue);

        using var wall = new Mat(binary, new Rect(0, 0, 60, 140));
        Assert.AreEqual(0, Cv2.CountNonZero(wall), "The wall is as bright as the characters, so only its missing blue can blank it.");
        var first = SegmentationPlates.ExpectedBox(0);
        using var character = new Mat(binary, new Rect(60 + first.X, first.Y, first.Width, first.Height));
        Assert.IsGreaterThan(0, Cv2.CountNonZero(character));
    }

    [TestMethod]
    public void ResolveColor_UnknownPlates_PicksThePolarityOfTheirCharacters()
    {
        using var yellow = SegmentationPlates.Draw(SegmentationPlates.Yellow, SegmentationPlates.Black);
        using var blue = SegmentationPlates.Draw(SegmentationPlates.Blue, SegmentationPlates.White);
        using var white = SegmentationPlates.Draw(SegmentationPlates.White, SegmentationPlates.Black);

        Assert.IsFalse(PlateColours.HasBrightCharacters(ColourClassifier.ResolveColor(yellow, PlateColor.Unknown, PlateColours.Standard)));
        Assert.IsTrue(PlateColours.HasBrightCharacters(ColourClassifier.ResolveColor(blue, PlateColor.Unknown, PlateColours.Standard)));
        Assert.IsFalse(PlateColours.HasBrightCharacters(ColourClassifier.ResolveColor(white, PlateColor.Unknown, PlateColours.Standard)));
    }

    [TestMethod]
    public void EstimateTilt_ShearedStrokes_RecoversTheTilt()
    {
        using var plate = SegmentationPlates.Draw(SegmentationPlates.Blue, SegmentationPlates.White);
        using var small = new Mat();
        Cv2.Resize(plate, small, new Size(136, 36), 0, 0, InterpolationFlags.Area);
        using var binary = _segmenter.Binariser.Binarise(small, PlateColor.Blue);
        // Untilt by -0.1 puts a tilt of +0.1 in: the text then descends to the right.
        using var tilted = RowStraightener.Untilt(binary, -0.1);

        Assert.AreEqual(0.1, RowStraightener.EstimateTilt(tilted, Options.Straighten), 0.021);
    }

    /// <summary>
    /// A plate turned 6° and resized to a crop's 94×24, or squeezed to 136×72: the tilt comes back in that image's own
    /// pixels, flattened or steepened by the resize, so that a caller can turn the image by it.
    /// </summary>
    [TestMethod]
    [DataRow(94, 24)]
    [DataRow(136, 72)]
    public void EstimateTilt_TurnedPlateInAnImageOfAnyAspect_ReturnsTheTiltInItsPixels(int width, int height)
    {
        using var plate = SegmentationPlates.Draw(SegmentationPlates.Blue, SegmentationPlates.White);
        using var rotation = Cv2.GetRotationMatrix2D(new Point2f(220, 70), 6, 1);
        using var turned = new Mat();
        Cv2.WarpAffine(plate, turned, rotation, plate.Size(), InterpolationFlags.Linear, BorderTypes.Replicate);
        using var resized = new Mat();
        Cv2.Resize(turned, resized, new Size(width, height), 0, 0, InterpolationFlags.Area);
        // Counter-clockwise: the text rises to the right, a negative tilt.
        double expected = -Math.Tan(6 * Math.PI / 180) * (height / 140.0) / (width / 440.0);

        double tilt = _segmenter.EstimateTilt(resized, PlateColor.Blue);

        Assert.AreEqual(expected, tilt, 0.02);
    }

    /// <summary>
    /// The segmenter keeps the thresholding, band and frame removal it has already made when the tilt or the slant is 0
    /// rather than warping and thresholding again: that is exact only because a zero shear warps a plate into a copy
    /// of itself, pixel for pixel, which this checks on a plate with noise in every channel.
    /// </summary>
    [TestMethod]
    public void UntiltAndUnslant_ZeroShear_GiveTheImageItselfPixelForPixel()
    {
        using var plate = SegmentationPlates.Draw(SegmentationPlates.Blue, SegmentationPlates.White);
        using var small = new Mat();
        Cv2.Resize(plate, small, new Size(136, 36), 0, 0, InterpolationFlags.Cubic);
        using var noise = new Mat(small.Size(), MatType.CV_8UC3);
        Cv2.Randu(noise, Scalar.All(0), Scalar.All(40));
        Cv2.Add(small, noise, small);

        using var untilted = RowStraightener.Untilt(small, 0);
        using var unslanted = RowStraightener.Unslant(small, 0, 17.5);

        CollectionAssert.AreEqual(Bytes(small), Bytes(untilted));
        CollectionAssert.AreEqual(Bytes(small), Bytes(unslanted));

        static byte[] Bytes(Mat image)
        {
            image.GetArray(out Vec3b[] pixels);
            return pixels.SelectMany(p => new[] { p.Item0, p.Item1, p.Item2 }).ToArray();
        }
    }

    [TestMethod]
    public void EstimateSlant_ItalicStrokes_RecoversTheSlant()
    {
        using var image = new Mat(36, 136, MatType.CV_8UC1, Scalar.All(0));
        for (int k = 0; k < 7; k++)
            Cv2.Line(image, new Point(10 + 17 * k, 30), new Point(17 + 17 * k, 5), Scalar.All(255), 2);

        double slant = RowStraightener.EstimateSlant(image, new CharacterBand(5, 30), Options.Straighten);

        Assert.AreEqual(7 / 25.0, slant, 0.03);
    }

    [TestMethod]
    public void FindCharacterBand_FramedPlate_ExcludesFrameAndBolts()
    {
        using var plate = SegmentationPlates.Draw(SegmentationPlates.Blue, SegmentationPlates.White);
        using var binary = _segmenter.Binariser.Binarise(plate, PlateColor.Blue);

        var band = BandFinder.Find(binary, Options.Band);

        Assert.IsNotNull(band);
        Assert.AreEqual(SegmentationPlates.CharacterTop, band.Value.Top, 4);
        Assert.AreEqual(SegmentationPlates.CharacterTop + 89, band.Value.Bottom, 4);
    }

    [TestMethod]
    public void FindCharacterBand_EmptyImage_ReturnsNull()
    {
        using var empty = new Mat(36, 136, MatType.CV_8UC1, Scalar.All(0));

        Assert.IsNull(BandFinder.Find(empty, Options.Band));
    }

    [TestMethod]
    public void FitLayout_SevenBlocksInStandardLayout_PlacesABoxOnEachBlock()
    {
        using var image = new Mat(36, 136, MatType.CV_8UC1, Scalar.All(0));
        double scale = 0.3;
        for (int i = 0; i < 7; i++)
            Cv2.Rectangle(image, new Rect((int)(5 + PlateLayout.StandardSingleRow.Offsets[i] * scale), 4, 13, 27), Scalar.All(255), -1);

        var boxes = _segmenter.FitLayout(image, new CharacterBand(4, 30));

        Assert.IsNotNull(boxes);
        for (int i = 0; i < 7; i++)
            Assert.AreEqual(5 + PlateLayout.StandardSingleRow.Offsets[i] * scale + 6.5, boxes[i].X + boxes[i].Width / 2.0, 2.0, $"box {i}");
    }

    [TestMethod]
    public void RefineBoxes_NarrowBar_WidensToCharacterWidthAboutTheBar()
    {
        using var image = new Mat(36, 136, MatType.CV_8UC1, Scalar.All(0));
        Cv2.Rectangle(image, new Rect(60, 5, 3, 26), Scalar.All(255), -1);
        var fitted = Enumerable.Range(0, 7).Select(i => new Rect(10 + 17 * i, 5, 13, 26)).ToArray();
        fitted[3] = new Rect(55, 5, 13, 26);

        var refined = BoxRefiner.Refine(image, fitted, Options.Layout, Options.Boxes);

        Assert.AreEqual(13, refined[3].Width, 1);
        Assert.AreEqual(61.5, refined[3].X + refined[3].Width / 2.0, 1.0);
    }

    [TestMethod]
    public void FindPlateRegion_BluePlateInGreyBorder_ReturnsAboutThePlate()
    {
        using var plate = SegmentationPlates.Draw(SegmentationPlates.Blue, SegmentationPlates.White);
        using var loose = new Mat(200, 540, MatType.CV_8UC3, Scalar.All(90));
        using (var inner = new Mat(loose, new Rect(50, 30, 440, 140))) plate.CopyTo(inner);

        var region = PlateRegion.Find(loose, PlateColor.Blue, Options.Colours, Options.Binarise);

        Assert.AreEqual(50, region.X, 15);
        Assert.AreEqual(30, region.Y, 12);
        Assert.AreEqual(490, region.Right, 15);
        Assert.AreEqual(170, region.Bottom, 12);
    }

    [TestMethod]
    public void ChineseCharacterViews_AStricterCutOfTheSameBoxAndAnEvenlyWidenedBox()
    {
        var first = new Rect(10, 5, 40, 60);

        var views = CharacterSegmenter.ChineseCharacterViews(first, Options.Characters).ToArray();

        Assert.HasCount(2, views);
        Assert.AreEqual(first, views[0].Box);
        Assert.IsLessThan(Options.Characters.MaxChineseInkShare, views[0].MaxInkShare);
        var wide = views[1].Box;
        Assert.IsGreaterThan(first.Width, wide.Width);
        Assert.AreEqual(first.Left - wide.Left, wide.Right - first.Right, "widened evenly on both sides");
        Assert.AreEqual(first.Top, wide.Top);
        Assert.AreEqual(first.Height, wide.Height);
    }

    [TestMethod]
    public void LastCharacterBoxes_WidenTheBoxOnlyOutwards()
    {
        var last = new Rect(100, 10, 20, 40);

        var boxes = CharacterSegmenter.LastCharacterBoxes(last, Options.Characters).ToArray();

        Assert.IsNotEmpty(boxes);
        foreach (var box in boxes)
        {
            Assert.IsLessThanOrEqualTo(last.Left, box.Left);
            Assert.IsGreaterThanOrEqualTo(last.Right, box.Right);
            Assert.IsGreaterThan(last.Width, box.Width);
            Assert.AreEqual(last.Top, box.Top);
            Assert.AreEqual(last.Height, box.Height);
        }
    }

    [TestMethod]
    public void Segment_FrameSideStoppingInsideTheBandAndTouchingTheLastCharacter_IsLeftOutOfItsBox()
    {
        var (withRule, side) = SegmentWithInnerFrameSide(Options);
        var (withoutRule, _) = SegmentWithInnerFrameSide(Options with { Frame = Options.Frame with { SideFill = 2 } });

        Assert.IsNotNull(withRule);
        Assert.IsNotNull(withoutRule);
        Assert.IsGreaterThan(side.X, withoutRule.Boxes[6].Right, $"without the rule the last box takes the side in: {withoutRule.Boxes[6]}");
        Assert.IsLessThanOrEqualTo(side.X, withRule.Boxes[6].Right, $"the last box ends before the side: {withRule.Boxes[6]}");
        var expected = SegmentationPlates.ExpectedBox(6);
        Assert.AreEqual(expected.X + expected.Width / 2.0, withRule.Boxes[6].X + withRule.Boxes[6].Width / 2.0, 6, "the box stays on the 0");
    }

    /// <summary>
    /// A plate ending in 0 with a second, inner frame side beside it that stops inside the character rows (as a rounded
    /// corner or a blurred side does) and touches the 0 at its foot; the side's rectangle in plate pixels.
    /// </summary>
    private static (SegmentedPlate? Plate, Rect Side) SegmentWithInnerFrameSide(SegmenterOptions options)
    {
        using var plate = SegmentationPlates.Draw(SegmentationPlates.Blue, SegmentationPlates.White, "A12340");
        var last = SegmentationPlates.ExpectedBox(6);
        var side = new Rect(last.Right + 6, SegmentationPlates.CharacterTop + 4, 3, 84);
        Cv2.Rectangle(plate, side, SegmentationPlates.White, -1);
        Cv2.Rectangle(plate, new Rect(last.Right - 10, SegmentationPlates.CharacterTop + 82, side.X - last.Right + 10, 5), SegmentationPlates.White, -1);
        return (new CharacterSegmenter(options).Segment(plate, PlateColor.Blue), side);
    }

    [TestMethod]
    public void LastCharacterReach_CarriesTheRefinedBoxToTheFittedBoxsRightEdgeOnly()
    {
        var refined = new Rect(100, 10, 18, 40);

        Assert.AreEqual(new Rect(100, 10, 28, 40), CharacterSegmenter.LastCharacterReach(refined, new Rect(102, 12, 26, 38)));
        Assert.IsNull(CharacterSegmenter.LastCharacterReach(refined, new Rect(95, 10, 23, 40)), "the fitted box ends no further right");
    }

    [TestMethod]
    public void FindPlateRegion_WhitePlate_ReturnsWholeImage()
    {
        using var plate = SegmentationPlates.Draw(SegmentationPlates.White, SegmentationPlates.Black);

        Assert.AreEqual(new Rect(0, 0, 440, 140), PlateRegion.Find(plate, PlateColor.White, Options.Colours, Options.Binarise));
    }

    [TestMethod]
    public void Segment_LooseBoxAroundSyntheticPlate_PlacesBoxesOnTheCharacters()
    {
        using var plate = SegmentationPlates.Draw(SegmentationPlates.Blue, SegmentationPlates.White);
        using var loose = new Mat(200, 540, MatType.CV_8UC3, Scalar.All(60));
        using (var inner = new Mat(loose, new Rect(50, 30, 440, 140))) plate.CopyTo(inner);

        var result = _segmenter.Segment(loose, PlateColor.Blue);

        Assert.IsNotNull(result);
        for (int i = 0; i < 7; i++)
        {
            var expected = SegmentationPlates.ExpectedBox(i);
            Assert.AreEqual(50 + expected.X + expected.Width / 2.0, result.Boxes[i].X + result.Boxes[i].Width / 2.0, 14, $"character {i}");
        }
    }

    [TestMethod]
    public void AspectCorrection_LayoutTwiceTooWide_HalvesTheWidth()
    {
        var band = new CharacterBand(0, 89);
        // Standard pitch is 57 px at one pixel per millimetre; a crop stretched twice sideways has 114.
        var standard = Enumerable.Range(0, 7).Select(i => new Rect((int)PlateLayout.StandardSingleRow.Offsets[i], 0, 45, 90)).ToArray();
        var stretched = standard.Select(r => new Rect(r.X * 2, 0, 90, 90)).ToArray();

        double atStandard = _segmenter.AspectCorrection(standard, band);
        double atStretched = _segmenter.AspectCorrection(stretched, band);

        Assert.AreEqual(0.5, atStretched / atStandard, 0.01);
    }

    private static void AssertCharactersWhite(Mat binary)
    {
        Assert.AreEqual(MatType.CV_8UC1, binary.Type());
        // Middle of the first Latin character's vertical bar area versus the empty gap before the separator dot.
        var a = SegmentationPlates.ExpectedBox(1);
        int inkInA = Cv2.CountNonZero(new Mat(binary, a));
        int inkInGap = Cv2.CountNonZero(new Mat(binary, new Rect(a.Right + 3, a.Y + 5, 8, 30)));
        Assert.IsGreaterThan(a.Width * a.Height / 5, inkInA);
        Assert.AreEqual(0, inkInGap);
    }
}
