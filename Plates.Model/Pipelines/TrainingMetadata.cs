using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plates.Model.Pipelines;

/// <summary>
/// What trained a character model, stored inside its .zip as <see cref="EntryName"/> beside ML.NET's own entries
/// (ML.NET reads only the entries it wrote, so the model loads as before). An evaluation reads it to score the same
/// held-out split the model was tested on, and to tell when the data is no longer what trained the model.
/// </summary>
public sealed record TrainingMetadata
{
    /// <summary>The zip entry that holds the metadata as JSON.</summary>
    public const string EntryName = "PlatesMetadata/training.json";

    /// <summary>Version of this record's JSON layout; a reader refuses a layout newer than it knows.</summary>
    public const int CurrentFormat = 1;

    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        // Labels such as 京 stay readable instead of becoming \u4EAC.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public int Format { get; init; } = CurrentFormat;

    /// <summary>The label set the model was trained for (province, city, alnum).</summary>
    public required string LabelSet { get; init; }

    /// <summary>Every class of that label set, including any the data had no images of (the model cannot predict those).</summary>
    public required IReadOnlyList<string> Classes { get; init; }

    /// <summary>Seed of the split, the augmentation and the trainer.</summary>
    public required int Seed { get; init; }

    /// <summary>Fraction of each class held out for testing.</summary>
    public required double TestFraction { get; init; }

    /// <summary>The feature set (<see cref="Plates.Model.Features.CharacterFeatureSet"/> name).</summary>
    public required string Features { get; init; }

    /// <summary>The multiclass trainer (a <c>CharacterTrainer</c> name: Lbfgs, Sdca, LightGbm).</summary>
    public required string Trainer { get; init; }

    public required float L2Regularization { get; init; }

    /// <summary>Rare classes were topped up with altered copies to this many training images (0: no top-up).</summary>
    public required int MinimumPerClass { get; init; }

    /// <summary>Altered copies added for every training image.</summary>
    public required int CopiesPerImage { get; init; }

    /// <summary>Share of the altered copies re-imaged as a small, soft camera view (0 in models saved before it existed).</summary>
    public double LowResolutionShare { get; init; }

    /// <summary>Share of the altered copies cut a little off their ink (0 in models saved before it existed).</summary>
    public double OffsetCutShare { get; init; }

    /// <summary>Examples were weighted by the inverse of their class's frequency.</summary>
    public required bool ClassWeights { get; init; }

    /// <summary>How a convolutional network was used: None, Alone or WithFeatures.</summary>
    public required string Network { get; init; }

    /// <summary>Epochs of network training, or null without a network.</summary>
    public int? NetworkEpochs { get; init; }

    /// <summary>
    /// A SHA-256 over the label set and, for every image the split was drawn from, its path relative to the data folder
    /// and the SHA-256 of its content: the same files under the same names give the same fingerprint wherever the folder
    /// lies, and any added, removed, renamed or edited image changes it.
    /// </summary>
    public required string DataFingerprint { get; init; }

    /// <summary>How many images the fingerprint covers (training and test together).</summary>
    public required int DataImages { get; init; }

    /// <summary>
    /// Every source the images were drawn from (<c>train --data ROOT --data ROOT2 …</c>), each with its own fingerprint,
    /// so that an evaluation of any of them alone can check that it is the data trained on; <see cref="DataFingerprint"/>
    /// covers them together. Null in models saved before sources were recorded (one folder, its fingerprint above).
    /// </summary>
    public IReadOnlyList<TrainingSource>? Sources { get; init; }

    /// <summary>When the model was trained (UTC, whole seconds; ISO 8601 in the JSON).</summary>
    public required DateTime TrainedAtUtc { get; init; }

    /// <summary>Informational version of the trainer that made the model (with its source revision when known).</summary>
    public required string ToolVersion { get; init; }

    /// <summary>Adds the metadata to an open zip archive (created or opened for update).</summary>
    public void AddTo(ZipArchive archive)
    {
        ArgumentNullException.ThrowIfNull(archive);
        var entry = archive.CreateEntry(EntryName, CompressionLevel.Optimal);
        using var stream = entry.Open();
        JsonSerializer.Serialize(stream, this, s_json);
    }

    /// <summary>Reads the metadata of a saved model.</summary>
    /// <returns>The metadata, or null when the model carries none (models saved before metadata was written).</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a zip, or its metadata is unreadable or of a newer format; the message names the file.</exception>
    public static TrainingMetadata? Read(string modelPath)
    {
        if (!File.Exists(modelPath))
            throw new FileNotFoundException($"Model file not found: {modelPath}", modelPath);
        try
        {
            using var archive = ZipFile.OpenRead(modelPath);
            var entry = archive.GetEntry(EntryName);
            if (entry is null) return null;
            using var stream = entry.Open();
            var metadata = JsonSerializer.Deserialize<TrainingMetadata>(stream, s_json)
                ?? throw new InvalidDataException("the entry is empty");
            if (metadata.Format > CurrentFormat)
                throw new InvalidDataException($"format {metadata.Format} is newer than this tool reads ({CurrentFormat})");
            return metadata;
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or IOException)
        {
            throw new InvalidDataException($"{modelPath}: cannot read its training metadata ({EntryName}): {e.Message}", e);
        }
    }
}

/// <summary>One source of a model's training images: a model's folder in one training root.</summary>
/// <param name="Name">Its short name in reports (the root's folder name).</param>
/// <param name="Folder">Where it was, as given to the trainer (for people: the fingerprint does not depend on it).</param>
/// <param name="Kind">What made it: Images, Harvested (cut from plate crops) or Rendered (drawn from fonts).</param>
/// <param name="Weight">The weight its examples had beside the others' (1: the same).</param>
/// <param name="DataFingerprint">The fingerprint of its images alone (paths relative to <paramref name="Folder"/>).</param>
/// <param name="DataImages">How many images it gave.</param>
public sealed record TrainingSource(string Name, string Folder, string Kind, double Weight, string DataFingerprint, int DataImages);
