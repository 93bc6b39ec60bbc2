using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using Plates.Model.Features;

namespace Plates.Network;

/// <summary>The network's input column: the Side×Side grey pixels scaled to [0, 1], row-major.</summary>
public class NetworkPixelsColumn
{
    public const int Length = CharacterFeatures.Side * CharacterFeatures.Side;

    [ColumnName(OnnxExport.InputName)]
    [VectorType(Length)]
    public float[] Pixels { get; set; } = new float[Length];
}

/// <summary>
/// Saveable custom mapping from image bytes to the pixels a <see cref="ConvNet"/> reads: the same decode, grey and
/// resize as the hand features, and the same scaling as their first <see cref="NetworkPixelsColumn.Length"/> values, so
/// a network trained on <see cref="CharacterFeatures.Compute(ReadOnlySpan{byte}, Span{float}, CharacterFeatureSet)"/>'s
/// pixels sees the same numbers inside the saved model.
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class NetworkPixelsFeaturizer : CustomMappingFactory<CharacterImageColumn, NetworkPixelsColumn>
{
    public const string ContractName = "PlateCharacterPixels.v1";

    public static void Map(CharacterImageColumn input, NetworkPixelsColumn output)
    {
        byte[] grey = CharacterFeatures.DecodeToGrey(input.ImageSource);
        output.Pixels ??= new float[NetworkPixelsColumn.Length];
        Scale(grey, output.Pixels);
    }

    /// <summary>pixel / 255, as <see cref="CharacterFeatures.Compute(ReadOnlySpan{byte}, Span{float}, CharacterFeatureSet)"/> writes its pixel block.</summary>
    public static void Scale(ReadOnlySpan<byte> grey, Span<float> pixels)
    {
        if (grey.Length != NetworkPixelsColumn.Length || pixels.Length != NetworkPixelsColumn.Length)
            throw new ArgumentException($"Expected {NetworkPixelsColumn.Length} pixels, got {grey.Length} in and room for {pixels.Length}.");
        for (int i = 0; i < grey.Length; i++) pixels[i] = grey[i] / 255f;
    }

    public override Action<CharacterImageColumn, NetworkPixelsColumn> GetMapping() => Map;

    public static IEstimator<ITransformer> Estimator(MLContext mlContext) =>
        mlContext.Transforms.CustomMapping<CharacterImageColumn, NetworkPixelsColumn>(Map, ContractName);
}
