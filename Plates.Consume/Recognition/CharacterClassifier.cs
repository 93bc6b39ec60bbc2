using System.Collections.Concurrent;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using OpenCvSharp;
using Plates.Model.Data;
using Plates.Model.Features;
using Plates.Model.Pipelines;

namespace Plates.Consume.Recognition;

/// <summary>
/// One loaded character model, safe to call from many threads: the transformer is shared, and PredictionEngines (which
/// are not thread-safe) are pooled, one per concurrent caller.
/// </summary>
public sealed class CharacterClassifier : IDisposable
{
    private readonly MLContext _mlContext;
    private readonly ITransformer _model;
    private readonly ConcurrentBag<PredictionEngine<CharacterModelInput, CharacterModelOutput>> _engines = new();
    private bool _disposed;

    /// <summary>
    /// The model after its featurizer, fed features computed here from the grey bytes (see <see cref="FeaturesFed"/>),
    /// with the featurizer that gives them; null when the model is not a known featurizer followed by the rest, and
    /// every prediction goes through the whole model.
    /// </summary>
    private readonly FeaturesFed? _fed;

    /// <summary>Whether the model's featurizer is <see cref="CentredFeaturizer"/>, which centres the character before anything else (see <see cref="SeenAs"/>).</summary>
    private readonly bool _centres;

    /// <exception cref="FileNotFoundException">The model file does not exist.</exception>
    /// <exception cref="InvalidDataException">The model file is not a character model this library can load.</exception>
    public CharacterClassifier(string modelPath)
    {
        _mlContext = new MLContext(seed: 1);
        _model = CharacterModel.Load(_mlContext, modelPath, out _);
        _centres = _model is TransformerChain<ITransformer> chain
            && chain.Any(t => t is CustomMappingTransformer<CharacterImageColumn, CentredFeaturesColumn>);
        ModelPath = modelPath;
        PredictionEngine<CharacterModelInput, CharacterModelOutput> engine;
        try
        {
            engine = CreateEngine();
            Labels = CharacterModel.ScoreLabels(engine.OutputSchema);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentOutOfRangeException or ArgumentException)
        {
            (_model as IDisposable)?.Dispose();
            throw new InvalidDataException($"{modelPath} is not a character model (it lacks the ImageSource input or the Score output): {e.Message}", e);
        }
        if (Labels.Count == 0)
        {
            engine.Dispose();
            (_model as IDisposable)?.Dispose();
            throw new InvalidDataException($"{modelPath} is not a character model: its Score column names no classes.");
        }
        _engines.Add(engine);
        _fed = FeaturesFed.For(_mlContext, _model, engine);
    }

    /// <summary>Whether predictions skip the model's own featurizer (<see cref="FeaturesFed"/>): for the tests, which compare the two.</summary>
    internal bool FeedsFeatures => _fed is not null;

    /// <summary>Whether the fed model's scores are computed directly (<see cref="LinearScores"/>) rather than by its engine: for the tests.</summary>
    internal bool ScoresDirectly => _fed?.ScoresDirectly == true;

    /// <summary>The fed model's scores through its prediction engine, even where they are computed directly: for the tests, which compare the two.</summary>
    internal float[] EngineFedScores(byte[] grey) => (_fed ?? throw new InvalidOperationException("The model is not fed features.")).EngineScores(grey);

    public string ModelPath { get; }

    /// <summary>The classes, in score order.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Reads one character given as Side×Side grey bytes, white on black.</summary>
    public CharacterPrediction Classify(byte[] grey) => Best(Scores(grey));

    /// <summary>
    /// Reads one character from several slightly shifted copies and averages their probabilities: a cut one pixel off
    /// then costs less, which matters most for the detailed Chinese characters.
    /// </summary>
    public CharacterPrediction ClassifyShifted(byte[] grey) => Best(ScoresShifted(grey));

    /// <summary>
    /// Reads one character from several cuts of it (each also shifted, as in <see cref="ClassifyShifted(byte[])"/>) and
    /// averages their probabilities: where one cut lost or merged strokes, the others outvote it.
    /// </summary>
    /// <exception cref="ArgumentException">No cuts are given.</exception>
    public CharacterPrediction ClassifyShifted(IReadOnlyList<byte[]> cuts) => Best(ScoresShifted(cuts));

