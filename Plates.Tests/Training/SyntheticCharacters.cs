using OpenCvSharp;

namespace Plates.Tests.Training;

/// <summary>Writes small per-class folders of 20×20 white-on-black glyphs drawn with OpenCV, jittered so no two are alike.</summary>
public static class SyntheticCharacters
{
    public static void Write(string root, IEnumerable<string> labels, int perClass, int seed = 7)
    {
        var random = new Random(seed);
        foreach (string label in labels)
        {
            string folder = Path.Combine(root, label);
            Directory.CreateDirectory(folder);
            for (int i = 0; i < perClass; i++)
            {
                using var image = Draw(label, random);
                Cv2.ImWrite(Path.Combine(folder, $"{label}-{i:D3}.png"), image);
            }
        }
    }

    public static Mat Draw(string label, Random random)
    {
        var image = new Mat(20, 20, MatType.CV_8UC1, Scalar.All(0));
        var origin = new Point(4 + random.Next(-1, 2), 17 + random.Next(-1, 2));
        Cv2.PutText(image, label, origin, HersheyFonts.HersheySimplex, 0.6, Scalar.All(255), 2);
        return image;
    }
}
