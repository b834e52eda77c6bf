using Flatness.Numerics.Randomness;
using Flatness.Numerics.Tests.Support;
using Flatness.Numerics.Variation;
using MathNet.Numerics;

namespace Flatness.Numerics.Tests.Variation;

public class PopulationWeightTests
{
    private static readonly int[] Dimensions = [1, 2, 3, 4, 5, 8];
    private static readonly double[] Thresholds = [-0.7, -0.2, 0.0, 0.3, 0.75, 0.9, 0.99];

    // Independent reference: double-exponential quadrature of the marginal density c₁(1 − s²)^{(d−1)/2} (Lemma E.1),
    // written out here rather than through PopulationWeight.MarginalDensity.
    private static double Density(int d, double s) =>
        Math.Exp(SpecialFunctions.GammaLn(d / 2.0 + 1) - SpecialFunctions.GammaLn((d + 1) / 2.0) - 0.5 * Math.Log(Math.PI))
        * Math.Pow(Math.Max(0, 1 - s * s), (d - 1) / 2.0);

    private static double Quad(Func<double, double> f, double a, double b) => Integrate.DoubleExponential(f, a, b, 1e-14);

    [Test]
    public void C1_MatchesThePapersValues()
    {
        // Paper B, Lemma E.1: c₁(2) = 2/π, c₁(3) = 3/4; d = 1: X₁ ~ U[−1, 1], density 1/2.
        Tolerances.AssertClose(PopulationWeight.C1(1), 0.5, 1e-14);
        Tolerances.AssertClose(PopulationWeight.C1(2), 2 / Math.PI, 1e-14);
        Tolerances.AssertClose(PopulationWeight.C1(3), 0.75, 1e-14);
    }

    [Test]
    public void MarginalDensity_HasMassOne([Range(1, 10)] int d) =>
        Tolerances.AssertClose(Quad(s => PopulationWeight.MarginalDensity(d, s), -1, 1), 1.0, 1e-11);

    [Test]
    public void Q_M_S_MatchQuadrature([ValueSource(nameof(Dimensions))] int d)
    {
        foreach (double t in Thresholds)
        {
            Tolerances.AssertClose(PopulationWeight.Q(d, t), Quad(s => Density(d, s), t, 1), 1e-10, 1e-15, $"Q d={d} t={t}");
            Tolerances.AssertClose(PopulationWeight.M(d, t), Quad(s => s * Density(d, s), t, 1), 1e-10, 1e-15, $"M d={d} t={t}");
            Tolerances.AssertClose(PopulationWeight.S(d, t), Quad(s => (s - t) * Density(d, s), t, 1), 1e-9, 1e-15, $"S d={d} t={t}");
        }
    }

    [Test]
    public void OneSided_IsPSquaredTimesConditionalGapTimesRoot([ValueSource(nameof(Dimensions))] int d)
    {
        // Spec §3 definition: g̃ = P(X₁ > t)² · E[X₁ − t | X₁ > t] · √(1 + E[X₁ | X₁ > t]²) (E[X | ·] is along u).
        foreach (double t in Thresholds)
        {
            double p = Quad(s => Density(d, s), t, 1);
            double gap = Quad(s => (s - t) * Density(d, s), t, 1) / p;
            double mean = Quad(s => s * Density(d, s), t, 1) / p;
            Tolerances.AssertClose(PopulationWeight.OneSided(d, t), p * p * gap * Math.Sqrt(1 + mean * mean), 1e-9, 1e-16, $"d={d} t={t}");
        }
    }

