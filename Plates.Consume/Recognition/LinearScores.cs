using System.Numerics.Tensors;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms;

namespace Plates.Consume.Recognition;

/// <summary>
/// The scoring part of a character model computed directly: the mean–variance normaliser's scale and offset, then the
/// maximum-entropy classifier's weights and biases, then the softmax. This is the arithmetic a prediction engine
/// performs, without the engine's per-prediction cursor, getters and buffer copies, and with the dot products done
/// eight at a time. The sums run in another order than ML.NET's, so the probabilities differ from its own in the last
/// digits; <see cref="FeaturesFed"/> uses this only after checking them against the engine's (<see cref="Tolerance"/>).
/// Immutable, so thread-safe.
/// </summary>
internal sealed class LinearScores
{
    /// <summary>
    /// Largest difference from the engine's probabilities allowed at load, on every probe character. A probability is
    /// shown with four decimals and compared with others hundredths apart, so a hundred-thousandth changes no reading.
    /// Measured with this setting: the same readings on crops, crops-zj, scenes and kinds photos, two crop confidences
    /// 0.0001 apart; on real characters of all four models the direct scores stay within it (<c>FeaturesFedTests</c>).
    /// </summary>
    public const float Tolerance = 1e-5f;

    private readonly float[] _scale;
    private readonly float[] _offset;
    private readonly float[][] _weights;
    private readonly float[] _biases;

    private LinearScores(float[] scale, float[] offset, float[][] weights, float[] biases)
    {
        _scale = scale;
        _offset = offset;
        _weights = weights;
        _biases = biases;
    }

    /// <summary>
    /// The direct form of a model's tail (what follows its featurizer), or null when the tail is not an affine
    /// normaliser followed by a maximum-entropy classifier over <paramref name="length"/> features.
    /// </summary>
    public static LinearScores? For(TransformerChain<ITransformer> tail, int length)
    {
        var parts = tail.ToArray();
        if (parts.Length != 2 || parts[0] is not NormalizingTransformer normaliser
            || parts[1] is not MulticlassPredictionTransformer<MaximumEntropyModelParameters> classifier)
            return null;
        if (normaliser.GetNormalizerModelParameters(0) is not NormalizingTransformer.AffineNormalizerModelParameters<System.Collections.Immutable.ImmutableArray<float>> affine
            || affine.Scale.Length != length || (!affine.Offset.IsDefaultOrEmpty && affine.Offset.Length != length))
            return null;
        var scale = affine.Scale.ToArray();
        var offset = affine.Offset.IsDefaultOrEmpty ? new float[length] : affine.Offset.ToArray();

        VBuffer<float>[] weights = [];
        classifier.Model.GetWeights(ref weights, out int classes);
        var biases = classifier.Model.GetBiases().ToArray();
        if (classes == 0 || weights.Length != classes || biases.Length != classes || weights.Any(w => w.Length != length)) return null;
        var dense = weights.Select(w =>
        {
            var row = new float[length];
            w.CopyTo(row);
            return row;
        }).ToArray();
        return new LinearScores(scale, offset, dense, biases);
    }

    /// <summary>The probability of every class for these features (the featurizer's output, before normalising).</summary>
    public float[] Scores(ReadOnlySpan<float> features)
    {
        int length = _scale.Length;
        if (features.Length != length) throw new ArgumentException($"Expected {length} features, got {features.Length}.", nameof(features));
        Span<float> normalised = length <= 4096 ? stackalloc float[length] : new float[length];
        TensorPrimitives.Subtract(features, _offset, normalised);
        TensorPrimitives.Multiply(normalised, _scale, normalised);
        var scores = new float[_biases.Length];
        for (int c = 0; c < scores.Length; c++) scores[c] = TensorPrimitives.Dot(_weights[c], normalised) + _biases[c];
        // Softmax, from the largest score down so that nothing overflows.
        float max = TensorPrimitives.Max<float>(scores);
        double sum = 0;
        for (int c = 0; c < scores.Length; c++) sum += Math.Exp(scores[c] - max);
        for (int c = 0; c < scores.Length; c++) scores[c] = (float)(Math.Exp(scores[c] - max) / sum);
        return scores;
    }
}
