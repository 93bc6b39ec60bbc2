using Plates.Consume.Layout;
using Plates.Consume.Segmentation;
using Plates.Model.Labels;

namespace Plates.Consume.Recognition;

/// <summary>
/// Reads a cut plate with the character models: province for the first character, city letter for the second, the
/// five-character model for the rest, and (when the models folder has it) the special model where a plate kind puts
/// 使 领 警 学 挂 港 or 澳.
/// </summary>
public sealed class PlateReader : IDisposable
{
    public const string ProvinceModelFile = "province.zip";
    public const string CityModelFile = "city.zip";
    public const string AlnumModelFile = "alnum.zip";

    /// <summary>The special plates' model; optional: without it the formats that need it are not read.</summary>
    public const string SpecialModelFile = "special.zip";

    private readonly CharacterClassifier _province;
    private readonly CharacterClassifier _city;
    private readonly CharacterClassifier _alnum;
    private readonly CharacterClassifier? _special;

    /// <summary>Score slot of the five-character model's class for Chinese characters (<see cref="LabelSets.ChineseCharacterClass"/>), or −1 when it has none.</summary>
    private readonly int _alnumChineseClass;

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
            _alnumChineseClass = _alnum.Labels.ToList().IndexOf(LabelSets.ChineseCharacterClass);
            string special = Path.Combine(modelsFolder, SpecialModelFile);
            if (File.Exists(special)) _special = Load(special, LabelSets.Special, loaded);
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

    /// <summary>The classes each model answers: the province model's (the Chinese characters), the city model's, the five-character model's, the special model's (none without special.zip).</summary>
    public IReadOnlyList<string> Labels(CharacterModelSlot slot) => Classifier(slot)?.Labels ?? [];

    /// <summary>Reads a plate cut on the standard layout as a standard plate; the plate's text is the labels joined.</summary>
    public IReadOnlyList<CharacterPrediction> Read(SegmentedPlate plate) =>
        Read(plate, [PlateFormats.Standard])[0].Characters ?? throw new InvalidOperationException("The models cannot read a standard plate.");