    [Test]
    public void Weight_IsEvenZeroOutsideAndDecreasingInAbsT([ValueSource(nameof(Dimensions))] int d)
    {
        Assert.That(PopulationWeight.Weight(d, 1.0), Is.EqualTo(0.0));
        Assert.That(PopulationWeight.Weight(d, -1.5), Is.EqualTo(0.0));
        Tolerances.AssertClose(PopulationWeight.OneSided(d, -0.999999), 1.0, 1e-4);
        double previous = double.PositiveInfinity;
        for (int i = 0; i < 200; i++)
        {
            double t = -1 + i / 100.0 + 0.005;
            double g = PopulationWeight.OneSided(d, t);
            Assert.That(g, Is.LessThan(previous), $"g̃_P decreasing at t={t}");
            previous = g;
            Assert.That(PopulationWeight.Weight(d, t), Is.EqualTo(Math.Min(g, PopulationWeight.OneSided(d, -t))));
        }
    }

    [Test]
    public void WeightAtZero_IsTheClosedForm([ValueSource(nameof(Dimensions))] int d) =>
        Tolerances.AssertClose(PopulationWeight.WeightAtZero(d), PopulationWeight.Weight(d, 0), 1e-14);

    [Test]
    public void BoundaryRatio_ConvergesToKappa([ValueSource(nameof(Dimensions))] int d)
    {
        double kappa = PopulationWeight.BoundaryConstant(d);
        double r3 = PopulationWeight.Weight(d, 1 - 1e-3) / Math.Pow(1e-3, d + 2);
        double r4 = PopulationWeight.Weight(d, 1 - 1e-4) / Math.Pow(1e-4, d + 2);
        Assert.That(Math.Abs(r4 - kappa), Is.LessThan(Math.Abs(r3 - kappa)), "closer at 1−t = 1e−4 than at 1e−3");
        Tolerances.AssertClose(r4, kappa, 1e-2);
    }

    [Test]
    public void KappaD1_IsOneSixteenthRootTwo()
    {
        // d = 1: g_P = ((1−t)/2)³ √(1 + ((1+t)/2)²) → (1 − t)³ · √2/8 = (1 − t)³ · 2^{7/2} · (1/4)/(4 · 4).
        Tolerances.AssertClose(PopulationWeight.BoundaryConstant(1), Math.Sqrt(2) / 8, 1e-14);
    }

    [Test]
    public void UnivariateForm_EqualsTheGeneralFormAtD1()
    {
        for (double t = -0.99; t < 1; t += 0.0725)
            Tolerances.AssertClose(PopulationWeight.Weight(1, t), PopulationWeight.UnivariateWeight(t), 1e-13, 1e-17, $"t={t}");
    }

    [TestCase(2, 0.3, 1UL)]
    [TestCase(3, -0.4, 2UL)]
    [TestCase(5, 0.6, 3UL)]
    public void Q_M_S_MatchSamplingFromTheBall(int d, double t, ulong seed)
    {
        // Monte Carlo from Unif(B^d₁) (Gaussian direction, radius U^{1/d}); each estimate within 5 standard errors
        // (false-failure probability ≈ 6e−7 per comparison).
        var rng = new Rng(seed);
        int n = 200_000;
        double sq = 0, sq2 = 0, sm = 0, sm2 = 0, ss = 0, ss2 = 0;
        var v = new double[d];
        for (int i = 0; i < n; i++)
        {
            rng.FillGaussian(v);
            double norm = Math.Sqrt(v.Sum(c => c * c));
            double x1 = v[0] / norm * Math.Pow(rng.NextDouble(), 1.0 / d);
            double ind = x1 > t ? 1 : 0, m = x1 * ind, s = Math.Max(x1 - t, 0);
            sq += ind; sq2 += ind * ind; sm += m; sm2 += m * m; ss += s; ss2 += s * s;
        }
        void Check(double sum, double sum2, double exact, string what)
        {
            double mean = sum / n, se = Math.Sqrt((sum2 / n - mean * mean) / n);
            Assert.That(Math.Abs(mean - exact), Is.LessThanOrEqualTo(5 * se), $"{what}: MC {mean} ± {se}, exact {exact}");
        }
        Check(sq, sq2, PopulationWeight.Q(d, t), "Q");
        Check(sm, sm2, PopulationWeight.M(d, t), "M");
        Check(ss, ss2, PopulationWeight.S(d, t), "S");
    }
}
