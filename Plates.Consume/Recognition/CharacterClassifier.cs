using System.Collections.Concurrent;
using Microsoft.ML;
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

    /// <exception cref="FileNotFoundException">The model file does not exist.</exception>
    /// <exception cref="InvalidDataException">The model file is not a character model this library can load.</exception>
    public CharacterClassifier(string modelPath)
    {
        _mlContext = new MLContext(seed: 1);
        _model = CharacterModel.Load(_mlContext, modelPath, out _);
        ModelPath = modelPath;
        try
        {
            var engine = CreateEngine();
            Labels = CharacterModel.ScoreLabels(engine.OutputSchema);
            _engines.Add(engine);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentOutOfRangeException or ArgumentException)
        {
            throw new InvalidDataException($"{modelPath} is not a character model (it lacks the ImageSource input or the Score output): {e.Message}", e);
        }
        if (Labels.Count == 0)
            throw new InvalidDataException($"{modelPath} is not a character model: its Score column names no classes.");
    }

    public string ModelPath { get; }

    /// <summary>The classes, in score order.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Reads one character given as Side×Side grey bytes, white on black.</summary>
    public CharacterPrediction Classify(byte[] grey)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (grey.Length != CharacterFeatures.Side * CharacterFeatures.Side)
            throw new ArgumentException($"Expected {CharacterFeatures.Side}×{CharacterFeatures.Side} grey pixels, got {grey.Length} bytes.", nameof(grey));

        // The saved pipeline starts from encoded bytes; BMP costs a copy, not a compression.
        using var mat = Mat.FromPixelData(CharacterFeatures.Side, CharacterFeatures.Side, MatType.CV_8UC1, grey);
        Cv2.ImEncode(".bmp", mat, out byte[] encoded);

        if (!_engines.TryTake(out var engine)) engine = CreateEngine();
        try
        {
            var output = engine.Predict(new CharacterModelInput { ImageSource = encoded });
            int best = 0;
            for (int i = 1; i < output.Score.Length; i++)
                if (output.Score[i] > output.Score[best]) best = i;
            return new CharacterPrediction(output.PredictedLabel, output.Score.Length > 0 ? output.Score[best] : 0f);
        }
        finally
        {
            _engines.Add(engine);
        }
    }

    private PredictionEngine<CharacterModelInput, CharacterModelOutput> CreateEngine() =>
        _mlContext.Model.CreatePredictionEngine<CharacterModelInput, CharacterModelOutput>(_model);

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        while (_engines.TryTake(out var engine)) engine.Dispose();
    }
}
