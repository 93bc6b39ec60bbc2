using System.CommandLine;
using Plates.Consume.Recognition;
using Plates.Model.Data;
using Plates.Train.Data;
using Spectre.Console;

namespace Plates.Train.Commands;

/// <summary><c>harvest</c>: cuts labelled plate crops into characters for training, leaving the held-out half alone.</summary>
public static class HarvestCommand
{
    public static Command Create()
    {
        var crops = new Option<DirectoryInfo[]>("--crops") { Description = "Folders of plate crops named for their plate (浙A12345.jpg); repeat for several.", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [] };
        var photos = new Option<DirectoryInfo[]>("--photos") { Description = "Instead of --crops: folders of photos of any plate kind named for their plate (沪A1707领.jpg, 使198476.jpg). Each plate is located and cut on the layout of every format its label fits; its characters are filed under the model that reads them (special/ for 使 领 警 学 挂 港 澳). No photo is held out.", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [] };
        var output = new Option<DirectoryInfo>("--out") { Description = "Training root to write into: <out>/province|city|alnum/<label>/, beside harvest.md.", Required = true };
        var models = new Option<DirectoryInfo?>("--models") { Description = "Models that read the cuts to check them against the labels (default: the shipped ones)." };
        var minAgreement = new Option<int>("--min-agreement") { Description = "Characters of a cut that must read as labelled for its characters to be kept.", DefaultValueFactory = _ => 5 };
        var views = new Option<bool>("--chinese-views") { Description = "Also keep the other images of each crop's first (Chinese) character that the recogniser reads and averages: the stricter and wider views, and the views of the other cuts that agree with the label (as <folder>-<crop>-0-viewN.png)." };
        var soften = new Option<double[]>("--soften") { Description = "Also cut each harvested crop blurred by these Gaussian σ (pixels of the crop, each in (0, 5]; e.g. --soften 0.7 1 1.3), keeping the characters of each blurred cut that agrees with the label as views of the crop's own (<folder>-<crop>-<position>-viewN.png): a softer camera's view of the same plate.", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [] };
        var force = new Option<bool>("--force") { Description = "Write into an --out folder that already holds a harvest." };
        var command = new Command("harvest", $"Cut labelled plate crops (or, with --photos, located photos of any plate kind) into characters with the recogniser's own segmenter and keep those of crops whose cut agrees with the label. The held-out part of each folder ({HeldOutSplit.Share:P0}, fixed by file name: Plates.Model.Data.HeldOutSplit) is never cut, so that `evaluate --crops DIR --held-out` scores the recogniser on crops it did not learn from; photos (--photos) are few and none is held out (score them with scripts/kinds-leave-one-out.sh).")
        {
            crops, photos, output, models, minAgreement, views, soften, force,
        };
        command.SetAction(parse => Run(parse.GetValue(crops)?.Select(d => d.FullName).ToArray() ?? [], parse.GetValue(photos)?.Select(d => d.FullName).ToArray() ?? [],
            parse.GetRequiredValue(output).FullName, parse.GetValue(models)?.FullName ?? PlateRecogniser.DefaultModelsFolder, parse.GetValue(minAgreement),
            parse.GetValue(views), parse.GetValue(soften) ?? [], parse.GetValue(force)));
        return command;
    }

    private static int Run(IReadOnlyList<string> cropFolders, IReadOnlyList<string> photoFolders, string outFolder, string modelsFolder, int minAgreement, bool chineseViews, double[] softenings, bool force)
    {
        if ((cropFolders.Count > 0) == (photoFolders.Count > 0))
        {
            AnsiConsole.MarkupLine("[red]error:[/] give either --crops or --photos (one harvest each).");
            return 2;
        }
        bool located = photoFolders.Count > 0;
        if (located && (chineseViews || softenings.Length > 0))
        {
            AnsiConsole.MarkupLine("[red]error:[/] --chinese-views and --soften are for --crops only.");
            return 2;
        }
        var folders = located ? photoFolders : cropFolders;
        string summaryPath = Path.Combine(outFolder, DataSource.HarvestSummary);
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
        var badBlurs = softenings.Where(sigma => !(sigma > 0 && sigma <= 5)).ToArray();
        if (badBlurs.Length > 0)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] --soften {string.Join(" ", badBlurs)}: each blur must lie in (0, 5] pixels.");
            return 2;
        }
        IPlateHarvester harvester;
        try
        {
            harvester = located
                ? new PhotoHarvester(modelsFolder, minAgreement)
                : new CharacterHarvester(modelsFolder, minAgreement, chineseViews: chineseViews, softenings: softenings);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or InvalidDataException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] cannot load the models: {e.Message}");
            return 2;
        }

        HarvestSummary summary;
        using (harvester as IDisposable)
            summary = HarvestRun.Run(folders, outFolder, harvester, (set, done, total) => Console.Error.WriteLine($"harvest: {set} {done}/{total}"));
        foreach (var f in summary.Folders)
            AnsiConsole.MarkupLineInterpolated($"{f.Name}: {f.Crops} {(located ? "photos" : "crops")}, {f.HeldOut} held out, {f.Harvested} harvested ({f.Characters} characters), {f.Rejected} rejected");
        AnsiConsole.MarkupLineInterpolated($"summary: {summaryPath}");
        return 0;
    }
}
