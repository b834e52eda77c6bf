using Flatness.Numerics.Curvature;
using Flatness.Numerics.Estimators;
using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Tests.Support;

namespace Flatness.Numerics.Tests.Estimators;

public class HutchinsonTests
{
    private static DenseSymmetricOperator Wishart(int p, int rank, ulong seed)
    {
        var rng = new Rng(seed);
        var g = new double[p * rank];
        rng.FillGaussian(g);
        var a = new double[p * p];
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++)
            {
                double s = 0;
                for (int r = 0; r < rank; r++) s += g[i * rank + r] * g[j * rank + r];
                a[i * p + j] = s;
            }
        return new DenseSymmetricOperator(a, p);
    }

    [TestCase(ProbeDistribution.Rademacher, 1UL)]
    [TestCase(ProbeDistribution.Gaussian, 2UL)]
    [TestCase(ProbeDistribution.Rademacher, 3UL)]
    public void Mean_IsWithinFourStandardErrorsOfTheExactHessianTrace(ProbeDistribution dist, ulong seed)
    {
        var c = Cases.Make("relu2", true, true, false, 15, 3, 6, 21);
        var op = HessianOperator.Create(c.Network, c.Data);
        double exact = HessianTrace.Compute(c.Network, c.Data).Trace;
        var est = Hutchinson.Estimate(op, 400, seed, dist);
        Assert.That(Math.Abs(est.Value - exact), Is.LessThanOrEqualTo(4 * est.StandardError));
        Assert.That(est.Products, Is.EqualTo(400));
    }

    [TestCase(ProbeDistribution.Rademacher)]
    [TestCase(ProbeDistribution.Gaussian)]
    public void SampleVariance_MatchesTheOneProbeVarianceFormula_WithinA99PercentChiSquareInterval(ProbeDistribution dist)
    {
        var a = Wishart(30, 5, 4);
        int n = 2000;
        var samples = Hutchinson.Samples(a, n, 99, dist);
        double mean = samples.Average();
        double s2 = samples.Sum(s => (s - mean) * (s - mean)) / (n - 1);
        double expected = Hutchinson.SingleProbeVariance(a, dist);
        // (n−1)s²/σ² ~ χ²(n−1) only for Gaussian samples; quadratic forms are heavier-tailed, so use a wide band:
        // the χ² 99% band for n = 2000 is about ±8%, widened to ±20% for the excess kurtosis of zᵀAz.
        Assert.That(s2 / expected, Is.InRange(0.8, 1.2));
    }

    [Test]
    public void RelativeStandardError_IsAtMostRootTwoOverN_ForPsdMatrices()
    {
        var a = Wishart(40, 3, 5);
        var est = Hutchinson.Estimate(a, 50, 6);
        // Bound on the true SE: √(2/N)·‖A‖_F/tr A; the estimated SE fluctuates, allow 30%.
        double bound = Math.Sqrt(2.0 / 50) * Math.Sqrt(a.FrobeniusNormSquared()) / a.Trace();
        Assert.That(est.StandardError / a.Trace(), Is.LessThan(1.3 * bound));
        Assert.That(bound, Is.LessThanOrEqualTo(Math.Sqrt(2.0 / 50)));
    }

    [Test]
    public void SkorskiCount_MatchesTheFormula()
    {
        // 2(2 + 8√2/3·0.1)·ln(40)/0.01 = 1753.1… → 1754.
        double expected = 2 * (2 + 8 * Math.Sqrt(2) / 3 * 0.1) * Math.Log(40) / 0.01;
        Assert.That(Hutchinson.SufficientProbes(0.1, 0.05), Is.EqualTo((int)Math.Ceiling(expected)));
        Assert.That(expected, Is.InRange(1750.0, 1760.0));
    }

    [Test]
    public void EstimateToRelativeError_StopsOnTheEstimatedStandardError()
    {
        var a = Wishart(40, 10, 7);
        var est = Hutchinson.EstimateToRelativeError(a, 0.01, 100000, 8);
        Assert.That(est.RelativeStandardError, Is.LessThanOrEqualTo(0.01));
        Assert.That(Math.Abs(est.Value - a.Trace()), Is.LessThanOrEqualTo(4 * est.StandardError));
    }

    [Test]
    public void HutchPlusPlus_MedianError_IsBelowHutchinsons_OnALowRankPsdMatrix()
    {
        var a = Wishart(120, 8, 9);
        double exact = a.Trace();
        var hErr = new List<double>();
        var ppErr = new List<double>();
        for (ulong s = 0; s < 31; s++)
        {
            hErr.Add(Math.Abs(Hutchinson.Estimate(a, 30, 1000 + s).Value - exact));
            ppErr.Add(Math.Abs(HutchPlusPlus.Estimate(a, 30, 2000 + s).Value - exact));
        }
        hErr.Sort();
        ppErr.Sort();
        Assert.That(ppErr[15], Is.LessThanOrEqualTo(hErr[15]));
        // Rank 8 < sketch 10: the sketch captures A and the deflated remainder is ~0.
        Assert.That(ppErr[15], Is.LessThan(1e-8 * exact));
    }

    [Test]
    public void StochasticLanczosQuadrature_EstimatesTrAAndTrASquared()
    {
        var a = Wishart(60, 20, 10);
        var tr = StochasticLanczosQuadrature.Estimate(a, x => x, 200, 25, 11);
        var tr2 = StochasticLanczosQuadrature.Estimate(a, x => x * x, 200, 25, 12);
        Assert.That(Math.Abs(tr.Value - a.Trace()), Is.LessThanOrEqualTo(4 * tr.StandardError));
        Assert.That(Math.Abs(tr2.Value - a.FrobeniusNormSquared()), Is.LessThanOrEqualTo(4 * tr2.StandardError));
    }
}
