using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using OpenCvSharp;
using Plates.Cli.Annotation;
using Plates.Cli.Evaluation;
using Plates.Model.Data;
using Plates.Consume.Imaging;
using Plates.Consume.Recognition;

namespace Plates.Cli.Commands;

/// <summary>The default command: prints the plates in each photo given (files or folders).</summary>
public static class RecogniseCommand
{
    public static RootCommand Create()
    {
        var inputs = new Argument<string[]>("images") { Description = "Photos, or folders of photos, to read plates from.", Arity = ArgumentArity.ZeroOrMore };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per photo per line: {\"file\", \"plates\": [...], \"totalMs\" (decoding included), \"error\"}." };
        var annotate = new Option<DirectoryInfo?>("--annotate") { Description = "Write a copy of each photo with its plates boxed and labelled into this folder." };
        var models = new Option<DirectoryInfo?>("--models") { Description = "Folder holding province.zip, city.zip and alnum.zip (default: the shipped assets/models).", Recursive = true };

        var root = new RootCommand("Reads Chinese licence plates from photos with OpenCV and the ML.NET character models.")
        {
            inputs, json, annotate, models,
        };
        root.Subcommands.Add(EvaluateCommand.Create(models));
        SubcommandHelp.Apply(root);
        root.SetAction(parse =>
        {
            var given = parse.GetValue(inputs) ?? [];
            if (given.Length == 0)
            {
                Console.Error.WriteLine("error: give at least one photo or folder (see --help).");
                return 2;
            }
            using var recogniser = CreateRecogniser(parse.GetValue(models));
            if (recogniser is null) return 2;
            return Run(recogniser, given, parse.GetValue(json), parse.GetValue(annotate)?.FullName);
        });
        return root;
    }

    /// <summary>Loads the models, or prints which file is missing or broken and returns null.</summary>
    public static PlateRecogniser? CreateRecogniser(DirectoryInfo? models)
    {
        try
        {
            return new PlateRecogniser(models?.FullName);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or InvalidDataException)
        {
            Console.Error.WriteLine($"error: cannot load the models: {e.Message}");
            return null;
        }
    }

    private static int Run(PlateRecogniser recogniser, string[] given, bool json, string? annotateFolder)
    {
        var files = new List<string>();
        int failures = 0;
        foreach (string input in given)
        {
            if (!Directory.Exists(input))
            {
                files.Add(input);
                continue;
            }
            var inFolder = ImageFileTypes.InFolder(input);
            if (inFolder.Count == 0)
            {
                Console.Error.WriteLine($"error: {input}: no image files in this folder.");
                failures++;
            }
            files.AddRange(inFolder);
        }

        foreach (string file in files)
        {
            try
            {
                // Decoded here rather than by Recognise(path) because the annotation needs the photo too; timed from
                // before decoding so totalMs means what evaluate's per-image time means: file to plates.
                var stopwatch = Stopwatch.StartNew();
                using Mat photo = PhotoLoader.Load(file, recogniser.Options.MaxPixels);
                var read = recogniser.Recognise(photo);
                var result = read with { TotalMs = stopwatch.Elapsed.TotalMilliseconds };
                if (annotateFolder is not null)
                    PlateAnnotator.Save(photo, result.Plates, Path.Combine(annotateFolder, Path.GetFileName(file) + ".annotated.jpg"));
                Print(file, result, null, json);
            }
            catch (Exception e) when (e is FileNotFoundException or InvalidDataException or IOException or UnauthorizedAccessException or OpenCVException)
            {
                failures++;
                Print(file, null, e.Message, json);
            }
        }
        if (failures > 0) Console.Error.WriteLine($"{failures} of {files.Count} file(s) failed.");
        return failures == 0 ? 0 : 1;
    }

    private static void Print(string file, RecognitionResult? result, string? error, bool json)
    {
        if (json)
        {
            var line = result is null ? PhotoJson.Failed(file, error ?? "") : PhotoJson.From(file, result);
            Console.WriteLine(line.ToJsonLine());
            return;
        }
        if (error is not null)
        {
            Console.WriteLine($"{file}: error: {error}");
            return;
        }
        if (result!.Plates.Count == 0) Console.WriteLine($"{file}: no plate found ({result.TotalMs.ToString("F1", CultureInfo.InvariantCulture)} ms)");
        foreach (var p in result.Plates)
        {
            var centre = p.Box.Center;
            Console.WriteLine($"{file}: {p.Text} confidence {p.Confidence.ToString("F2", CultureInfo.InvariantCulture)}{(p.IsLowConfidence ? " (low)" : "")} {p.Color.ToString().ToLowerInvariant()} at ({centre.X:F0},{centre.Y:F0}) {p.Box.Size.Width:F0}×{p.Box.Size.Height:F0} angle {p.Box.Angle:F1} ({result.TotalMs.ToString("F1", CultureInfo.InvariantCulture)} ms)");
        }
    }
}
