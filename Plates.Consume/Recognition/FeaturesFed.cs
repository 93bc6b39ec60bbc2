using System.Collections.Concurrent;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using OpenCvSharp;
using Plates.Model.Data;
using Plates.Model.Features;

namespace Plates.Consume.Recognition;

/// <summary>The input of a model without its featurizer: the features themselves.</summary>
internal sealed class CharacterFeaturesInput
{
    [ColumnName(@"Features")]
    public float[] Features { get; set; } = [];
}

/// <summary>The output of a model without its featurizer: the scores alone (the predicted label is not needed, so not made).</summary>
internal sealed class CharacterScoresOutput
{
    [ColumnName(@"Score")]
    public float[] Score { get; set; } = [];
}

/// <summary>
/// A character model run from its features rather than from encoded image bytes: the saved pipeline (value-to-key on
/// the label, featurizer, normaliser, trainer, key-to-value) starts from an encoded image, which costs an encoding, a
/// decoding and a custom mapping per prediction; here the featurizer's own code (<see cref="CharacterFeatures"/>,
/// <see cref="CentredCharacterFeatures"/>) computes the features from the grey bytes and the transformers after the
/// featurizer score them. Used only for a model whose featurizer is one of this assembly's, and only once the scores
/// through the tail's engine equal the whole model's to the bit on probe characters (<see cref="For"/>). Where the tail
/// is linear it is then computed directly (<see cref="LinearScores"/>), once those scores agree with the engine's within
/// <see cref="LinearScores.Tolerance"/>. Thread-safe: immutable apart from the pooled engines (as in
/// <see cref="CharacterClassifier"/>).
/// </summary>
internal sealed class FeaturesFed : IDisposable
{
    private delegate void Featurizer(ReadOnlySpan<byte> grey, Span<float> features);

    private readonly MLContext _mlContext;
    private readonly ITransformer _tail;
    private readonly Featurizer _featurizer;

    /// <summary>The featurizer's work after centring, for a centring featurizer (<see cref="CentredCharacterFeatures.ComputeOfCentred"/>); else null.</summary>
    private readonly Featurizer? _ofCentred;
    private readonly int _length;
    private readonly SchemaDefinition _schema;

    /// <summary>The tail computed directly (<see cref="LinearScores"/>), when it is linear and agrees with the engine; else null and the engine scores.</summary>
    private readonly LinearScores? _linear;
    private readonly ConcurrentBag<(PredictionEngine<CharacterFeaturesInput, CharacterScoresOutput> Engine, CharacterFeaturesInput Input, CharacterScoresOutput Output)> _engines = new();
    private bool _disposed;

    private FeaturesFed(MLContext mlContext, ITransformer tail, Featurizer featurizer, int length, Featurizer? ofCentred = null, LinearScores? linear = null)
    {
        _linear = linear;
        _mlContext = mlContext;
        _tail = tail;
        _featurizer = featurizer;
        _ofCentred = ofCentred;
        _length = length;
        _schema = SchemaDefinition.Create(typeof(CharacterFeaturesInput));
        _schema[@"Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, length);
    }

    /// <summary>
    /// The features-fed form of a loaded model, or null when it has none: the model is not a chain with one of this
    /// assembly's featurizers, or no candidate feature set gives the whole model's scores to the bit on the probes.
    /// The v1 featurizers (Full, PixelsHog, Pixels) share one column type; the probes tell which one it is.
    /// </summary>
    /// <param name="whole">An engine of the whole model, to compare with.</param>
    public static FeaturesFed? For(MLContext mlContext, ITransformer model, PredictionEngine<CharacterModelInput, CharacterModelOutput> whole)
    {
        if (model is not TransformerChain<ITransformer> chain) return null;
        var parts = chain.ToArray();
        int at = Array.FindIndex(parts, t => t is CustomMappingTransformer<CharacterImageColumn, CharacterFeaturesColumn> or CustomMappingTransformer<CharacterImageColumn, CentredFeaturesColumn>);
        // Only what the label's value-to-key may come before: anything else before the featurizer would be skipped.
        if (at < 0 || parts.Take(at).Any(t => t is not ValueToKeyMappingTransformer)) return null;
        // The key-to-value mappings at the end only name the predicted label, which the scores do not need.
        int end = parts.Length;
        while (end > at + 1 && parts[end - 1] is KeyToValueMappingTransformer) end--;
        var tail = new TransformerChain<ITransformer>(parts[(at + 1)..end]);
        bool centres = parts[at] is CustomMappingTransformer<CharacterImageColumn, CentredFeaturesColumn>;
        (Featurizer, int)[] candidates = centres
            ? [(CentredCharacterFeatures.Compute, CentredCharacterFeatures.Length)]
            : [Set(CharacterFeatureSet.Full), Set(CharacterFeatureSet.PixelsHog), Set(CharacterFeatureSet.Pixels)];
        var probes = Probes();
        var expected = probes.Select(p => whole.Predict(new CharacterModelInput { ImageSource = Encode(p) }).Score.ToArray()).ToArray();
        foreach (var (featurizer, length) in candidates)
        {
            var fed = new FeaturesFed(mlContext, tail, featurizer, length, centres ? CentredCharacterFeatures.ComputeOfCentred : null);
            bool same;
            try
            {
                same = probes.Zip(expected).All(pair => SameBits(fed.Scores(pair.First), pair.Second));
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException)
            {
                same = false;
            }
            if (same)
            {
                // The engine's arithmetic done directly, if the tail is linear and the direct scores agree with the
                // engine's on the probes and on shifted copies of them; else the engine scores.
                FeaturesFed? direct = null;
                try
                {
                    if (LinearScores.For(tail, length) is { } linear)
                    {
                        direct = new FeaturesFed(mlContext, tail, featurizer, length, centres ? CentredCharacterFeatures.ComputeOfCentred : null, linear);
                        if (!probes.Concat(probes.Select(p => CharacterClassifier.Shifted(p, 1, 1))).All(p => Close(direct.Scores(p), fed.EngineScores(p))))
                        {
                            direct.Dispose();
                            direct = null;
                        }
                    }
                }
                catch (Exception e) when (e is InvalidOperationException or ArgumentException)
                {
                    direct?.Dispose();
                    direct = null;
                }
                if (direct is null) return fed;
                fed.Dispose();
                return direct;
            }
            fed.Dispose();
        }
        return null;

        static (Featurizer, int) Set(CharacterFeatureSet set) => ((grey, features) => CharacterFeatures.Compute(grey, features, set), CharacterFeatures.Length);
    }

    /// <summary>The probability of every class, as the whole model gives it (within <see cref="LinearScores.Tolerance"/> when it is computed directly).</summary>
    public float[] Scores(byte[] grey)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return ScoresWith(grey, _featurizer);
    }

