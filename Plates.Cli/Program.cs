using Plates.Cli.Commands;

return RecogniseCommand.Create().Parse(args).Invoke();
