using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Plates.Cli.Commands;

/// <summary>
/// Help that gives a subcommand only its own usage and arguments. System.CommandLine writes the arguments of every
/// parent into a subcommand's usage line and Arguments section, so <c>evaluate --help</c> offered the root's
/// <c>&lt;images&gt;</c>, which evaluate never reads; and its help layout cannot be customised from outside (HelpBuilder
/// is internal in 3.0). So the root's arguments are hidden while a subcommand's help is written by the default action,
/// and shown again afterwards; the root's own help is untouched.
/// </summary>
public static class SubcommandHelp
{
    public static void Apply(RootCommand root)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new OwnArgumentsOnly(root, help.Action ?? new HelpAction());
    }

    private sealed class OwnArgumentsOnly(RootCommand root, CommandLineAction standard) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            if (parseResult.CommandResult.Command == root) return Run(standard, parseResult);
            var shown = root.Arguments.Where(a => !a.Hidden).ToArray();
            foreach (var argument in shown) argument.Hidden = true;
            try
            {
                return Run(standard, parseResult);
            }
            finally
            {
                foreach (var argument in shown) argument.Hidden = false;
            }
        }

        private static int Run(CommandLineAction action, ParseResult parseResult) =>
            action is SynchronousCommandLineAction synchronous ? synchronous.Invoke(parseResult) : throw new InvalidOperationException("The help action is not synchronous.");
    }
}
