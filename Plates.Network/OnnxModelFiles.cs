namespace Plates.Network;

/// <summary>
/// The ONNX files ApplyOnnxModel is built from while a model is trained. ML.NET keeps reading the file until the model
/// is saved (it copies the bytes into the .zip then), which may be any time before the process ends, so the files are
/// deleted when the process exits. (Given a stream instead, ML.NET writes a temporary copy of its own that it never
/// deletes.) A model loaded from a .zip does not need them.
/// </summary>
internal static class OnnxModelFiles
{
    private static readonly object s_gate = new();
    private static readonly List<string> s_paths = [];

    static OnnxModelFiles() => AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteAll();

    /// <summary>Writes <paramref name="onnx"/> to a new file in the temporary folder and returns its path.</summary>
    public static string Write(byte[] onnx)
    {
        string path = Path.Combine(Path.GetTempPath(), $"plates-network-{Guid.NewGuid():N}.onnx");
        lock (s_gate) s_paths.Add(path);
        File.WriteAllBytes(path, onnx);
        return path;
    }

    internal static IReadOnlyList<string> Paths
    {
        get { lock (s_gate) return s_paths.ToArray(); }
    }

    private static void DeleteAll()
    {
        lock (s_gate)
        {
            foreach (string path in s_paths)
            {
                // Exiting: a file that cannot be deleted is left behind rather than failing the exit.
                try { File.Delete(path); }
                catch (IOException) { }
                catch (UnauthorizedAccessException) { }
            }
            s_paths.Clear();
        }
    }
}
