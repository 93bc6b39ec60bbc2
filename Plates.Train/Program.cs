using System.CommandLine;
using Plates.Train.Commands;

var root = new RootCommand("Trains and evaluates the MlNetPlates character classifiers (province, city letter, five characters) with ML.NET.")
{
    TrainCommand.Create(),
    EvaluateCommand.Create(),
    RenderCommand.Create(),
    HarvestCommand.Create(),
};
return root.Parse(args).Invoke();
