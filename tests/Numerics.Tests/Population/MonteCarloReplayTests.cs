using Flatness.Numerics.Networks;
using Flatness.Numerics.Population;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Tests.Support;
using MathNet.Numerics.Statistics;

namespace Flatness.Numerics.Tests.Population;

/// <summary>The Monte Carlo estimators' means and standard errors, replayed: the same seed gives the same points, and the
/// test recomputes every estimate from those points with MathNet's statistics (sample variance / n for the squared
/// standard error), not with the estimators' running sums. The sample counts are small and odd so that n against n ± 1,
/// an extra point, or a wrong sum shows at far more than rounding (Stryker survivors of Population, 3 Dec 2026).</summary>
public class MonteCarloReplayTests
{
    private const double Rounding = 1e-12;

    private static TwoLayerNetwork Network() =>
        TwoLayerNetwork.FromWeights(new Relu(), [1.5, -0.8], [[0.3, -1.2, 0.5], [1.0, 0.4, -0.2]]);

    // A target with a mean far from 0, so that E g² and Var g differ, and a spread, so that every moment matters.
    private static double Target(double[] x) => Math.Tanh(0.7 * x[0] - 0.1 * x[1] + 0.9 * x[2]) + 0.3 * x[0] * x[0] + 0.4;

    [TestCase(37, 5UL)]
    [TestCase(2, 6UL)]
    public void Sphere_ExcessAndVariance_AreTheSampleStatisticsOfTheSamePoints(int n, ulong seed)
    {
        var net = Network();
        var (excess, variance) = SpherePopulationLoss.MonteCarlo(net, Target, n, new Rng(seed));
        var rng = new Rng(seed);
        var x = new double[3];
        var e2 = new double[n];
        var g = new double[n];
        for (int i = 0; i < n; i++)
        {
            SpherePopulationLoss.Sample(x, rng);
            g[i] = Target(x);
            double e = net.Evaluate(x) - g[i];
            e2[i] = e * e;
        }
        var g2 = g.Select(v => v * v).ToArray();
        Tolerances.AssertClose(excess.Value, ArrayStatistics.Mean(e2), Rounding, what: "E(f − g)²");
        Tolerances.AssertClose(excess.StandardError, Replay.StandardErrorOfMean(e2), Rounding, what: "its SE");
        Tolerances.AssertClose(variance.Value, ArrayStatistics.PopulationVariance(g), Rounding, what: "Var g");
        Tolerances.AssertClose(variance.StandardError, Replay.StandardErrorOfMean(g2), Rounding, what: "SE of E g²");
        Assert.That((excess.Samples, variance.Samples), Is.EqualTo((n, n)));
        Assert.That((excess.Method, variance.Method), Is.EqualTo((PopulationMethod.MonteCarlo, PopulationMethod.MonteCarlo)));
    }

    [Test]
    public void Sphere_RejectsFewerThanTwoSamples_AndNulls()
    {
        var net = Network();
        Assert.Throws<ArgumentOutOfRangeException>(() => SpherePopulationLoss.MonteCarlo(net, Target, 1, new Rng(1)));
        Assert.Throws<ArgumentNullException>(() => SpherePopulationLoss.MonteCarlo(null!, Target, 5, new Rng(1)));
        Assert.Throws<ArgumentNullException>(() => SpherePopulationLoss.MonteCarlo(net, null!, 5, new Rng(1)));
        Assert.Throws<ArgumentNullException>(() => SpherePopulationLoss.MonteCarlo(net, Target, 5, null!));
        Assert.Throws<ArgumentNullException>(() => SpherePopulationLoss.Sample(new double[3], null!));
    }

    [TestCase(23, 0.25, 7UL)]
    [TestCase(2, 0.0, 8UL)]
    public void Gaussian_MonteCarlo_IsTheSampleMeanPlusTheNoise_WithTheStandardErrorOfTheMean(int n, double noise, ulong seed)
    {
        var net = Network();
        var r = GaussianPopulationLoss.MonteCarlo(net, Target, noise, n, new Rng(seed));
        var rng = new Rng(seed);
        var x = new double[3];
        var e2 = new double[n];
        for (int i = 0; i < n; i++)
        {
            rng.FillGaussian(x);
            double e = net.Evaluate(x) - Target(x);
            e2[i] = e * e;
        }
        Tolerances.AssertClose(r.Value, ArrayStatistics.Mean(e2) + noise, Rounding, what: "mean + ς²");
        Tolerances.AssertClose(r.StandardError, Replay.StandardErrorOfMean(e2), Rounding, what: "SE");
        Assert.That((r.Samples, r.Method), Is.EqualTo((n, PopulationMethod.MonteCarlo)));
    }

