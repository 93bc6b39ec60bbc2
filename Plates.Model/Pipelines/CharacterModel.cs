using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;
using Plates.Model.Data;
using Plates.Model.Features;
using Plates.Model.IO;

namespace Plates.Model.Pipelines;

/// <summary>Saving and loading a character model; loading registers the featurizer so the custom mapping resolves.</summary>
public static class CharacterModel
{
    /// <summary>Loads a saved model.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a loadable ML.NET model; the message names the file.</exception>
    public static ITransformer Load(MLContext mlContext, string path, out DataViewSchema inputSchema)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Model file not found: {path}", path);
        mlContext.ComponentCatalog.RegisterAssembly(typeof(CharacterFeaturizer).Assembly);
        try
        {
            return mlContext.Model.Load(path, out inputSchema);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException($"{path} is not a loadable ML.NET model: {e.Message}", e);
        }
    }

    /// <summary>
    /// A PredictionEngine that leaves <paramref name="model"/> alive when it is disposed. The plain
    /// CreatePredictionEngine overloads give the engine the model: disposing the engine disposes the model, which for a
    /// model with a network closes the ONNX Runtime session every other engine of that model shares (ML.NET issue
    /// #5945), so a second engine, or one on another thread, fails. Dispose the model itself when done with it.
    /// </summary>
    public static PredictionEngine<CharacterModelInput, CharacterModelOutput> CreatePredictionEngine(MLContext mlContext, ITransformer model) =>
        mlContext.Model.CreatePredictionEngine<CharacterModelInput, CharacterModelOutput>(model, new PredictionEngineOptions { OwnsTransformer = false });

    /// <summary>Class names in score-slot order, read from the schema as Model Builder does.</summary>
    public static IReadOnlyList<string> ScoreLabels(DataViewSchema schema)
    {
        VBuffer<ReadOnlyMemory<char>> names = default;
        schema[@"Score"].GetSlotNames(ref names);
        return names.DenseValues().Select(n => n.ToString()).ToArray();
    }

    /// <summary>Saves to a temporary file beside <paramref name="path"/> and renames it into place, so a failed save never replaces a good model.</summary>
    public static void Save(MLContext mlContext, ITransformer model, DataViewSchema inputSchema, string path) =>
        Save(mlContext, model, inputSchema, path, beforeReplacing: null);

    /// <summary>
    /// Like <see cref="Save(MLContext, ITransformer, DataViewSchema, string)"/>, but runs <paramref name="beforeReplacing"/>
    /// once the new model is fully written and before it replaces the old one: when that throws (say, its report could
    /// not be written), the old model stays in place.
    /// </summary>
    public static void Save(MLContext mlContext, ITransformer model, DataViewSchema inputSchema, string path, Action<long>? beforeReplacing) =>
        Save(mlContext, model, inputSchema, path, metadata: null, beforeReplacing);

    /// <summary>
    /// Like <see cref="Save(MLContext, ITransformer, DataViewSchema, string, Action{long})"/>, with
    /// <paramref name="metadata"/> stored in the .zip as <see cref="TrainingMetadata.EntryName"/>: it is part of the
    /// staged file, so the model and what trained it replace the old ones in the same rename.
    /// </summary>
    public static void Save(MLContext mlContext, ITransformer model, DataViewSchema inputSchema, string path, TrainingMetadata? metadata, Action<long>? beforeReplacing)
    {
        AtomicFile.Write(path, stream =>
            {
                if (metadata is null)
                {
                    mlContext.Model.Save(model, inputSchema, stream);
                    return;
                }
                // The staged stream is write-only; ML.NET's archive is finished in memory, the entry added, then copied.
                using var archive = new MemoryStream();
                mlContext.Model.Save(model, inputSchema, archive);
                using var withMetadata = new MemoryStream();
                withMetadata.Write(archive.ToArray());
                using (var zip = new ZipArchive(withMetadata, ZipArchiveMode.Update, leaveOpen: true)) metadata.AddTo(zip);
                withMetadata.Position = 0;
                withMetadata.CopyTo(stream);
            },
            beforeReplacing is null ? null : written => beforeReplacing(written.Length));
    }
}
