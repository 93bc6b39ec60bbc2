using OpenCvSharp;
using Plates.Consume.Characters;
using Plates.Consume.Imaging;
using Plates.Consume.Layout;

namespace Plates.Consume.Deskew;

/// <summary>Settings of <see cref="PlateDeskewer"/>. The defaults are the ones the README's figures were measured with.</summary>
public sealed record DeskewOptions
{
    /// <summary>Size of every extracted plate.</summary>
    public Size OutputSize { get; init; } = PlateImage.StandardSize;

    /// <summary>
    /// Margin added around the box before looking for the characters, as factors of its width and height: boxes from
    /// colour can clip the frame and boxes from edges can sit a little off the characters.
    /// </summary>
    public double WidthPadding { get; init; } = 1.15;

    /// <inheritdoc cref="WidthPadding"/>
    public double HeightPadding { get; init; } = 1.4;

    /// <summary>
    /// Width of the working patch the shear and borders are measured on: a little over the output width, so the
    /// borders are found to about an output pixel, at a fraction of the cost of working at photo resolution.
    /// </summary>
    public int WorkWidth { get; init; } = 180;

    /// <summary>Lowest working patch, in pixels, whatever the box's aspect: below it no character separates.</summary>
    public int MinWorkHeight { get; init; } = 24;

    /// <summary>The stroke masks the characters are found in.</summary>
    public CharacterMaskOptions Characters { get; init; } = new();

    /// <summary>
    /// The characters the borders are placed on: as the locator's, but as short as a fifth of the working patch height,
    /// which the padding makes taller than the plate.
    /// </summary>
    public CharacterBoxOptions BorderCharacters { get; init; } = new() { MinHeight = 0.2 };

    /// <summary>The shear search that stands the characters upright.</summary>
    public StrokeShearOptions Shear { get; init; } = new();

    /// <summary>The plate's geometry, whose ends the found characters are laid onto.</summary>
    public PlateLayout Layout { get; init; } = PlateLayout.StandardSingleRow;

    /// <summary>How the layout is laid onto the found characters.</summary>
    public CentreFitOptions LayoutFit { get; init; } = new();

    /// <summary>Fewest characters the borders are placed on: fewer are too few to trust.</summary>
    public int MinCharacters { get; init; } = 3;

    /// <summary>
    /// Margins above and below the character row and beside its ends, in character heights, so that characters fill
    /// about three quarters of the height like in the training crops.
    /// </summary>
    public double VerticalMargin { get; init; } = 0.16;

    /// <inheritdoc cref="VerticalMargin"/>
    public double HorizontalMargin { get; init; } = 0.15;

    /// <summary>
    /// A row shorter than this many character heights has lost characters, and is widened to the located box: seven
    /// characters with their gaps and the dot span about 4.5 (409 of 440 mm for 90 mm tall characters).
    /// </summary>
    public double FullRowHeights { get; init; } = 4.5;

    /// <summary>
    /// Borders found from characters replace the located box only if their height lies within these factors of the
    /// box's, their width is at least <see cref="MinWidthShare"/> of its (<see cref="MinWidthShareOnLayout"/> when the
    /// characters sat on the layout) and their aspect within <see cref="MinAspect"/>..<see cref="MaxAspect"/>.
    /// </summary>
    public double MinHeightShare { get; init; } = 0.4;

    /// <inheritdoc cref="MinHeightShare"/>
    public double MaxHeightShare { get; init; } = 1.3;

    /// <inheritdoc cref="MinHeightShare"/>
    public double MinWidthShare { get; init; } = 0.5;

    /// <inheritdoc cref="MinHeightShare"/>
    public double MinWidthShareOnLayout { get; init; } = 0.3;

    /// <inheritdoc cref="MinHeightShare"/>
    public double MinAspect { get; init; } = 2;

    /// <inheritdoc cref="MinHeightShare"/>
    public double MaxAspect { get; init; } = 6;

    /// <summary>How a yellow plate's two rows are found.</summary>
    public TwoRowOptions TwoRows { get; init; } = new();
}