    /// <summary>The probabilities behind <see cref="ClassifyShifted(IReadOnlyList{byte[]})"/>, in <see cref="Labels"/> order.</summary>
    /// <exception cref="ArgumentException">No cuts are given.</exception>
    public float[] ScoresShifted(IReadOnlyList<byte[]> cuts)
    {
        ArgumentNullException.ThrowIfNull(cuts);
        if (cuts.Count == 0) throw new ArgumentException("At least one cut is needed.", nameof(cuts));
        // The cuts and their shifts often look the same to the model (see SeenAs): each look is predicted once.
        var seen = new Dictionary<string, float[]>();
        float[] sum = ScoresShifted(cuts[0], seen);
        for (int c = 1; c < cuts.Count; c++)
        {
            float[] scores = ScoresShifted(cuts[c], seen);
            for (int i = 0; i < sum.Length; i++) sum[i] += scores[i];
        }
        for (int i = 0; i < sum.Length; i++) sum[i] /= cuts.Count;
        return sum;
    }

    /// <summary>The probabilities behind <see cref="ClassifyShifted(byte[])"/>, in <see cref="Labels"/> order.</summary>
    public float[] ScoresShifted(byte[] grey) => ScoresShifted(grey, new Dictionary<string, float[]>());

    /// <param name="seen">The scores of the images already predicted in this reading, by <see cref="SeenAs"/>; added to.</param>
    private float[] ScoresShifted(byte[] grey, Dictionary<string, float[]> seen)
    {
        float[] sum = (float[])ScoresOnce(grey, seen).Clone();
        foreach (var (dx, dy) in s_shifts)
        {
            float[] scores = ScoresOnce(Shifted(grey, dx, dy), seen);
            for (int i = 0; i < sum.Length; i++) sum[i] += scores[i];
        }
        for (int i = 0; i < sum.Length; i++) sum[i] /= s_shifts.Length + 1;
        return sum;
    }

    /// <summary><see cref="Scores"/>, or the scores of an image already predicted that the model sees the same (not to be changed).</summary>
    private float[] ScoresOnce(byte[] grey, Dictionary<string, float[]> seen)
    {
        var (bytes, key) = SeenAs(grey);
        if (seen.TryGetValue(key, out var scores)) return scores;
        // A fed model that centres computes its features from the centred bytes, rather than centring again.
        seen[key] = scores = _fed is { Centres: true } ? _fed.ScoresOfCentred(bytes) : Scores(grey);
        return scores;
    }

    /// <summary>
    /// What the model's featurizer computes its features from, as a key: two images with the same key get the same
    /// scores. A model whose featurizer centres the character first (<see cref="CentredCharacterFeatures"/>) sees a
    /// character shifted by a whole pixel that loses no ink as the character itself: on the crops, the Chinese
    /// character's 15 shifted cuts centre to 8.6 different images on average. Any other model sees the bytes.
    /// </summary>
    /// <returns>The bytes the model sees (centred, or the image itself) and them as the key.</returns>
    private (byte[] Bytes, string Key) SeenAs(byte[] grey)
    {
        if (!_centres) return (grey, Convert.ToBase64String(grey));
        var centred = new byte[grey.Length];
        CentredCharacterFeatures.Centre(grey, centred);
        return (centred, Convert.ToBase64String(centred));
    }

    private static readonly (int Dx, int Dy)[] s_shifts = [(-1, 0), (1, 0), (0, -1), (0, 1)];

    /// <summary>
    /// The character moved by whole pixels, black where it moves in from outside: what <c>Cv2.WarpAffine</c> with a
    /// translation by (<paramref name="dx"/>, <paramref name="dy"/>), linear interpolation and a black border gives
    /// (an integer shift interpolates nothing), without its matrices (<c>CharacterClassifierTests</c> compares the two).
    /// </summary>
    internal static byte[] Shifted(byte[] grey, int dx, int dy)
    {
        const int side = CharacterFeatures.Side;
        var moved = new byte[side * side];
        for (int y = Math.Max(0, dy); y < Math.Min(side, side + dy); y++)
        {
            int fromX = Math.Max(0, dx), toX = Math.Min(side, side + dx);
            grey.AsSpan((y - dy) * side + fromX - dx, toX - fromX).CopyTo(moved.AsSpan(y * side + fromX));
        }
        return moved;
    }

