using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Plates.Model.Features;

/// <summary>The input column the featurizer reads.</summary>
public class CharacterImageColumn
{
    [ColumnName(@"ImageSource")]
    public byte[] ImageSource { get; set; } = [];
}

/// <summary>The output column the featurizer writes.</summary>
public class CharacterFeaturesColumn
{
    [ColumnName(@"Features")]
    [VectorType(CharacterFeatures.Length)]
    public float[] Features { get; set; } = new float[CharacterFeatures.Length];
}

/// <summary>
/// Saveable custom mapping from image bytes to the full feature set. The contract name is stored in the .zip; a process
/// that loads a model must register this assembly first (<see cref="Pipelines.CharacterModel.Load"/> does).
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class CharacterFeaturizer : CustomMappingFactory<CharacterImageColumn, CharacterFeaturesColumn>
{
    public const string ContractName = "PlateCharacterFeatures.v1";

    public static void Map(CharacterImageColumn input, CharacterFeaturesColumn output) => MapWith(input, output, CharacterFeatureSet.Full);

    public override Action<CharacterImageColumn, CharacterFeaturesColumn> GetMapping() => Map;

    /// <summary>The mapping and contract name for a feature set; the smaller sets exist to measure what each part adds.</summary>
    public static (Action<CharacterImageColumn, CharacterFeaturesColumn> Mapping, string ContractName) For(CharacterFeatureSet set) => set switch
    {
        CharacterFeatureSet.Full => (Map, ContractName),
        CharacterFeatureSet.PixelsHog => (PixelHogFeaturizer.Map, PixelHogFeaturizer.ContractName),
        CharacterFeatureSet.Pixels => (PixelFeaturizer.Map, PixelFeaturizer.ContractName),
        _ => throw new ArgumentOutOfRangeException(nameof(set), set, "Unknown feature set."),
    };

    internal static void MapWith(CharacterImageColumn input, CharacterFeaturesColumn output, CharacterFeatureSet set)
    {
        byte[] grey = CharacterFeatures.DecodeToGrey(input.ImageSource);
        output.Features ??= new float[CharacterFeatures.Length];
        CharacterFeatures.Compute(grey, output.Features, set);
    }
}

/// <summary>Pixels only: the baseline of the feature comparison.</summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class PixelFeaturizer : CustomMappingFactory<CharacterImageColumn, CharacterFeaturesColumn>
{
    public const string ContractName = "PlateCharacterFeatures.Pixels.v1";

    public static void Map(CharacterImageColumn input, CharacterFeaturesColumn output) =>
        CharacterFeaturizer.MapWith(input, output, CharacterFeatureSet.Pixels);

    public override Action<CharacterImageColumn, CharacterFeaturesColumn> GetMapping() => Map;
}

/// <summary>Pixels, HOG and projections, without the directional gradients.</summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class PixelHogFeaturizer : CustomMappingFactory<CharacterImageColumn, CharacterFeaturesColumn>
{
    public const string ContractName = "PlateCharacterFeatures.PixelsHog.v1";

    public static void Map(CharacterImageColumn input, CharacterFeaturesColumn output) =>
        CharacterFeaturizer.MapWith(input, output, CharacterFeatureSet.PixelsHog);

    public override Action<CharacterImageColumn, CharacterFeaturesColumn> GetMapping() => Map;
}