    /// <summary>
    /// <see cref="Scores"/> of a character given by its centred bytes (<see cref="CentredCharacterFeatures.Centre"/>),
    /// for a model whose featurizer centres: the same scores, without centring again.
    /// </summary>
    /// <exception cref="InvalidOperationException">The model's featurizer does not centre.</exception>
    public float[] ScoresOfCentred(byte[] centred)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return ScoresWith(centred, _ofCentred ?? throw new InvalidOperationException("This model's featurizer does not centre."));
    }

    /// <summary>The scores of the features <paramref name="featurizer"/> computes from <paramref name="bytes"/>: directly where the tail is linear, else through the engine.</summary>
    private float[] ScoresWith(byte[] bytes, Featurizer featurizer)
    {
        if (_linear is null) return EngineScores(bytes, featurizer);
        Span<float> features = _length <= MaxStackFeatures ? stackalloc float[_length] : new float[_length];
        featurizer(bytes, features);
        return _linear.Scores(features);
    }

    /// <summary>Feature vectors up to this long are computed on the stack (the shipped models' are 1,276 and 1,807 long).</summary>
    private const int MaxStackFeatures = 4096;

    /// <summary>Whether the model's featurizer centres the character first, so that <see cref="ScoresOfCentred"/> applies.</summary>
    public bool Centres => _ofCentred is not null;

    /// <summary>Whether the model's scores are computed directly rather than by its prediction engine: for the tests.</summary>
    internal bool ScoresDirectly => _linear is not null;

    /// <summary>The scores through a pooled prediction engine of the tail.</summary>
    internal float[] EngineScores(byte[] grey) => EngineScores(grey, _featurizer);

    private float[] EngineScores(byte[] grey, Featurizer featurizer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_engines.TryTake(out var pooled))
            pooled = (_mlContext.Model.CreatePredictionEngine<CharacterFeaturesInput, CharacterScoresOutput>(_tail,
                new PredictionEngineOptions { OwnsTransformer = false, InputSchemaDefinition = _schema }), new CharacterFeaturesInput { Features = new float[_length] }, new CharacterScoresOutput());
        try
        {
            featurizer(grey, pooled.Input.Features);
            var output = pooled.Output;
            pooled.Engine.Predict(pooled.Input, ref output);
            return output.Score.ToArray();
        }
        finally
        {
            if (_disposed) pooled.Engine.Dispose();
            else _engines.Add(pooled);
        }
    }

    /// <summary>
    /// Characters on which the feature sets differ and every part of the features is non-zero: a bar with a round
    /// head (gradients in every direction), a grey ramp, a checkerboard of specks.
    /// </summary>
    private static byte[][] Probes()
    {
        const int side = CharacterFeatures.Side;
        var bar = new byte[side * side];
        var ramp = new byte[side * side];
        var specks = new byte[side * side];
        for (int y = 0; y < side; y++)
            for (int x = 0; x < side; x++)
            {
                bool head = (x - 10) * (x - 10) + (y - 5) * (y - 5) <= 12;
                bar[y * side + x] = (byte)(head || (x >= 8 && x <= 11 && y >= 3 && y <= 17) ? 255 : 0);
                ramp[y * side + x] = (byte)(x * 12 + y * 3);
                specks[y * side + x] = (byte)((x / 3 + y / 3) % 2 == 0 && x > 2 && y > 2 && x < 17 && y < 17 ? 230 : 10);
            }
        return [bar, ramp, specks];
    }

    private static byte[] Encode(byte[] grey)
    {
        using var mat = Mat.FromPixelData(CharacterFeatures.Side, CharacterFeatures.Side, MatType.CV_8UC1, grey);
        Cv2.ImEncode(".bmp", mat, out byte[] encoded);
        return encoded;
    }

    private static bool Close(float[] a, float[] b) =>
        a.Length == b.Length && a.Zip(b).All(p => Math.Abs(p.First - p.Second) <= LinearScores.Tolerance);

    private static bool SameBits(float[] a, float[] b) =>
        a.Length == b.Length && a.Select(BitConverter.SingleToInt32Bits).SequenceEqual(b.Select(BitConverter.SingleToInt32Bits));

    /// <summary>Disposes the pooled engines (the transformers belong to the model, which its owner disposes).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        while (_engines.TryTake(out var pooled)) pooled.Engine.Dispose();
    }
}
