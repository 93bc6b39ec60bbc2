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
/// Saveable custom mapping from image bytes to features. The contract name is stored in the .zip; a process that
/// loads a model must register this assembly first (<see cref="Pipelines.CharacterModel.Load"/> does).
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class CharacterFeaturizer : CustomMappingFactory<CharacterImageColumn, CharacterFeaturesColumn>
{
    public const string ContractName = "PlateCharacterFeatures.v1";

    public static void Map(CharacterImageColumn input, CharacterFeaturesColumn output)
    {
        byte[] grey = CharacterFeatures.DecodeToGrey(input.ImageSource);
        output.Features ??= new float[CharacterFeatures.Length];
        CharacterFeatures.Compute(grey, output.Features);
    }

    public override Action<CharacterImageColumn, CharacterFeaturesColumn> GetMapping() => Map;
}
