using System.CommandLine;
using System.Globalization;
using Plates.Cli.Evaluation;
using Plates.Cli.Output;
using Plates.Consume.Recognition;

namespace Plates.Cli.Commands;

/// <summary><c>evaluate</c>: reads a folder of photos (or crops) named for their plate and reports EasyPR-style figures.</summary>
public static class EvaluateCommand
{
    public static Command Create(Option<DirectoryInfo?> models)
    {
        var scenes = new Option<DirectoryInfo?>("--scenes") { Description = "Folder of street photos, each named for its plate (京A88731.jpg). With a GroundTruth.xml (EasyPR format) in it, a plate counts only where that file tags it." };
        var crops = new Option<DirectoryInfo?>("--crops") { Description = "Folder of plate crops, each named for its plate; localisation is skipped." };
        var heldOut = new Option<bool>("--held-out") { Description = $"With --crops: score only the crops kept out of training (Plates.Model.Data.HeldOutSplit, {Plates.Model.Data.HeldOutSplit.Share:P0} of a folder, by file name), the ones `train harvest` never cuts." };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for report.md and report.json.", DefaultValueFactory = _ => new DirectoryInfo("out/evaluation") };
        var command = new Command("evaluate", "Measure recognition on photos or crops whose file name is the true plate; writes report.md and report.json.")
        {
            scenes, crops, heldOut, output,
        };
        command.Validators.Add(r =>
        {
            if ((r.GetValue(scenes) is null) == (r.GetValue(crops) is null)) r.AddError("Give exactly one of --scenes or --crops.");
            else if (r.GetValue(heldOut) && r.GetValue(crops) is null) r.AddError("--held-out applies to --crops only (the scenes are never harvested).");
        });
        command.SetAction(parse =>
        {
            var (written, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            using var recogniser = RecogniseCommand.CreateRecogniser(parse.GetValue(models), error);
            if (recogniser is null) return RunSummary.ExitUsage;
            var sceneFolder = parse.GetValue(scenes);
            string folder = (sceneFolder ?? parse.GetValue(crops))!.FullName;
            int lastPercent = -1;
            void Progress(int done, int total)
            {
                int percent = done * 100 / total;
                if (percent / 10 != lastPercent / 10) error.WriteLine($"evaluate: {done}/{total} images");
                lastPercent = percent;
            }
            EvaluationSummary summary;
            try
            {
                summary = sceneFolder is not null
                    ? RecognitionEvaluator.EvaluateScenes(recogniser, folder, Progress)
                    : RecognitionEvaluator.EvaluateCrops(recogniser, folder, Progress, parse.GetValue(heldOut));
            }
            catch (Exception e) when (e is DirectoryNotFoundException or InvalidDataException)
            {
                error.WriteLine($"error: {e.Message}");
                return RunSummary.ExitUsage;
            }

            // The figures are printed before the reports are written, so a disk that cannot take the reports loses
            // neither them nor the old reports; and output that cannot be written still leaves the reports.
            string outFolder = parse.GetValue(output)!.FullName;
            bool printed = TryPrint(written, error, summary, outFolder);
            try
            {
                EvaluationReportWriter.Write(summary, outFolder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"error: the reports could not be written to {outFolder} (any earlier ones are left as they were): {e.Message}");
                return RunSummary.ExitOutputFailed;
            }
            if (!printed) return RunSummary.ExitOutputFailed;
            return summary.Failed == 0 ? RunSummary.ExitSuccess : RunSummary.ExitSomeFailed;
        });
        return command;
    }

    private static bool TryPrint(TextWriter output, TextWriter error, EvaluationSummary summary, string outFolder)
    {
        static string P(double v) => (v * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";
        try
        {
            output.WriteLine($"{summary.Kind}: {summary.Photos} images, found {P(summary.DetectionRate)}, exact {P(summary.ExactRate)}, ≤1 error {P(summary.AtMostOneErrorRate)}, first character {P(summary.FirstCharacterRate)}, median {summary.MedianMs.ToString("F1", CultureInfo.InvariantCulture)} ms, p95 {summary.P95Ms.ToString("F1", CultureInfo.InvariantCulture)} ms");
            output.WriteLine(summary.GroundTruthFile is null
                ? $"matching: {summary.Matching}"
                : $"checked against {summary.GroundTruthFile}: {summary.FalseDetections} false detection(s) in {summary.PhotosCheckedForFalseDetections} images; {summary.PhotosWithoutGroundTruth.Count} image(s) not tagged there");
            if (summary.Subset is not null) output.WriteLine($"images scored: {summary.Subset}");
            output.WriteLine($"misses: {string.Join(", ", summary.MissesByStage.Select(kv => $"{kv.Key} {kv.Value}"))}; report: {Path.Combine(outFolder, "report.md")}");
            return true;
        }
        catch (Exception e) when (e is IOException or OutputFailedException)
        {
            error.WriteLine($"error: standard output could not be written: {e.Message}");
            return false;
        }
    }
}
