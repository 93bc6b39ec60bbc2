using OpenCvSharp;

namespace Plates.Consume.Imaging;

/// <summary>The size plates are cut to between the stages.</summary>
public static class PlateImage
{
    /// <summary>
    /// EasyPR's plate size, 136×36: big enough for a plate's seven characters to separate, small enough for the locator
    /// to judge hundreds of proposals at it. The locator judges its proposals at this size and the deskewer cuts its
    /// plates to it, so both see plates alike.
    /// </summary>
    public static Size StandardSize { get; } = new(136, 36);
}
