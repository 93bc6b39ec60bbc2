using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using Plates.Cli.Inputs;
using Plates.Cli.Output;
using Plates.Consume.Recognition;

namespace Plates.Cli.Commands;

/// <summary>The default command: prints the plates in each photo given (files or folders).</summary>
public static class RecogniseCommand
{
    /// <summary>The most readings <c>--top</c> gives: each is exact up to this (<see cref="CharacterClassifier.RunnersUpKept"/>).</summary>
    public const int MaxTop = CharacterClassifier.RunnersUpKept + 1;

    /// <summary>
    /// Parses and runs a command line: the exit code is the command's, 2 for a command line that does not parse (as
    /// for any usage error here), 3 when standard output failed.
    /// </summary>
    public static int Run(string[] args, InvocationConfiguration? configuration = null)
    {
        var parse = Create().Parse(args);
        try
        {
            int exit = parse.Invoke(configuration ?? new InvocationConfiguration());
            return parse.Action is ParseErrorAction ? RunSummary.ExitUsage : exit;
        }
        catch (OutputFailedException e)
        {
            (configuration?.Error ?? Console.Error).WriteLine($"error: {e.Message}");
            return RunSummary.ExitOutputFailed;
        }
    }

    public static RootCommand Create()
    {
        var inputs = new Argument<string[]>("images")
        {
            Description = "Photos, or folders of photos, to read plates from; '-' reads one image from standard input. Names that start with '-' go after '--'.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per photo per line: {\"file\", \"plates\": [...], \"totalMs\" (decoding included), \"error\"}, with \"annotated\" or \"annotationError\" under --annotate and each plate's \"readings\" under --top." };
        var annotate = new Option<DirectoryInfo?>("--annotate") { HelpName = "DIR", Description = "Write a copy of each photo with its plates boxed and labelled into this folder, as <name>.annotated.jpg (a short hash of the path is added where two inputs share a name). Folder listings skip these copies." };
        var crop = new Option<bool>("--crop") { Description = "The images are plate crops (one plate filling each image): read without looking for plates (PlateRecogniser.RecognisePlateImage). An option, not a subcommand, because the inputs and every other option stay the same; only the reading differs." };
        var top = new Option<int?>("--top") { Description = $"Also print the N most probable readings of each plate (1–{MaxTop}), from each character's most probable classes: ranked by the product of the characters' probabilities, each shown with their geometric mean, as the plate's confidence is.", HelpName = "N" };
        var minConfidence = new Option<double>("--min-confidence") { Description = "Leave out plates whose confidence is under X (0–1), in the output and the annotated copies; the summary says how many.", HelpName = "X" };
        var recursive = new Option<bool>("--recursive", "-r") { Description = "Also read the images in the folders' subfolders (links to folders are not followed)." };
        var models = new Option<DirectoryInfo?>("--models") { HelpName = "DIR", Description = "Folder holding province.zip, city.zip and alnum.zip (default: the shipped assets/models).", Recursive = true };
        top.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 1 or > MaxTop) r.AddError($"--top takes a number from 1 to {MaxTop}.");
        });
        minConfidence.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is < 0 or > 1 or double.NaN) r.AddError("--min-confidence takes a number from 0 to 1.");
        });

        var root = new RootCommand(
            "Reads Chinese licence plates from photos (or plate crops) with OpenCV and the ML.NET character models. " +
            "Prints a line per image and a summary on the error stream. Exit codes: 0 every image read, 1 an image, folder " +
            "or annotated copy failed, 2 a usage error or models that cannot be loaded, 3 standard output could not be written.")
        {
            inputs, json, annotate, crop, top, minConfidence, recursive, models,
        };
        root.Subcommands.Add(EvaluateCommand.Create(models));
        SubcommandHelp.Apply(root);
        root.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            var given = parse.GetValue(inputs) ?? [];
            string? usage = UsageError(parse, inputs, given);
            if (usage is not null)
            {
                error.WriteLine($"error: {usage}");
                return RunSummary.ExitUsage;
            }
            using var recogniser = CreateRecogniser(parse.GetValue(models), error);
            if (recogniser is null) return RunSummary.ExitUsage;
            var settings = new BatchSettings(parse.GetValue(json), parse.GetValue(annotate)?.FullName, parse.GetValue(crop),
                parse.GetValue(top) ?? 0, parse.GetValue(minConfidence), parse.GetValue(recursive));
            return new PhotoBatch(recogniser, settings, parse.InvocationConfiguration.Output, error).Run(given).ExitCode;
        });
        return root;
    }

    /// <summary>Loads the models, or prints which file is missing or broken and returns null.</summary>
    public static PlateRecogniser? CreateRecogniser(DirectoryInfo? models, TextWriter error)
    {
        try
        {
            return new PlateRecogniser(models?.FullName);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or InvalidDataException)
        {
            error.WriteLine($"error: cannot load the models: {e.Message}");
            return null;
        }
    }

    /// <summary>
    /// What the parser lets through but the command cannot take: no images; an option it does not know, which
    /// System.CommandLine hands to an argument that takes any string (a name starting with '-' is a file only after
    /// '--'); standard input twice, or from a terminal.
    /// </summary>
    private static string? UsageError(ParseResult parse, Argument<string[]> inputs, string[] given)
    {
        if (given.Length == 0) return "give at least one photo or folder (see --help).";
        var tokens = parse.Tokens;
        int doubleDash = -1;
        for (int i = 0; i < tokens.Count && doubleDash < 0; i++)
            if (tokens[i].Type == TokenType.DoubleDash) doubleDash = i;
        foreach (var token in parse.GetResult(inputs)?.Tokens ?? [])
        {
            int at = -1;
            for (int i = 0; i < tokens.Count && at < 0; i++)
                if (ReferenceEquals(tokens[i], token)) at = i;
            bool optionLike = token.Value.Length > 1 && token.Value[0] == '-';
            if (optionLike && (doubleDash < 0 || at < doubleDash))
                return $"unknown option '{token.Value}' (see --help; a file whose name starts with '-' goes after '--').";
        }
        int standardInputs = given.Count(g => g == InputImage.StandardInputArgument);
        if (standardInputs > 1) return "'-' (standard input) can be given once.";
        if (standardInputs == 1 && !Console.IsInputRedirected) return "'-' reads an image from standard input, but standard input is a terminal: pipe or redirect the image into it.";
        return null;
    }
}
