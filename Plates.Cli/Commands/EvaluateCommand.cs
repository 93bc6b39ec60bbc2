using System.CommandLine;
using System.Globalization;
using Plates.Cli.Evaluation;
using Plates.Consume.Recognition;

namespace Plates.Cli.Commands;

/// <summary><c>evaluate</c>: reads a folder of photos (or crops) named for their plate and reports EasyPR-style figures.</summary>
public static class EvaluateCommand
{
    public static Command Create(Option<DirectoryInfo?> models)
    {
        var scenes = new Option<DirectoryInfo?>("--scenes") { Description = "Folder of street photos, each named for its plate (京A88731.jpg). With a GroundTruth.xml (EasyPR format) in it, a plate counts only where that file tags it." };
        var crops = new Option<DirectoryInfo?>("--crops") { Description = "Folder of plate crops, each named for its plate; localisation is skipped." };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for report.md and report.json.", DefaultValueFactory = _ => new DirectoryInfo("out/evaluation") };
        var command = new Command("evaluate", "Measure recognition on photos or crops whose file name is the true plate; writes report.md and report.json.")
        {
            scenes, crops, output,
        };
        command.Validators.Add(r =>
        {
            if ((r.GetValue(scenes) is null) == (r.GetValue(crops) is null)) r.AddError("Give exactly one of --scenes or --crops.");
        });
        command.SetAction(parse =>
        {
            using var recogniser = RecogniseCommand.CreateRecogniser(parse.GetValue(models));
            if (recogniser is null) return 2;
            var sceneFolder = parse.GetValue(scenes);
            string folder = (sceneFolder ?? parse.GetValue(crops))!.FullName;
            int lastPercent = -1;
            void Progress(int done, int total)
            {
                int percent = done * 100 / total;
                if (percent / 10 != lastPercent / 10) Console.Error.WriteLine($"evaluate: {done}/{total} images");
                lastPercent = percent;
            }
            try
            {
                var summary = sceneFolder is not null
                    ? RecognitionEvaluator.EvaluateScenes(recogniser, folder, Progress)
                    : RecognitionEvaluator.EvaluateCrops(recogniser, folder, Progress);
                string outFolder = parse.GetValue(output)!.FullName;
                EvaluationReportWriter.Write(summary, outFolder);
                static string P(double v) => (v * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";
                Console.WriteLine($"{summary.Kind}: {summary.Photos} images, found {P(summary.DetectionRate)}, exact {P(summary.ExactRate)}, ≤1 error {P(summary.AtMostOneErrorRate)}, first character {P(summary.FirstCharacterRate)}, median {summary.MedianMs.ToString("F1", CultureInfo.InvariantCulture)} ms, p95 {summary.P95Ms.ToString("F1", CultureInfo.InvariantCulture)} ms");
                Console.WriteLine(summary.GroundTruthFile is null
                    ? $"matching: {summary.Matching}"
                    : $"checked against {summary.GroundTruthFile}: {summary.FalseDetections} false detection(s) in {summary.PhotosCheckedForFalseDetections} images; {summary.PhotosWithoutGroundTruth.Count} image(s) not tagged there");
                Console.WriteLine($"misses: {string.Join(", ", summary.MissesByStage.Select(kv => $"{kv.Key} {kv.Value}"))}; report: {Path.Combine(outFolder, "report.md")}");
                return summary.Failed == 0 ? 0 : 1;
            }
            catch (Exception e) when (e is DirectoryNotFoundException or InvalidDataException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 2;
            }
        });
        return command;
    }
}
