using Flatness.Claims.Checks.PaperA;
using Flatness.Claims.Checks.PaperB;
using Flatness.Claims.Checks.Symbolic;
using Flatness.Claims.Model;
using Flatness.Symbolic.Obligations;

namespace Flatness.Claims.Running;

/// <summary>Every registered claim, in id order (paper A, then paper B; numbers ascending).</summary>
public static class ClaimCatalog
{
    private static readonly Lazy<IReadOnlyList<Claim>> s_all = new(Build);

    /// <summary>All claims.</summary>
    public static IReadOnlyList<Claim> All => s_all.Value;

    /// <summary>The claim with this id (case-insensitive), or null.</summary>
    public static Claim? Find(string id) => All.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase));

    private static List<Claim> Build()
    {
        var claims = new List<Claim>
        {
            new A01TraceIdentityAtInterpolators(),
            new A02ResidualTermOffInterpolation(),
            new A03RescalingInvariance(),
            new A04HessianCongruence(),
            new A05OrbitMinimum(),
            new A06OrbitUnboundedAbove(),
            new A07InterpolatorFloor(),
            new A08TeacherFlatnessLimit(),
            new A09TeacherToFloorRatio(),
            new A10ReluNetworkLimit(),
            new A11GeneralDegreeLimit(),
            new A13MemoriserFlatness(),
            new A14MemoriserDoesNotGeneralize(),
            new A15DataSpanNeuron(),
            new A16NonGeneralizingClassesStaySharp(),
            new A17FlattestInterpolatorsGeneralize(),
            new A18FloorGrowsWithNoise(),
            new A12NeuronSplitting(),
            new A19PermutationAndOutputScaling(),
            new A20GramSpectrum(),
            new A21DinhFixture(),
            new A22AdaptiveSharpness(),
            new A23EstimatorsMatchOracles(),
            new B01OutputHessianNorm(),
            new B02TermA(),
            new B03TheoremThreePointTwo(),
            new B04CorollaryAtTrainedPoints(),
            new B05EmptyDataNetwork(),
            new B06PopulationWeight(),
            new B07MarginalBounds(),
            new B08WeightConcentration(),
            new B09AnnulusBounds(),
            new B10BoundaryAtoms(),
            new B11CapPacking(),
            new B12EmptyCaps(),
            new B13ShatteringNetwork(),
            new B14ReducedSeminorm(),
            new B15ConventionFactor(),
            new B16EdgeOfStability(),
            new B17ShatteringVsWeightDecay(),
            new B18SlopesByDimension(),
            new B19DimensionSweep(),
            new B20SimplicityInStepSize(),
            new B21RemainingTrends(),
        };
        claims.AddRange(ObligationCatalog.All.Select(o => new ObligationClaim(o)));
        return claims.OrderBy(c => c.Id[0]).ThenBy(c => int.Parse(c.Id[2..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
    }
}
