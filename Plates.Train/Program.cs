using System.CommandLine;
using Plates.Train.Commands;
using Spectre.Console;

var console = AnsiConsole.Create(new AnsiConsoleSettings());
// Written to a log or CI, messages stay one line each instead of wrapping at Spectre's default 80 columns.
if (Console.IsOutputRedirected) console.Profile.Width = 1000;
var root = new RootCommand("Trains and evaluates the MlNetPlates character classifiers (province, city letter, five characters) with ML.NET.")
{
    TrainCommand.Create(console),
    EvaluateCommand.Create(console),
    RenderCommand.Create(),
    HarvestCommand.Create(),
};
return root.Parse(args).Invoke();
