using Spectre.Console;
using Plates.Train.Training;

namespace Plates.Train.Commands;

/// <summary>Runs work under a Spectre.Console progress display, one bar per step the work reports.</summary>
public static class SpectreProgress
{
    public static T Run<T>(IAnsiConsole console, string title, Func<StepProgress, T> work)
    {
        // Redrawn bars turn into hundreds of repeated lines in a log file or CI: there, one line per step instead.
        if (!console.Profile.Capabilities.Interactive)
        {
            string? last = null;
            var stopwatch = System.Diagnostics.Stopwatch.StartNew();
            T done = work((step, _) =>
            {
                if (step == last) return;
                last = step;
                console.WriteLine(FormattableString.Invariant($"{title}: {step} ({stopwatch.Elapsed.TotalSeconds:F1} s)"));
            });
            console.WriteLine(FormattableString.Invariant($"{title}: done ({stopwatch.Elapsed.TotalSeconds:F1} s)"));
            return done;
        }

        return console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var tasks = new Dictionary<string, ProgressTask>();
                ProgressTask? current = null;
                void Report(string step, double fraction)
                {
                    if (!tasks.TryGetValue(step, out var task))
                    {
                        if (current is not null) { current.Value = current.MaxValue; current.StopTask(); }
                        task = context.AddTask($"{title}: {step}", maxValue: 1.0);
                        tasks[step] = task;
                        current = task;
                    }
                    task.IsIndeterminate = double.IsNaN(fraction);
                    if (!double.IsNaN(fraction)) task.Value = fraction;
                }

                T result = work(Report);
                if (current is not null) { current.IsIndeterminate = false; current.Value = current.MaxValue; current.StopTask(); }
                return result;
            });
    }
}