    [Test]
    public void Gaussian_MonteCarlo_RejectsFewerThanTwoSamples_AndNulls()
    {
        var net = Network();
        Assert.Throws<ArgumentOutOfRangeException>(() => GaussianPopulationLoss.MonteCarlo(net, Target, 0, 1, new Rng(1)));
        Assert.Throws<ArgumentNullException>(() => GaussianPopulationLoss.MonteCarlo(null!, Target, 0, 5, new Rng(1)));
        Assert.Throws<ArgumentNullException>(() => GaussianPopulationLoss.MonteCarlo(net, null!, 0, 5, new Rng(1)));
        Assert.Throws<ArgumentNullException>(() => GaussianPopulationLoss.MonteCarlo(net, Target, 0, 5, null!));
    }

    [Test]
    public void Span_SquaredErrors_AreThoseOfTheFullInputRebuiltFromTheBasis()
    {
        // The weights span all of ℝ³, so the basis Q is a rotation and x = Qᵀz is the full-dimensional input behind each
        // span draw z: (f(x) − g(x))² from TwoLayerNetwork.Evaluate is an independent evaluation of every value. The teacher
        // has two neurons, so that a teacher neuron read through the wrong coordinates shows.
        var net = Network();
        var teacher = TwoLayerNetwork.FromWeights(new Relu(), [0.9, 1.3], [[0.2, 0.1, 1.0], [-0.6, 0.8, 0.3]]);
        const int n = 41;
        var values = SpanMonteCarlo.SquaredErrors(net, teacher, n, new Rng(9));
        var weights = new[] { net.HiddenWeight(0).ToArray(), net.HiddenWeight(1).ToArray(), teacher.HiddenWeight(0).ToArray(),
            teacher.HiddenWeight(1).ToArray() };
        var basis = SpanMonteCarlo.OrthonormalBasis(weights);
        Assert.That(basis, Has.Count.EqualTo(3));
        for (int a = 0; a < 3; a++)
            for (int b = 0; b < 3; b++)
                Assert.That(basis[a].Zip(basis[b], (p, q) => p * q).Sum(), Is.EqualTo(a == b ? 1.0 : 0.0).Within(1e-14));
        var rng = new Rng(9);
        var z = new double[3];
        var expected = new double[n];
        for (int i = 0; i < n; i++)
        {
            rng.FillGaussian(z);
            var x = new double[3];
            for (int k = 0; k < 3; k++)
                for (int c = 0; c < 3; c++) x[c] += z[k] * basis[k][c];
            double e = net.Evaluate(x) - teacher.Evaluate(x);
            expected[i] = e * e;
        }
        Tolerances.AssertAllClose(values, expected, 1e-12, 1e-14);
        var mean = SpanMonteCarlo.PopulationLoss(net, teacher, n, new Rng(9));
        Tolerances.AssertClose(mean.Value, ArrayStatistics.Mean(expected), Rounding, what: "mean");
        Tolerances.AssertClose(mean.StandardError, Replay.StandardErrorOfMean(expected), Rounding, what: "SE");
    }

    [Test]
    public void Span_OrthonormalBasis_DropsAResidualBelowTheRelativeThreshold_AndKeepsOneAbove()
    {
        // v₂ = 10⁶e₁ + r e₂: its residual after e₁ is r, against the threshold 10⁻¹²‖v₂‖ ≈ 10⁻⁶.
        double[] e1 = [1.0, 0, 0];
        Assert.That(SpanMonteCarlo.OrthonormalBasis([e1, [1e6, 1e-9, 0]]), Has.Count.EqualTo(1));
        Assert.That(SpanMonteCarlo.OrthonormalBasis([e1, [1e6, 1e-3, 0]]), Has.Count.EqualTo(2));
        Assert.That(SpanMonteCarlo.OrthonormalBasis([[0.0, 0, 0], e1]), Has.Count.EqualTo(1));
    }
}
