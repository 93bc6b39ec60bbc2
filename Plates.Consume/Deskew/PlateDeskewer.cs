using OpenCvSharp;
using Plates.Consume.Localisation;

namespace Plates.Consume.Deskew;

public sealed class PlateDeskewer
{
    public static readonly Size OutputSize = new(136, 36);

    public Mat Extract(Mat bgrPhoto, PlateCandidate candidate) => CandidateVerifier.Warp(bgrPhoto, candidate.Box, OutputSize);
}
