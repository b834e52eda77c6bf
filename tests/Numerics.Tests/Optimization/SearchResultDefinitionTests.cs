using Flatness.Numerics.Curvature;
using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Optimization;
using Flatness.Numerics.Quadrature;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Spectral;
using Flatness.Numerics.Tests.Support;

namespace Flatness.Numerics.Tests.Optimization;

/// <summary>What A-17 and the spectral claims read from the optimisers, against definitions (Stryker survivors of
/// Optimization, Spectral and Quadrature, 3 Dec 2026): the flattest interpolating candidate and the near-flattest set, a
/// candidate's residual and interpolation flag, a Ritz vector's norm, and a disk integrand that depends on y.</summary>
public class SearchResultDefinitionTests
{
    private static FlattestInterpolatorCandidate Candidate(double fStar, bool interpolates) =>
        new(TwoLayerNetwork.FromWeights(new Relu(), [1.0], [[1.0]]), fStar, interpolates ? 0 : 1, interpolates, interpolates, 1, 1,
            LimitedMemoryBfgsTermination.Gradient);

    [Test]
    public void Best_IsTheInterpolatingCandidateWithTheSmallestFStar_AndNearFlattestAreWithinTheFactor()
    {
        var result = new FlattestInterpolatorSearchResult([Candidate(3.0, true), Candidate(1.0, false), Candidate(2.0, true),
            Candidate(2.5, true), Candidate(5.0, true)]);
        Assert.That(result.Best!.OrbitMinimalTrace, Is.EqualTo(2.0));
        Assert.That(result.NearFlattest(1.25).Select(c => c.OrbitMinimalTrace), Is.EqualTo(new[] { 2.0, 2.5 }), "start order");
        Assert.That(result.NearFlattest(1.5).Select(c => c.OrbitMinimalTrace), Is.EquivalentTo(new[] { 3.0, 2.0, 2.5 }));
        Assert.That(new FlattestInterpolatorSearchResult([Candidate(1.0, false)]).Best, Is.Null);
        Assert.That(new FlattestInterpolatorSearchResult([Candidate(1.0, false)]).NearFlattest(2), Is.Empty);
    }

    [TestCase(1e-9)]
    [TestCase(1e-30)]
    public void Candidate_ReportsItsLargestResidual_AndInterpolatesOnlyWithinTheTolerance(double tolerance)
    {
        // At 1e-30 no double-precision search can interpolate: the flag must say so, with the residual it reports.
        var rng = new Rng(5);
        var x = new double[12];
        rng.FillGaussian(x);
        var data = new Dataset(x, x.Select(v => v > 0 ? 1.5 * v : 0.7 * -v).ToArray(), 1);
        var options = new FlattestInterpolatorOptions(Width: 3, Starts: 1, OuterIterations: 3, ResidualTolerance: tolerance);
        var c = FlattestInterpolatorSearch.Run(new Relu(), data, options, new Rng(6)).Candidates[0];
        double rms = Math.Sqrt(data.Targets.ToArray().Average(v => v * v));
        double worst = Enumerable.Range(0, data.Count).Max(i => Math.Abs(c.Network.Evaluate(data.Input(i)) - data.Target(i)));
        Assert.That(c.MaxResidual, Is.EqualTo(worst).Within(1e-12 * rms));
        Assert.That(c.Interpolates, Is.EqualTo(worst <= tolerance * rms));
        Assert.That(c.Interpolates, Is.EqualTo(tolerance > 1e-20), "the test exercises both outcomes");
        Tolerances.AssertClose(c.OrbitMinimalTrace, OrbitMinimalTrace.Compute(c.Network, data).Infimum, 1e-12);
    }

    [Test]
    public void LargestRitzVector_IsAUnitEigenvector()
    {
        // diag(1, 2, …, 8) rotated by nothing: the largest eigenpair is (8, ±e₈).
        var a = new double[64];
        for (int i = 0; i < 8; i++) a[i * 8 + i] = i + 1;
        var start = Enumerable.Range(0, 8).Select(i => 1.0 + 0.1 * i).ToArray();
        var pair = Lanczos.Largest(new DenseSymmetricOperator(a, 8), start, 8, 1e-12);
        Assert.That(pair.Value, Is.EqualTo(8.0).Within(1e-10));
        Assert.That(Math.Sqrt(pair.Vector.Sum(v => v * v)), Is.EqualTo(1.0).Within(1e-12));
        Assert.That(Math.Abs(pair.Vector[7]), Is.EqualTo(1.0).Within(1e-8));
    }

    [Test]
    public void DiskIntegral_OfY2_AndOfXY2_AreTheirClosedForms()
    {
        // ∫∫_{disk} y² = π/4 and ∫∫ x²y² = π/24: integrands that depend on y, with r sin θ on the inner rule.
        Tolerances.AssertClose(DiskQuadrature.Integrate((_, y) => y * y, 0, _ => []), Math.PI / 4, 1e-12);
        // x²y² comes out 6·10⁻⁹ relative from π/24 at the default order and tolerance (measured 3 Dec 2026).
        Tolerances.AssertClose(DiskQuadrature.Integrate((x, y) => x * x * y * y, 0, _ => []), Math.PI / 24, 1e-8);
    }
}
