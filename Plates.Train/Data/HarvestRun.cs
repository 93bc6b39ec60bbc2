using System.Globalization;
using System.Text;
using OpenCvSharp;
using Plates.Model.Data;
using Plates.Model.IO;
using Plates.Model.Labels;

namespace Plates.Train.Data;

/// <summary>What one folder of labelled crops gave: how many crops, held out, harvested and rejected, and the characters kept.</summary>
public sealed record HarvestedFolder(string Name, int Crops, int HeldOut, int Harvested, int Rejected, int Characters);

/// <summary>A whole harvest: each folder's counts and every rejected crop with the reason.</summary>
public sealed record HarvestSummary(IReadOnlyList<HarvestedFolder> Folders, IReadOnlyList<HarvestedPlate> Rejected);

/// <summary>
/// Harvests folders of labelled plate crops into a training root: every crop that <see cref="HeldOutSplit"/> does not
/// hold out is cut (<see cref="CharacterHarvester"/>), and the characters of each agreeing cut are written to
/// <c>&lt;root&gt;/province|city|alnum/&lt;label&gt;/&lt;folder&gt;-&lt;crop&gt;-&lt;position&gt;.png</c> (position 0 to the province model,
/// 1 to city, the rest to alnum), beside <see cref="DataSource.HarvestSummary"/>, which marks the root as harvested.
/// </summary>
public static class HarvestRun
{
    /// <param name="progress">Told (folder name, crops done, crops to cut) now and then.</param>
    public static HarvestSummary Run(IReadOnlyList<string> folders, string root, IPlateHarvester harvester, Action<string, int, int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(folders);
        ArgumentNullException.ThrowIfNull(harvester);
        var counts = new List<HarvestedFolder>();
        var rejected = new List<HarvestedPlate>();
        foreach (string folder in folders)
        {
            string set = FolderName(folder);
            var files = ImageFileTypes.InFolder(folder);
            // Photos of plate kinds are few (one or two of each kind): none is held out; they are scored leaving each
            // photo out of training in turn instead (scripts/kinds-leave-one-out.sh).
            var learnt = harvester.LocatesPlates ? files.ToArray() : files.Where(f => !HeldOutSplit.IsHeldOut(f)).ToArray();
            int kept = 0, characters = 0, done = 0;
            foreach (string file in learnt)
            {
                var plate = harvester.Harvest(file);
                if (plate.Rejected is not null)
                {
                    rejected.Add(plate);
                }
                else
                {
                    kept++;
                    string name = Path.GetFileNameWithoutExtension(file);
                    for (int i = 0; i < plate.Characters.Count; i++)
                        Write(plate.Characters[i], Path.Combine(root, FolderOf(plate, i), plate.Label[i].ToString(), $"{set}-{name}-{i}.png"));
                    for (int i = 0; i < plate.Characters.Count; i++)
                    {
                        // Named as views of the character, so that the split keeps them on its side (StratifiedSplit).
                        var views = (i == 0 ? plate.ChineseViews : []).Concat(plate.SoftCopies.Select(copy => copy[i])).ToArray();
                        for (int v = 0; v < views.Length; v++)
                            Write(views[v], Path.Combine(root, FolderOf(plate, i), plate.Label[i].ToString(), $"{set}-{name}-{i}-view{v + 1}.png"));
                        characters += views.Length;
                    }
                    characters += plate.Characters.Count;
                }
                if (++done % 100 == 0) progress?.Invoke(set, done, learnt.Length);
            }
            counts.Add(new HarvestedFolder(set, files.Count, files.Count - learnt.Length, kept, learnt.Length - kept, characters));
        }
        var summary = new HarvestSummary(counts, rejected);
        AtomicFile.WriteAllText(Path.Combine(root, DataSource.HarvestSummary), Markdown(summary, harvester));
        return summary;
    }

    private static void Write(byte[] grey, string path)
    {
        using var image = Mat.FromPixelData(20, 20, MatType.CV_8UC1, grey);
        Cv2.ImEncode(".png", image, out byte[] png);
        AtomicFile.WriteAllBytes(path, png);
    }

    /// <summary>The training folder the plate's character at <paramref name="position"/> is filed under.</summary>
    private static string FolderOf(HarvestedPlate plate, int position) => plate.Folders?[position] ?? ModelOf(position).Name;

    /// <summary>The model a plate's character at <paramref name="position"/> trains: province first, city second, alnum the rest.</summary>
    public static LabelSet ModelOf(int position) => position switch { 0 => LabelSets.Province, 1 => LabelSets.City, _ => LabelSets.Alnum };

    /// <summary>The name a folder's crops are filed under (its own name: crops-zj).</summary>
    public static string FolderName(string folder) => Path.GetFileName(folder.TrimEnd(Path.DirectorySeparatorChar));

    private static string Markdown(HarvestSummary summary, IPlateHarvester harvester)
    {
        var (image, images) = harvester.LocatesPlates ? ("photo", "photos") : ("crop", "crops");
        var md = new StringBuilder(harvester.LocatesPlates ? "# Characters harvested from labelled photos\n\n" : "# Characters harvested from labelled plate crops\n\n");
        md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Models that checked the cuts: `{harvester.ModelsFolder}`; a cut is kept when at least {harvester.MinAgreement} of its characters read as labelled."));
        md.AppendLine(harvester.LocatesPlates
            ? "Each photo's plate was located and cut on the layout of every format its label fits; the characters are filed under the model that reads their position in that format (special/ for 使 领 警 学 挂 港 澳). No photo was held out: score them leaving each out of training in turn (scripts/kinds-leave-one-out.sh).\n"
            : string.Create(CultureInfo.InvariantCulture, $"The held-out part of each folder ({HeldOutSplit.Share:P0}, by file name: HeldOutSplit) was not cut.\n"));
        if (harvester is CharacterHarvester { ChineseViews: true })
            md.AppendLine("Beside each crop's first character, its other views the recogniser reads (the stricter and wider cuts, and those of the other cuts that agree with the label) are kept as `<folder>-<crop>-0-viewN.png`, each different from the others; the characters column counts them.\n");
        if (harvester is CharacterHarvester { Softenings: { Count: > 0 } softenings })
            md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Each harvested crop was also blurred (Gaussian σ {string.Join(", ", softenings)} pixels) and cut again; where that cut agrees with the label too, its characters are kept as `<folder>-<crop>-<position>-viewN.png`, views of the crop's own character (the split keeps them on its side); the characters column counts them.\n"));
        md.AppendLine($"| folder | {images} | held out | harvested | rejected | characters |");
        md.AppendLine("|---|---|---|---|---|---|");
        foreach (var f in summary.Folders)
            md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {f.Name} | {f.Crops} | {f.HeldOut} | {f.Harvested} | {f.Rejected} | {f.Characters} |"));
        if (summary.Rejected.Count > 0)
        {
            md.Append($"\n## Rejected {images}\n\n| {image} | why |\n|---|---|\n");
            foreach (var plate in summary.Rejected)
                md.AppendLine($"| {FolderName(Path.GetDirectoryName(plate.Path)!)}/{Path.GetFileName(plate.Path)} | {plate.Rejected} |");
        }
        return md.ToString();
    }
}
