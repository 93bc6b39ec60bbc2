using Plates.Hosting;
using Plates.Service.Http;
using Plates.Service.Queue;

// worker, enqueue and collect are the queue's commands; anything else starts the HTTP service (e.g. --urls ...).
if (args.Length > 0 && QueueCommands.Names.Contains(args[0]))
    return await QueueCommands.Create().Parse(args).InvokeAsync();

var app = ServiceApp.Build(args);
var loader = app.Services.GetRequiredService<PlateRecogniserLoader>();
await app.RunAsync();
// The models could not be loaded: the loader stopped the service, which says so by its exit code.
return loader.Loaded.IsFaulted ? 1 : 0;
