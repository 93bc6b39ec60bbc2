using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using OpenCvSharp;

namespace Plates.Cli.Evaluation;

/// <summary>One hand-tagged plate: a rotated box in photo pixels (EasyPR convention: x and y are its centre) and its text.</summary>
public sealed record TaggedPlate(RotatedRect Box, string Text);

/// <summary>
/// EasyPR's GroundTruth.xml beside a scenes folder: for each photo (file name without extension) the plates tagged in
/// it, <c>&lt;taggedRectangle x y width height rotation&gt;蓝牌:京A88731&lt;/taggedRectangle&gt;</c>.
/// </summary>
public sealed class SceneGroundTruth
{
    public const string FileName = "GroundTruth.xml";

    private readonly Dictionary<string, IReadOnlyList<TaggedPlate>> _photos;

    private SceneGroundTruth(string path, Dictionary<string, IReadOnlyList<TaggedPlate>> photos)
    {
        Path = path;
        _photos = photos;
    }

    /// <summary>The file it was read from (full path).</summary>
    public string Path { get; }

    /// <summary>Photo names (file name without extension) with at least one tagged plate.</summary>
    public IReadOnlyCollection<string> Photos => _photos.Keys;

    /// <summary>The folder's GroundTruth.xml, or null when the folder has none.</summary>
    /// <exception cref="InvalidDataException">The file is there but malformed; the message names it.</exception>
    public static SceneGroundTruth? LoadIfPresent(string folder)
    {
        string path = System.IO.Path.Combine(folder, FileName);
        return File.Exists(path) ? Load(path) : null;
    }

    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not well-formed XML, or a tagged rectangle lacks a number it needs; the message names the file and line.</exception>
    public static SceneGroundTruth Load(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"Ground truth file not found: {full}", full);
        XDocument document;
        try
        {
            document = XDocument.Load(full, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw new InvalidDataException($"{full} is not well-formed XML (line {e.LineNumber}, position {e.LinePosition}): {e.Message}", e);
        }

        var photos = new Dictionary<string, IReadOnlyList<TaggedPlate>>(StringComparer.Ordinal);
        foreach (var image in document.Descendants("image"))
        {
            string? name = image.Element("imageName")?.Value.Trim();
            if (string.IsNullOrEmpty(name))
                throw new InvalidDataException($"{full}, line {Line(image)}: an <image> has no <imageName>.");
            var plates = image.Descendants("taggedRectangle").Select(r => ReadRectangle(full, name, r)).ToList();
            // An image listed twice keeps every box from both entries: dropping either would lose a tagged plate and
            // turn its detections into false ones.
            if (photos.TryGetValue(name, out var earlier)) plates.InsertRange(0, earlier);
            if (plates.Count > 0) photos[name] = plates;
        }
        return new SceneGroundTruth(full, photos);
    }

    /// <summary>The plates tagged in a photo, looked up by its file name without extension; false when it is not tagged.</summary>
    public bool TryGetPlates(string photoFile, out IReadOnlyList<TaggedPlate> plates)
    {
        if (_photos.TryGetValue(System.IO.Path.GetFileNameWithoutExtension(photoFile), out var found))
        {
            plates = found;
            return true;
        }
        plates = [];
        return false;
    }

    /// <summary>
    /// Which of a photo's tagged plates is the one its file is named for: the one whose tagged text is closest to the
    /// name (first on a tie). Closest rather than equal because a tag can disagree with the name by a character
    /// (粤OA9112.jpg is tagged 粤0A9112), and the photo still has one plate it is named for.
    /// </summary>
    public static TaggedPlate NamedPlate(IReadOnlyList<TaggedPlate> tagged, string truth)
    {
        if (tagged.Count == 0) throw new ArgumentException("No tagged plates.", nameof(tagged));
        return tagged.MinBy(t => PlateText.Errors(truth, t.Text))!;
    }

    private static TaggedPlate ReadRectangle(string file, string image, XElement rectangle)
    {
        float Number(string attribute)
        {
            string? text = rectangle.Attribute(attribute)?.Value;
            if (text is null)
                throw new InvalidDataException($"{file}, line {Line(rectangle)}: a taggedRectangle of {image} has no '{attribute}'.");
            if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
                throw new InvalidDataException($"{file}, line {Line(rectangle)}: a taggedRectangle of {image} has {attribute}=\"{text}\", not a number.");
            return value;
        }

        float width = Number("width"), height = Number("height");
        if (width <= 0 || height <= 0)
            throw new InvalidDataException($"{file}, line {Line(rectangle)}: a taggedRectangle of {image} is {width}×{height}, not a box.");
        // The rotation is optional: EasyPR writes it, but an upright tag without it is still a box.
        float rotation = rectangle.Attribute("rotation") is null ? 0 : Number("rotation");
        var box = new RotatedRect(new Point2f(Number("x"), Number("y")), new Size2f(width, height), rotation);
        return new TaggedPlate(box, PlateTextOfLabel(rectangle.Value));
    }

    /// <summary>"蓝牌:京A88731" → "京A88731": the colour before the colon is not part of the plate.</summary>
    private static string PlateTextOfLabel(string label)
    {
        int colon = label.LastIndexOfAny([':', '：']);
        return (colon >= 0 ? label[(colon + 1)..] : label).Trim();
    }

    private static int Line(XObject node) => node is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;
}
