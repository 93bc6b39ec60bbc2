using System.Diagnostics;
using System.Globalization;
using OpenCvSharp;
using Plates.Cli.Annotation;
using Plates.Cli.Inputs;
using Plates.Cli.Output;
using Plates.Consume.Recognition;

namespace Plates.Cli.Commands;

/// <summary>How the recognise command reads and prints, from its options.</summary>
/// <param name="AnnotateFolder">Where annotated copies go; null for none.</param>
/// <param name="Crops">The images are plate crops, read by <see cref="PlateRecogniser.RecognisePlateImage"/>.</param>
/// <param name="Top">Readings printed per plate (<see cref="RecognisedPlate.TopReadings"/>); 0 for none.</param>
/// <param name="MinConfidence">Plates under this confidence are not printed (nor drawn); counted in the summary.</param>
internal sealed record BatchSettings(bool Json, string? AnnotateFolder, bool Crops, int Top, double MinConfidence, bool Recursive);

/// <summary>
/// Reads every image the arguments stand for and prints one result per image (a JSON line with --json): each image's
/// error is its own and the batch goes on; an annotated copy that cannot be written is reported beside the plates
/// read, never instead of them. Standard output failing stops the batch; the summary line goes to the error stream.
/// </summary>
internal sealed class PhotoBatch(PlateRecogniser recogniser, BatchSettings settings, TextWriter output, TextWriter error)
{
    public RunSummary Run(IReadOnlyList<string> arguments)
    {
        var listing = InputListing.Expand(arguments, settings.Recursive);
        foreach (var problem in listing.Problems) error.WriteLine($"error: {problem.Folder}: {problem.Message}");
        string[]? annotated = settings.AnnotateFolder is null ? null : AnnotationNames.For(listing.Images);
        var summary = new RunSummary
        {
            Photos = listing.Images.Count,
            MinConfidence = settings.MinConfidence,
            Skipped = listing.Skipped,
            FolderProblems = listing.Problems,
        };
        try
        {
            for (int i = 0; i < listing.Images.Count; i++)
                ReadOne(listing.Images[i], annotated is null ? null : Path.Combine(settings.AnnotateFolder!, annotated[i]), summary);
        }
        catch (OutputFailedException e)
        {
            summary.OutputFailed = true;
            error.WriteLine($"error: {e.Message}");
        }
        error.WriteLine(summary.Line());
        return summary;
    }

    private void ReadOne(InputImage image, string? annotatedPath, RunSummary summary)
    {
        RecognitionResult? result = null;
        string? failure = null, annotationError = null;
        Mat? photo = null;
        try
        {
            // Timed from before reading, so totalMs means what evaluate's per-image time means: file to plates.
            var stopwatch = Stopwatch.StartNew();
            photo = image.Load(recogniser.Options.MaxPixels);
            IReadOnlyList<RecognisedPlate> plates = !settings.Crops ? recogniser.Recognise(photo).Plates
                : recogniser.RecognisePlateImage(photo) is { } plate ? [plate] : [];
            result = new RecognitionResult(plates, stopwatch.Elapsed.TotalMilliseconds);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or IOException or UnauthorizedAccessException or OpenCVException)
        {
            failure = e.Message;
        }

        try
        {
            if (result is null)
            {
                summary.Failed++;
                Print(image, null, 0, failure!, null, null);
                return;
            }
            summary.Read++;
            var shown = result.Plates.Where(p => p.Confidence >= settings.MinConfidence).ToArray();
            int hidden = result.Plates.Count - shown.Length;
            summary.Plates += shown.Length;
            summary.Hidden += hidden;
            if (annotatedPath is not null)
            {
                try
                {
                    PlateAnnotator.Save(photo!, shown, annotatedPath);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or OpenCVException)
                {
                    annotationError = e.Message;
                    summary.AnnotationsFailed++;
                }
            }
            Print(image, result with { Plates = shown }, hidden, null, annotationError is null ? annotatedPath : null, annotationError);
        }
        finally
        {
            photo?.Dispose();
        }
    }

    private void Print(InputImage image, RecognitionResult? result, int hidden, string? failure, string? annotated, string? annotationError)
    {
        string name = image.Name;
        if (settings.Json)
        {
            var line = result is null
                ? PhotoJson.Failed(name, failure!)
                : PhotoJson.From(name, result, settings.Top) with { Annotated = annotated, AnnotationError = annotationError };
            Write(line.ToJsonLine());
            return;
        }
        if (result is null)
        {
            Write($"{name}: error: {failure}");
            return;
        }
        string ms = $"({result.TotalMs.ToString("F1", CultureInfo.InvariantCulture)} ms)";
        if (result.Plates.Count == 0)
            Write(hidden == 0 ? $"{name}: no plate found {ms}" : $"{name}: no plate shown, {hidden} under --min-confidence {ms}");
        foreach (var p in result.Plates)
        {
            var centre = p.Box.Center;
            Write($"{name}: {p.Text} confidence {F2(p.Confidence)}{(p.IsLowConfidence ? " (low)" : "")} {System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(p.Kind.ToString())} {p.Color.ToString().ToLowerInvariant()} at ({centre.X:F0},{centre.Y:F0}) {p.Box.Size.Width:F0}×{p.Box.Size.Height:F0} angle {p.Box.Angle:F1} {ms}");
            if (settings.Top > 0)
                Write($"{name}:   top {settings.Top}: {string.Join(", ", p.TopReadings(settings.Top).Select(r => $"{r.Text} {F2(r.Confidence)}"))}");
        }
        if (annotated is not null) Write($"{name}: annotated copy: {annotated}");
        if (annotationError is not null) Write($"{name}: annotated copy not written: {annotationError}");
    }

    private static string F2(double value) => value.ToString("F2", CultureInfo.InvariantCulture);

    /// <summary>One line to standard output; any writer's failure there is the output's, not the photo's.</summary>
    private void Write(string line)
    {
        try
        {
            output.WriteLine(line);
        }
        catch (IOException e)
        {
            throw new OutputFailedException($"standard output could not be written: {e.Message}", e);
        }
    }
}
