using System.IO.Compression;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using Plates.Model.Data;
using Plates.Model.Features;
using Plates.Model.IO;

namespace Plates.Model.Pipelines;

/// <summary>
/// Saving and loading a character model; loading registers the featurizers so the custom mappings resolve: this
/// assembly's, and Plates.Network's when the application has it (a model trained with <c>train --network</c> needs it).
/// </summary>
public static class CharacterModel
{
    /// <summary>
    /// The optional assembly holding the network featurizer and ONNX Runtime. It is found by name, not referenced, so an
    /// application that reads only the hand-feature models never loads ONNX Runtime.
    /// </summary>
    public const string NetworkAssemblyName = "Plates.Network";

    /// <summary>Loads a saved model.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is not a loadable ML.NET model, or it holds a network and the application does not have the
    /// Plates.Network assembly; the message names the file.
    /// </exception>
    public static ITransformer Load(MLContext mlContext, string path, out DataViewSchema inputSchema) =>
        Load(mlContext, path, out inputSchema, FindNetworkAssembly());

    /// <param name="networkAssembly">The Plates.Network assembly to register, or null when the application has none.</param>
    internal static ITransformer Load(MLContext mlContext, string path, out DataViewSchema inputSchema, Assembly? networkAssembly)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Model file not found: {path}", path);
        // Checked before ML.NET reads the file: its own error here ("unable to locate an extension for the contract …")
        // does not say what is missing, and in a process that has loaded the assembly some other way it may even
        // succeed, so the outcome would depend on what else ran.
        if (networkAssembly is null && HoldsOnnxModel(path))
            throw new InvalidDataException(
                $"{path} holds a convolutional network (a model trained with --network) and needs the {NetworkAssemblyName} package to load: " +
                $"add a reference to {NetworkAssemblyName} to the application (it brings ONNX Runtime).");
        mlContext.ComponentCatalog.RegisterAssembly(typeof(CharacterFeaturizer).Assembly);
        if (networkAssembly is not null)
            mlContext.ComponentCatalog.RegisterAssembly(networkAssembly);
        try
        {
            return mlContext.Model.Load(path, out inputSchema);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // ML.NET creates each saved component by reflection: its own reason sits inside TargetInvocationException.
            var reason = e;
            while (reason is TargetInvocationException { InnerException: { } inner }) reason = inner;
            throw new InvalidDataException($"{path} is not a loadable ML.NET model: {reason.Message}", e);
        }
    }

    /// <summary>Plates.Network when the application carries it (it is in its dependencies), else null.</summary>
    private static Assembly? FindNetworkAssembly()
    {
        try
        {
            return Assembly.Load(new AssemblyName(NetworkAssemblyName));
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Whether the .zip has an ApplyOnnxModel transform: ML.NET stores the ONNX bytes in an entry named OnnxModel.</summary>
    private static bool HoldsOnnxModel(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            return zip.Entries.Any(e => e.Name == "OnnxModel");
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // Not a readable zip: the caller reports it as not a model.
            return false;
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
