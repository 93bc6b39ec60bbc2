using System.Collections.Concurrent;
using OpenCvSharp;
using Plates.Consume.Recognition;
using Plates.Tests.TestSupport;

namespace Plates.Tests.Recognition;

/// <summary>One recogniser shared by many threads reads every photo exactly as a single thread does.</summary>
[TestClass]
public sealed class ConcurrencyTests
{
    private const int PhotoCount = 16;

    [TestMethod]
    public void Recognise_ManyThreadsOnTheSamePhotos_GiveExactlyTheSingleThreadResults()
    {
        var files = RecognitionData.Scenes(PhotoCount);
        if (files.Length < 4) Assert.Inconclusive("Too few scenes.");
        var photos = files.Select(f => (File: f, Bytes: File.ReadAllBytes(f))).ToArray();
        var expected = photos.ToDictionary(p => p.File, p => RecognitionData.Describe(SharedRecogniser.Instance.Recognise(p.Bytes)));
        Assert.IsTrue(expected.Values.Any(v => v.Length > 0), "no plate read in any photo: the comparison would prove nothing");

        // Every photo twice, in parallel, so the same photo is read by two threads at once and engines are reused.
        var work = photos.Concat(photos).ToArray();
        var seen = new ConcurrentBag<(string File, string Plates)>();
        Parallel.ForEach(work, new ParallelOptions { MaxDegreeOfParallelism = 8 }, photo =>
            seen.Add((photo.File, RecognitionData.Describe(SharedRecogniser.Instance.Recognise(photo.Bytes)))));

        Assert.HasCount(work.Length, seen);
        foreach (var (file, plates) in seen)
            Assert.AreEqual(expected[file], plates, Path.GetFileName(file));
    }

    [TestMethod]
    public void Recognise_ManyThreadsOnMatsOfOnePhoto_GiveTheSameResult()
    {
        using var photo = Cv2.ImRead(RecognitionData.RequireScene("粤TD1291"), ImreadModes.Color);
        string expected = RecognitionData.Describe(SharedRecogniser.Instance.Recognise(photo));
        StringAssert.Contains(expected, "粤TD1291");

        var seen = new ConcurrentBag<string>();
        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ => seen.Add(RecognitionData.Describe(SharedRecogniser.Instance.Recognise(photo))));

        Assert.IsTrue(seen.All(s => s == expected), string.Join("\n", seen.Distinct()));
    }
}
