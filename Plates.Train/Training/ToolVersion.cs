using System.Reflection;

namespace Plates.Train.Training;

/// <summary>The trainer's version as models and reports record it.</summary>
public static class ToolVersion
{
    /// <summary>The assembly's informational version: the project version and, when built from git, "+" and the commit.</summary>
    public static string Current { get; } =
        typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ToolVersion).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>Now in UTC to the whole second, the precision dates are recorded with.</summary>
    public static DateTime UtcNowToTheSecond()
    {
        var now = DateTime.UtcNow;
        return new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
    }
}
