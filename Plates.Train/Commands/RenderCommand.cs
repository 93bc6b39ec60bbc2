using System.CommandLine;
using System.Globalization;
using OpenCvSharp;
using Plates.Model.IO;
using Plates.Model.Labels;
using Plates.Train.Data;
using Plates.Train.Synthesis;
using Spectre.Console;

namespace Plates.Train.Commands;

/// <summary><c>render</c>: draws character crops from fonts into class folders, for classes no real crop exists of.</summary>
public static class RenderCommand
{
    /// <summary>The Chinese characters of special plates (embassy, consulate, police, learner, trailer, Hong Kong, Macau).</summary>
    public const string SpecialCharacters = "使领警学挂港澳";

    public static Command Create()
    {
        var labels = new Option<string>("--labels") { Description = $"The characters to draw, one class each (default: {SpecialCharacters}).", DefaultValueFactory = _ => SpecialCharacters };
        var count = new Option<int>("--count") { Description = "Crops drawn per character.", DefaultValueFactory = _ => 300 };
        count.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError("--count must be at least 1."); });
        var output = new Option<DirectoryInfo>("--out") { Description = $"Training root to write into: <out>/<model>/<character>/, beside {DataSource.RenderSummary} (which marks the root as rendered in the training reports). Train on it beside the real crops: train --data chars --data <out>.", Required = true };
        var model = new Option<string>("--model") { Description = "The model whose folder the characters go into: special (the special plates' characters, the default), province, city or alnum.", DefaultValueFactory = _ => LabelSets.Special.Name };
        model.AcceptOnlyFromAmong(LabelSets.All.Select(s => s.Name).ToArray());
        var fonts = new Option<string[]>("--font") { Description = $"Font file (path, or path#index in a collection) or installed family (family:bold|regular); repeat for several (default: {string.Join(", ", GlyphRenderer.DefaultFonts)}).", AllowMultipleArgumentsPerToken = true };
        var seed = new Option<int>("--seed") { Description = "Seed of the random distortions; the same seed and fonts give the same crops.", DefaultValueFactory = _ => 1 };
        var force = new Option<bool>("--force") { Description = "Write into class folders that already hold files (files of the same name are replaced)." };
        var command = new Command("render", "Draw character crops from fonts (squeezed, turned, shrunk, blurred and binarised like real plate characters) into one folder per character.")
        {
            labels, count, output, model, fonts, seed, force,
        };
        command.SetAction(parse =>
        {
            var given = parse.GetValue(fonts) is { Length: > 0 } named ? named : GlyphRenderer.DefaultFonts.ToArray();
            return Run(parse.GetValue(labels)!, parse.GetValue(count), parse.GetRequiredValue(output).FullName, LabelSets.FromName(parse.GetValue(model)!), given, parse.GetValue(seed), parse.GetValue(force));
        });
        return command;
    }

    private static int Run(string labels, int count, string root, LabelSet model, IReadOnlyList<string> fonts, int seed, bool force)
    {
        var characters = labels.EnumerateRunes().Select(r => r.ToString()).Distinct().ToArray();
        if (characters.Length == 0)
        {
            AnsiConsole.MarkupLine("[red]error:[/] --labels names no character.");
            return 2;
        }
        var foreign = characters.Where(c => !model.Contains(c)).ToArray();
        if (foreign.Length > 0)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {string.Join(" ", foreign)}: not {model.Kind}, so not a class of the {model.Name} model.");
            return 2;
        }
        string outFolder = Path.Combine(root, model.Name);
        GlyphRenderer renderer;
        try
        {
            renderer = new GlyphRenderer(fonts);
        }
        catch (FileNotFoundException e)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return 2;
        }
        using (renderer)
        {
            var missing = characters.Where(c => !renderer.CanDraw(c)).ToArray();
            if (missing.Length > 0)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]error:[/] the fonts ({string.Join(", ", renderer.Fonts)}) have no glyph for {string.Join(" ", missing)}.");
                return 2;
            }
            var occupied = characters.Select(c => Path.Combine(outFolder, c)).Where(d => Directory.Exists(d) && Directory.EnumerateFileSystemEntries(d).Any()).ToArray();
            if (occupied.Length > 0 && !force)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {string.Join(", ", occupied)} already hold files; pass --force to write into them.");
                return 2;
            }
            // One random stream per character, so adding a character to --labels leaves the others' crops as they were.
            foreach (string character in characters)
            {
                // (HashCode is randomised per process; the code point is stable.)
                var random = new Random(unchecked(seed * 1_000_003 + char.ConvertToUtf32(character, 0)));
                string folder = Path.Combine(outFolder, character);
                Directory.CreateDirectory(folder);
                for (int i = 0; i < count; i++)
                {
                    byte[] pixels = renderer.Render(character, random);
                    using var crop = Mat.FromPixelData(20, 20, MatType.CV_8UC1, pixels);
                    Cv2.ImEncode(".png", crop, out byte[] png);
                    AtomicFile.WriteAllBytes(Path.Combine(folder, $"rendered-{seed}-{i:D4}.png"), png);
                }
            }
            AtomicFile.WriteAllText(Path.Combine(root, DataSource.RenderSummary), Summary(characters, count, model, renderer.Fonts, seed));
            AnsiConsole.MarkupLineInterpolated($"{characters.Length} class(es) × {count} crops from {string.Join(", ", renderer.Fonts)} written to {outFolder}; summary {Path.Combine(root, DataSource.RenderSummary)}");
        }
        return 0;
    }

    private static string Summary(IReadOnlyList<string> characters, int count, LabelSet model, IReadOnlyList<string> fonts, int seed) =>
        string.Create(CultureInfo.InvariantCulture, $"""
            # Characters drawn from fonts

            `train render` drew {count} crops of each of {string.Join(" ", characters)} into `{model.Name}/<character>/` (seed {seed}) from {string.Join(", ", fonts)}: squeezed, turned, slanted, shrunk, blurred and binarised like real plate characters (GlyphRenderOptions).

            They are not photographs: a model's figures on them are easier than on real crops.

            """);
}
