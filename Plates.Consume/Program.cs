using Plates.Consume.Commands;

return RecogniseCommand.Create().Parse(args).Invoke();
