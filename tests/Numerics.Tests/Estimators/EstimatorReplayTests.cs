using Flatness.Numerics.Estimators;
using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Tests.Support;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Statistics;

namespace Flatness.Numerics.Tests.Estimators;

/// <summary>The trace estimators replayed and checked against exact references (Stryker survivors of Estimators,
/// 3 Dec 2026): Hutchinson's standard error and stopping rule, SLQ's quadrature against vᵀg(A)v from MathNet's
/// eigendecomposition, and Hutch++ on a full-rank matrix, where its stochastic part is not zero.</summary>
public class EstimatorReplayTests
{
    // A full-rank symmetric matrix with a spread spectrum (PSD: GᵀG/p + diag(1 … p)/p).
    private static (DenseSymmetricOperator Op, Matrix<double> Dense) FullRank(int p, ulong seed)
    {
        var rng = new Rng(seed);
        var g = new double[p * p];
        rng.FillGaussian(g);
        var m = Matrix<double>.Build.Dense(p, p, (i, j) => g[i * p + j]);
        var a = m.TransposeThisAndMultiply(m) / p + Matrix<double>.Build.DenseOfDiagonalArray(Enumerable.Range(1, p).Select(i => i / (double)p).ToArray());
        a = (a + a.Transpose()) / 2;
        var flat = new double[p * p];
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++) flat[i * p + j] = a[i, j];
        return (new DenseSymmetricOperator(flat, p), a);
    }

    [TestCase(ProbeDistribution.Rademacher)]
    [TestCase(ProbeDistribution.Gaussian)]
    public void Hutchinson_IsTheSampleMeanOfZTransposeAZ_WithTheStandardErrorOfTheMean(ProbeDistribution distribution)
    {
        const int p = 7, n = 13;
        var (op, a) = FullRank(p, 3);
        var est = Hutchinson.Estimate(op, n, 41, distribution);
        var rng = new Rng(41);
        var z = new double[p];
        var samples = new double[n];
        for (int s = 0; s < n; s++)
        {
            if (distribution == ProbeDistribution.Rademacher) rng.FillRademacher(z);
            else rng.FillGaussian(z);
            var v = Vector<double>.Build.DenseOfArray(z);
            samples[s] = v * (a * v);
        }
        Tolerances.AssertClose(est.Value, ArrayStatistics.Mean(samples), 1e-12, what: "mean");
        Tolerances.AssertClose(est.StandardError, Replay.StandardErrorOfMean(samples), 1e-12, what: "SE");
        Assert.That((est.Products, est.Probes), Is.EqualTo((n, n)));
        Assert.That(est.RelativeStandardError, Is.EqualTo(est.StandardError / Math.Abs(est.Value)));
        Assert.That(new TraceEstimate(0, 1, 2, 2).RelativeStandardError, Is.EqualTo(double.PositiveInfinity));
        Assert.That(new TraceEstimate(0, 0, 2, 2).RelativeStandardError, Is.EqualTo(double.PositiveInfinity), "never NaN");
    }

    [Test]
    public void EstimateToRelativeError_StopsAtTheFirstCountWhoseSummaryMeetsTheTarget()
    {
        // Replay: summarise the first N samples for N = minProbes, minProbes + 1, …; the estimator must stop at the first N
        // whose relative SE is at most the target, with exactly that summary.
        var (op, _) = FullRank(9, 5);
        var samples = Hutchinson.Samples(op, 400, 43);
        const double target = 0.02;
        const int minProbes = 12;
        int stop = Enumerable.Range(minProbes, 400 - minProbes + 1).First(k =>
        {
            var head = samples.Take(k).ToArray();
            return Replay.StandardErrorOfMean(head) / Math.Abs(ArrayStatistics.Mean(head)) <= target;
        });
        var est = Hutchinson.EstimateToRelativeError(op, target, 400, 43, minProbes: minProbes);
        Assert.That(est.Probes, Is.EqualTo(stop));
        Assert.That(stop, Is.GreaterThan(minProbes), "the target is not met at the first look");
        var head = samples.Take(stop).ToArray();
        Tolerances.AssertClose(est.Value, ArrayStatistics.Mean(head), 1e-12);
        Tolerances.AssertClose(est.StandardError, Replay.StandardErrorOfMean(head), 1e-12);
        // Never met: all maxProbes samples.
        var capped = Hutchinson.EstimateToRelativeError(op, 1e-9, 30, 43, minProbes: minProbes);
        Assert.That(capped.Probes, Is.EqualTo(30));
        // A target met at once stops at max(2, minProbes), not before.
        Assert.That(Hutchinson.EstimateToRelativeError(op, 1e9, 30, 43, minProbes: minProbes).Probes, Is.EqualTo(minProbes));
        Assert.That(Hutchinson.EstimateToRelativeError(op, 1e9, 30, 43, minProbes: 0).Probes, Is.EqualTo(2));
    }

    [Test]
    public void Slq_WithAsManyStepsAsTheDimension_IsTheSampleMeanOfVTransposeGOfAV()
    {
        // With steps ≥ p the Lanczos quadrature is exact: p·Σₗ(e₁ᵀyₗ)²g(θₗ) = vᵀg(A)v for a Rademacher v (‖v‖² = p).
        // Reference: g(A) from MathNet's symmetric eigendecomposition.
        const int p = 6, probes = 9;
        var (op, a) = FullRank(p, 7);
        var evd = a.Evd(Symmetricity.Symmetric);
        Func<double, double> g = x => Math.Log(x) + x * x;
        var ga = evd.EigenVectors * Matrix<double>.Build.DenseOfDiagonalArray(evd.EigenValues.Select(l => g(l.Real)).ToArray())
            * evd.EigenVectors.Transpose();
        var est = StochasticLanczosQuadrature.Estimate(op, g, probes, p, 47);
        var rng = new Rng(47);
        var v = new double[p];
        var samples = new double[probes];
        for (int s = 0; s < probes; s++)
        {
            rng.FillRademacher(v);
            var x = Vector<double>.Build.DenseOfArray(v);
            samples[s] = x * (ga * x);
        }
        Tolerances.AssertClose(est.Value, ArrayStatistics.Mean(samples), 1e-9, what: "mean");
        Tolerances.AssertClose(est.StandardError, Replay.StandardErrorOfMean(samples), 1e-8, what: "SE");
        Assert.That(est.Probes, Is.EqualTo(probes));
        Assert.That(est.Products, Is.InRange(probes, probes * p), "Lanczos products, at most p per probe");
    }

    [Test]
    public void HutchPlusPlus_OnAFullRankMatrix_IsUnbiased_UsesItsBudget_AndItsStandardErrorIsTheSpread()
    {
        // Full rank: the sketch cannot span A, so the deflated Hutchinson part carries real variance. Over 300 seeds the mean
        // estimate is within 4 standard errors of tr A (exact), every run uses exactly its 30 products with 10 probes, and
        // the mean reported SE² matches the variance of the estimates within 30 % (300 draws: the variance itself is ±10 %).
        var (op, a) = FullRank(40, 11);
        double trace = a.Trace();
        var values = new double[300];
        var se2 = new double[300];
        for (int s = 0; s < values.Length; s++)
        {
            var est = HutchPlusPlus.Estimate(op, 30, 5000 + (ulong)s);
            Assert.That((est.Products, est.Probes), Is.EqualTo((30, 10)));
            values[s] = est.Value;
            se2[s] = est.StandardError * est.StandardError;
        }
        double spread = ArrayStatistics.Variance(values);
        Assert.That(spread, Is.GreaterThan(1e-6 * trace * trace), "the stochastic part is not zero");
        Assert.That(Math.Abs(ArrayStatistics.Mean(values) - trace), Is.LessThanOrEqualTo(4 * Math.Sqrt(spread / values.Length)));
        Assert.That(ArrayStatistics.Mean(se2) / spread, Is.InRange(0.7, 1.3));
    }
}
