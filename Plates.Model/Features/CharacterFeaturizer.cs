using Microsoft.ML;
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

/// <summary>The output column of the v2 featurizer (<see cref="CentredCharacterFeatures"/>).</summary>
public class CentredFeaturesColumn
{
    [ColumnName(@"Features")]
    [VectorType(CentredCharacterFeatures.Length)]
    public float[] Features { get; set; } = new float[CentredCharacterFeatures.Length];
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

    /// <summary>The saveable custom mapping for a feature set; the smaller v1 sets exist to measure what each part adds.</summary>
    public static IEstimator<ITransformer> Estimator(MLContext mlContext, CharacterFeatureSet set) => set switch
    {
        CharacterFeatureSet.Full => mlContext.Transforms.CustomMapping<CharacterImageColumn, CharacterFeaturesColumn>(Map, ContractName),
        CharacterFeatureSet.PixelsHog => mlContext.Transforms.CustomMapping<CharacterImageColumn, CharacterFeaturesColumn>(PixelHogFeaturizer.Map, PixelHogFeaturizer.ContractName),
        CharacterFeatureSet.Pixels => mlContext.Transforms.CustomMapping<CharacterImageColumn, CharacterFeaturesColumn>(PixelFeaturizer.Map, PixelFeaturizer.ContractName),
        CharacterFeatureSet.Centred => mlContext.Transforms.CustomMapping<CharacterImageColumn, CentredFeaturesColumn>(CentredFeaturizer.Map, CentredFeaturizer.ContractName),
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

/// <summary>
/// The second contract: the character centred on its intensity centroid, Full features with square-rooted HOG, and LBP
/// histograms (<see cref="CentredCharacterFeatures"/>). Models saved with v1 keep loading through the factories above.
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class CentredFeaturizer : CustomMappingFactory<CharacterImageColumn, CentredFeaturesColumn>
{
    public const string ContractName = "PlateCharacterFeatures.v2";

    public static void Map(CharacterImageColumn input, CentredFeaturesColumn output)
    {
        byte[] grey = CharacterFeatures.DecodeToGrey(input.ImageSource);
        output.Features ??= new float[CentredCharacterFeatures.Length];
        CentredCharacterFeatures.Compute(grey, output.Features);
    }

    public override Action<CharacterImageColumn, CentredFeaturesColumn> GetMapping() => Map;
}
