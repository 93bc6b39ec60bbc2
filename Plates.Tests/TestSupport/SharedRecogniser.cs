using Plates.Consume.Recognition;

namespace Plates.Tests.TestSupport;

/// <summary>
/// One recogniser with the shipped models for every test that needs one: loading costs a fraction of a second, and a
/// recogniser is meant to be shared (it is thread-safe), so sharing it in tests exercises that too.
/// </summary>
[TestClass]
public static class SharedRecogniser
{
    private static readonly Lazy<PlateRecogniser> s_instance = new(() => new PlateRecogniser());

    public static PlateRecogniser Instance => s_instance.Value;

    [AssemblyCleanup]
    public static void DisposeRecogniser()
    {
        if (s_instance.IsValueCreated) s_instance.Value.Dispose();
    }
}
