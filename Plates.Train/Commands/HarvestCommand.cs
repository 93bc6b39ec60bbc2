using System.CommandLine;
using System.Globalization;
using System.Text;
using OpenCvSharp;
using Plates.Consume.Recognition;
using Plates.Model.Data;
using Plates.Model.IO;
using Plates.Model.Labels;
using Plates.Train.Data;
using Spectre.Console;

namespace Plates.Train.Commands;

/// <summary><c>harvest</c>: cuts labelled plate crops into characters for training, leaving the held-out half alone.</summary>
public static class HarvestCommand
{
    public static Command Create()
    {
        var crops = new Option<DirectoryInfo[]>("--crops") { Description = "Folders of plate crops named for their plate (浙A12345.jpg); repeat for several.", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Training root to write into: <out>/province|city|alnum/<label>/, beside harvest.md.", Required = true };
        var models = new Option<DirectoryInfo?>("--models") { Description = "Models that read the cuts to check them against the labels (default: the shipped ones)." };
        var minAgreement = new Option<int>("--min-agreement") { Description = "Characters of a cut that must read as labelled for its characters to be kept.", DefaultValueFactory = _ => 5 };
        var force = new Option<bool>("--force") { Description = "Write into an --out folder that already holds a harvest." };
        var command = new Command("harvest", $"Cut labelled plate crops into characters with the recogniser's own segmenter and keep those of crops whose cut agrees with the label. The held-out part of each folder ({HeldOutSplit.Share:P0}, fixed by file name: Plates.Model.Data.HeldOutSplit) is never cut, so that `evaluate --crops DIR --held-out` scores the recogniser on crops it did not learn from.")
        {
            crops, output, models, minAgreement, force,
        };
        command.SetAction(parse => Run(parse.GetRequiredValue(crops).Select(d => d.FullName).ToArray(), parse.GetRequiredValue(output).FullName,
            parse.GetValue(models)?.FullName ?? PlateRecogniser.DefaultModelsFolder, parse.GetValue(minAgreement), parse.GetValue(force)));
        return command;
    }

    private static int Run(IReadOnlyList<string> folders, string outFolder, string modelsFolder, int minAgreement, bool force)
    {
        string summaryPath = Path.Combine(outFolder, "harvest.md");
        if (File.Exists(summaryPath) && !force)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {outFolder} already holds a harvest ({summaryPath}); pass --force to add to it.");
            return 2;
        }
        var missing = folders.Where(f => !Directory.Exists(f)).ToArray();
        if (missing.Length > 0)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] folder not found: {string.Join(", ", missing)}");
            return 2;
        }
        CharacterHarvester harvester;
        try
        {
            harvester = new CharacterHarvester(modelsFolder, minAgreement);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or InvalidDataException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] cannot load the models: {e.Message}");
            return 2;
        }

        var summary = new StringBuilder("# Characters harvested from labelled plate crops\n\n");
        summary.AppendLine($"Models that checked the cuts: `{modelsFolder}`; a cut is kept when at least {minAgreement} of its characters read as labelled.\n");
        summary.AppendLine("| folder | crops | held out | harvested | rejected | characters |");
        summary.AppendLine("|---|---|---|---|---|---|");
        var rejections = new StringBuilder();
        using (harvester)
        {
            foreach (string folder in folders)
            {
                string set = Path.GetFileName(folder.TrimEnd(Path.DirectorySeparatorChar));
                var files = ImageFileTypes.InFolder(folder);
                var learnt = files.Where(f => !HeldOutSplit.IsHeldOut(f)).ToArray();
                int kept = 0, characters = 0, done = 0;
                foreach (string file in learnt)
                {
                    var plate = harvester.Harvest(file);
                    if (plate.Rejected is not null)
                    {
                        rejections.AppendLine($"| {set}/{Path.GetFileName(file)} | {plate.Rejected} |");
                    }
                    else
                    {
                        kept++;
                        for (int i = 0; i < plate.Characters.Count; i++)
                        {
                            string model = i switch { 0 => LabelSets.Province.Name, 1 => LabelSets.City.Name, _ => LabelSets.Alnum.Name };
                            string folderOut = Path.Combine(outFolder, model, plate.Label[i].ToString());
                            Directory.CreateDirectory(folderOut);
                            using var image = Mat.FromPixelData(20, 20, MatType.CV_8UC1, plate.Characters[i]);
                            Cv2.ImEncode(".png", image, out byte[] png);
                            AtomicFile.WriteAllBytes(Path.Combine(folderOut, $"{set}-{Path.GetFileNameWithoutExtension(file)}-{i}.png"), png);
                            characters++;
                        }
                    }
                    if (++done % 100 == 0) Console.Error.WriteLine($"harvest: {set} {done}/{learnt.Length}");
                }
                summary.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {set} | {files.Count} | {files.Count - learnt.Length} | {kept} | {learnt.Length - kept} | {characters} |"));
                AnsiConsole.MarkupLineInterpolated($"{set}: {files.Count} crops, {files.Count - learnt.Length} held out, {kept} harvested ({characters} characters), {learnt.Length - kept} rejected");
            }
        }
        if (rejections.Length > 0) summary.Append("\n## Rejected crops\n\n| crop | why |\n|---|---|\n").Append(rejections);
        Directory.CreateDirectory(outFolder);
        AtomicFile.WriteAllText(summaryPath, summary.ToString());
        AnsiConsole.MarkupLineInterpolated($"summary: {summaryPath}");
        return 0;
    }
}