    /// <summary>The probability of every class, in <see cref="Labels"/> order.</summary>
    public float[] Scores(byte[] grey)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (grey.Length != CharacterFeatures.Side * CharacterFeatures.Side)
            throw new ArgumentException($"Expected {CharacterFeatures.Side}×{CharacterFeatures.Side} grey pixels, got {grey.Length} bytes.", nameof(grey));

        if (_fed is not null) return _fed.Scores(grey);
        return WholeModelScores(grey);
    }

    /// <summary><see cref="Scores"/> through the whole saved model, its featurizer included (the reference <see cref="FeaturesFed"/> must equal).</summary>
    internal float[] WholeModelScores(byte[] grey)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        // The saved pipeline starts from encoded bytes; BMP costs a copy, not a compression.
        using var mat = Mat.FromPixelData(CharacterFeatures.Side, CharacterFeatures.Side, MatType.CV_8UC1, grey);
        Cv2.ImEncode(".bmp", mat, out byte[] encoded);

        if (!_engines.TryTake(out var engine)) engine = CreateEngine();
        try
        {
            return engine.Predict(new CharacterModelInput { ImageSource = encoded }).Score.ToArray();
        }
        finally
        {
            // An engine taken before Dispose emptied the pool is disposed here rather than pooled and forgotten.
            if (_disposed) engine.Dispose();
            else _engines.Add(engine);
        }
    }

    /// <summary>
    /// How many labels after the best one a prediction keeps (<see cref="CharacterPrediction.RunnersUp"/>): enough for
    /// the ten alternative readings of a plate the command line's <c>--top</c> gives at most, each exact (a plate's
    /// n-th most probable reading uses no character's label beyond its n-th).
    /// </summary>
    public const int RunnersUpKept = 9;

    /// <summary>
    /// The most probable label with its runners-up; on equal scores the class first in <see cref="Labels"/> order ranks
    /// higher. With <paramref name="allowed"/>, only the classes it allows are ranked, each with the probability the
    /// model gave it (not rescaled over the allowed ones: a reading forced away from what the model saw stays unsure);
    /// null when the model has no allowed class.
    /// </summary>
    /// <param name="scores">The probability of every class, in <see cref="Labels"/> order (<see cref="Scores"/>).</param>
    public CharacterPrediction? Best(float[] scores, Func<string, bool>? allowed)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (allowed is not null && !Labels.Any(allowed)) return null;
        return Best(scores, allowed is null ? null : Labels.Select(allowed).ToArray());
    }

    private CharacterPrediction Best(float[] scores) => Best(scores, (bool[]?)null);

    private CharacterPrediction Best(float[] scores, bool[]? allowed)
    {
        // Insertion into a short ranked list: at most 65 classes, ten kept.
        var ranked = new List<int>(RunnersUpKept + 2);
        for (int i = 0; i < scores.Length; i++)
        {
            if (allowed is not null && !allowed[i]) continue;
            int at = ranked.Count;
            while (at > 0 && scores[i] > scores[ranked[at - 1]]) at--;
            if (at > RunnersUpKept) continue;
            ranked.Insert(at, i);
            if (ranked.Count > RunnersUpKept + 1) ranked.RemoveAt(ranked.Count - 1);
        }
        var runnersUp = ranked.Skip(1).Select(i => new CharacterPrediction(Labels[i], scores[i])).ToArray();
        return new CharacterPrediction(Labels[ranked[0]], scores[ranked[0]]) { RunnersUp = runnersUp };
    }

    // Engines must not own the model: disposing one would close the ONNX session a network model's engines share.
    private PredictionEngine<CharacterModelInput, CharacterModelOutput> CreateEngine() =>
        CharacterModel.CreatePredictionEngine(_mlContext, _model);

    /// <summary>Disposes the engines and the model (a model with a network holds an ONNX session and a temporary copy of the network); call it once no prediction is running.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        while (_engines.TryTake(out var engine)) engine.Dispose();
        _fed?.Dispose();
        (_model as IDisposable)?.Dispose();
    }
}