    /// <summary>
    /// Reads one cut plate as each of <paramref name="formats"/> (all of the plate's layout and length): each position
    /// by the model its class names, limited to the classes it allows. A character is read once per model however
    /// many formats ask for it. A format that asks for a class none of the models has (a special plate's character
    /// without special.zip, or one it was not trained on) gives null characters.
    /// </summary>
    /// <exception cref="ArgumentException">A format has another number of characters than the plate.</exception>
    public IReadOnlyList<(PlateFormat Format, IReadOnlyList<CharacterPrediction>? Characters)> Read(SegmentedPlate plate, IReadOnlyList<PlateFormat> formats)
    {
        ArgumentNullException.ThrowIfNull(plate);
        ArgumentNullException.ThrowIfNull(formats);
        var scores = new Dictionary<(int Position, CharacterModelSlot Slot, int Cut), float[]>();
        float[] ScoresOf(int position, CharacterModelSlot slot, int cut = 0)
        {
            if (scores.TryGetValue((position, slot, cut), out var known)) return known;
            var classifier = Classifier(slot)!;
            // The Chinese characters are the hardest to cut and to read; averaging over one-pixel shifts of the first
            // gained 1.6 points of first-character accuracy on the scenes (README), at four more predictions per
            // plate, and averaging over the segmenter's other cuts of it two more (SegmentedPlate.ChineseCuts).
            float[] computed = slot is CharacterModelSlot.Chinese or CharacterModelSlot.Special
                ? classifier.ScoresShifted(plate.ChineseCuts.TryGetValue(position, out var cuts) ? cuts : [plate.Characters[position]])
                : classifier.Scores(cut == 0 ? plate.Characters[position]
                    : cut <= plate.LastCharacterAlternatives.Count ? plate.LastCharacterAlternatives[cut - 1]
                    : plate.LastCharacterReach ?? throw new InvalidOperationException($"The plate has no cut {cut} of its last character."));
            scores[(position, slot, cut)] = computed;
            return computed;
        }

        var readings = new List<(PlateFormat, IReadOnlyList<CharacterPrediction>?)>(formats.Count);
        foreach (var format in formats)
        {
            if (format.Count != plate.Count)
                throw new ArgumentException($"The {format.Name} format has {format.Count} characters; the plate was cut into {plate.Count}.", nameof(formats));
            var predictions = new CharacterPrediction[plate.Count];
            bool readable = true;
            for (int i = 0; i < plate.Count && readable; i++)
            {
                var character = format.Characters[i];
                if (Classifier(character.Model) is not { } classifier) { readable = false; break; }
                var best = classifier.Best(ScoresOf(i, character.Model), Allowed(character));
                if (best is null) readable = false;
                else if (!character.IsChinese) predictions[i] = i == plate.Count - 1 ? LastBest(i, character, classifier, best.Value) : best.Value;
                else predictions[i] = i > 0 || character.Model == CharacterModelSlot.Special ? Gated(i, best.Value) : best.Value;
            }
            if (readable && format.MaxSerialLetters is int maxLetters) LimitLetters(format, predictions, maxLetters);
            readings.Add((format, readable ? predictions : null));
        }
        return readings;

        // Too many letters for the format's serial: the letter whose best digit comes nearest to it is read as that
        // digit, until few enough are left. The digit keeps the probability the model gave it, so the reading is unsure.
        void LimitLetters(PlateFormat format, CharacterPrediction[] predictions, int maxLetters)
        {
            var letters = Enumerable.Range(0, predictions.Length)
                .Where(i => format.Characters[i] is { IsChinese: false, Model: CharacterModelSlot.Alnum } && IsLetter(predictions[i].Label))
                .ToList();
            while (letters.Count > maxLetters)
            {
                var (position, digit) = letters
                    .Select(i => (Position: i, Digit: BestDigit(i, format.Characters[i])))
                    .Where(c => c.Digit is not null)
                    .Select(c => (c.Position, Digit: c.Digit!.Value))
                    .OrderByDescending(c => c.Digit.Confidence / Math.Max(predictions[c.Position].Confidence, 1e-9f))
                    .FirstOrDefault((-1, default));
                if (position < 0) return;
                predictions[position] = digit;
                letters.Remove(position);
            }
        }

        // The position's most probable digit, over its alternative cuts too where it is the last (as LastBest reads it).
        CharacterPrediction? BestDigit(int position, CharacterClass character)
        {
            bool DigitAllowed(string label) => label.Length == 1 && char.IsAsciiDigit(label[0]) && character.Allows(label);
            CharacterPrediction? surest = null;
            int cuts = position == plate.Count - 1 ? plate.LastCharacterAlternatives.Count : 0;
            for (int cut = 0; cut <= cuts; cut++)
                if (_alnum.Best(ScoresOf(position, CharacterModelSlot.Alnum, cut), DigitAllowed) is { } digit
                    && (surest is null || digit.Confidence > surest.Value.Confidence))
                    surest = digit;
            return surest;
        }

        // The last letter or digit's alternative cuts each give a reading; the surest is the likeliest right cut. The
        // cut reaching to the layout's end (SegmentedPlate.LastCharacterReach) counts only where it reads another
        // character than the tight cut: it is there for a right part the threshold lost, and where it reads the same it
        // found none, while a surer same reading would only tip the choice between a crop's cuts.
        CharacterPrediction LastBest(int position, CharacterClass character, CharacterClassifier classifier, CharacterPrediction first)
        {
            var surest = first;
            for (int cut = 1; cut <= plate.LastCharacterAlternatives.Count; cut++)
                if (classifier.Best(ScoresOf(position, character.Model, cut), Allowed(character)) is { } other
                    && other.Confidence > surest.Confidence)
                    surest = other;
            if (plate.LastCharacterReach is not null
                && classifier.Best(ScoresOf(position, character.Model, plate.LastCharacterAlternatives.Count + 1), Allowed(character)) is { } reached
                && reached.Label != first.Label && reached.Confidence > surest.Confidence)
                surest = reached;
            return surest;
        }

        // A Chinese character after the first stands where other formats have a letter or digit. The Chinese model,
        // which knows only Chinese characters, cannot say whether one is there at all; the five-character model can,
        // when it has the class for Chinese characters: its probability of that class times the Chinese model's of the
        // character is the character's probability, comparable with a letter's or digit's there. So is the embassy's
        // 使, first: the special model has seen no digit, and a caption's "2015/03/07" cut on the embassy layout read
        // 使175307 as a plate (scene probes blur15, then turn12); gated, its 2 is no Chinese character. Measured over the
        // twelve scene probes with the kinds-trained special model: false detections 142 → 139 (141 before that
        // model), every other count the same; the embassy photo reads as before on every kinds probe.
        CharacterPrediction Gated(int position, CharacterPrediction chinese)
        {
            if (_alnumChineseClass < 0) return chinese;
            float gate = ScoresOf(position, CharacterModelSlot.Alnum)[_alnumChineseClass];
            return chinese with { Confidence = gate * chinese.Confidence, RunnersUp = chinese.RunnersUp.Select(r => r with { Confidence = gate * r.Confidence }).ToArray() };
        }
    }

    private static bool IsLetter(string label) => label.Length == 1 && char.IsAsciiLetter(label[0]);

    /// <summary>What the reader lets a position's model answer there: the class's allowed labels, and never the five-character model's class for Chinese characters, which is not a reading.</summary>
    private static Func<string, bool>? Allowed(CharacterClass character) =>
        character.Model != CharacterModelSlot.Alnum
            ? character.Allowed is null ? null : character.Allows
            : label => label != LabelSets.ChineseCharacterClass && character.Allows(label);

    private CharacterClassifier? Classifier(CharacterModelSlot slot) => slot switch
    {
        CharacterModelSlot.Chinese => _province,
        CharacterModelSlot.Letter => _city,
        CharacterModelSlot.Special => _special,
        _ => _alnum,
    };

    public void Dispose()
    {
        _province.Dispose();
        _city.Dispose();
        _alnum.Dispose();
        _special?.Dispose();
    }
}
