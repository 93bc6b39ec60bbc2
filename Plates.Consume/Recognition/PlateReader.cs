using Plates.Consume.Segmentation;
using Plates.Model.Labels;

namespace Plates.Consume.Recognition;

/// <summary>
/// Reads a cut plate with the three models: province for the first character, city letter for the second, the
/// five-character model for the rest.
/// </summary>
public sealed class PlateReader : IDisposable
{
    public const string ProvinceModelFile = "province.zip";
    public const string CityModelFile = "city.zip";
    public const string AlnumModelFile = "alnum.zip";

    private readonly CharacterClassifier _province;
    private readonly CharacterClassifier _city;
    private readonly CharacterClassifier _alnum;

    /// <exception cref="FileNotFoundException">A model file is missing; the message names it.</exception>
    /// <exception cref="InvalidDataException">A model file cannot be loaded; the message names it.</exception>
    public PlateReader(string modelsFolder)
    {
        if (!Directory.Exists(modelsFolder))
            throw new DirectoryNotFoundException($"Models folder not found: {modelsFolder}");
        var loaded = new List<CharacterClassifier>();
        try
        {
            _province = Load(Path.Combine(modelsFolder, ProvinceModelFile), LabelSets.Province, loaded);
            _city = Load(Path.Combine(modelsFolder, CityModelFile), LabelSets.City, loaded);
            _alnum = Load(Path.Combine(modelsFolder, AlnumModelFile), LabelSets.Alnum, loaded);
        }
        catch
        {
            foreach (var classifier in loaded) classifier.Dispose();
            throw;
        }
    }

    private static CharacterClassifier Load(string path, LabelSet expected, List<CharacterClassifier> loaded)
    {
        var classifier = new CharacterClassifier(path);
        loaded.Add(classifier);
        // A city model copied over province.zip loads fine and reads nonsense: its classes give it away.
        var foreign = classifier.Labels.Where(l => !expected.Contains(l)).ToArray();
        if (foreign.Length > 0)
            throw new InvalidDataException($"{path} is not a {expected.Name} model: it has classes {string.Join(" ", foreign.Take(5))} outside the {expected.Name} labels.");
        return classifier;
    }

    /// <summary>Reads seven characters; the plate's text is their labels joined.</summary>
    public IReadOnlyList<CharacterPrediction> Read(SegmentedPlate plate)
    {
        var predictions = new CharacterPrediction[plate.Count];
        for (int i = 0; i < plate.Count; i++)
        {
            var classifier = i switch { 0 => _province, 1 => _city, _ => _alnum };
            // The Chinese character is the hardest to cut and to read; averaging over one-pixel shifts of it gained
            // 1.6 points of first-character accuracy on the scenes (README), at four more predictions per plate, and
            // averaging over the segmenter's other cuts of it two more (SegmentedPlate.ChineseCharacterViews).
            predictions[i] = i == 0
                ? classifier.ClassifyShifted([plate.Characters[0], .. plate.ChineseCharacterViews])
                : classifier.Classify(plate.Characters[i]);
        }
        // The last character's alternative cuts each give a reading; the surest is the likeliest right cut.
        foreach (var alternative in plate.LastCharacterAlternatives)
        {
            var reading = _alnum.Classify(alternative);
            if (reading.Confidence > predictions[^1].Confidence) predictions[^1] = reading;
        }
        return predictions;
    }

    public void Dispose()
    {
        _province.Dispose();
        _city.Dispose();
        _alnum.Dispose();
    }
}
