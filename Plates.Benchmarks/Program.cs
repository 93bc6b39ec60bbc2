using System.CommandLine;
using Plates.Benchmarks;

var root = new RootCommand("Measures MlNetPlates against its performance targets. Run with -c Release.")
{
    CharsCommand.Create(), CropsCommand.Create(), ScenesCommand.Create(), SoakCommand.Create(),
};
return root.Parse(args).Invoke();
