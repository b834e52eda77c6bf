using Flatness.Numerics.Tests.Support;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Population;
using Flatness.Numerics.Randomness;
using MathNet.Numerics.LinearAlgebra;

namespace Flatness.Numerics.Tests.Population;

public class OddLinkTargetTests
{
    private static double[] Direction(int d, Rng rng, double scale = 1)
    {
        var u = new double[d];
        rng.FillGaussian(u);
        double n = Math.Sqrt(u.Sum(v => v * v));
        return u.Select(v => scale * v / n).ToArray();
    }

    private static OddLinkTarget ThreeIndexTanh(double kappa, int d, Rng rng) =>
        OddLinkTarget.Tanh(kappa, [1.2, -0.7, 0.9], [Direction(d, rng), Direction(d, rng, 1.5), Direction(d, rng, 0.6)]);

    private static TwoLayerNetwork RandomNet(Activation act, int m, int d, Rng rng) => Support.Cases.RandomBiasFree(act, m, d, rng);

    // References computed with mpmath at 30 digits (quad over the real line, split at 0), independent of this code:
    // E tanh²(κζ), E[ζ tanh(κζ)] for κ = 0.5, 1, 2; and E[tanh(ζ₁) tanh(2(0.3ζ₁ + √0.91 ζ₂))].
    [TestCase(0.5, 0.173516143432371850950596685128, 0.413241928283814074524701657436)]
    [TestCase(1.0, 0.394294490397841174416459772444, 0.605705509602158825583540227556)]
    [TestCase(2.0, 0.635261234256939924856443345761, 0.729477531486120150287113308477)]
    public void SingleIndex_MomentsMatchHighPrecisionQuadrature(double kappa, double secondMoment, double steinConstant)
    {
        var t = OddLinkTarget.Tanh(kappa, [1.0], [[0.6, 0.8]]);
        Tolerances.AssertClose(t.SecondMoment, secondMoment, 1e-12, 0, "E tanh²");
        Tolerances.AssertClose(t.LinearPart[0], 0.6 * steinConstant, 1e-12, 0, "β₁");
        Tolerances.AssertClose(t.LinearPart[1], 0.8 * steinConstant, 1e-12, 0, "β₂");
        // A/Var g for one index: 1 − (E ζψ)²/E ψ² (1.6 %, 7.0 %, 16.2 % for κ = 0.5, 1, 2).
        Tolerances.AssertClose(t.BestApproximationError(new Relu()), secondMoment - steinConstant * steinConstant, 1e-11);
    }

    [Test]
    public void CrossMoment_MatchesHighPrecisionQuadrature()
    {
        // Two indices at cosine 0.3 with ‖v‖ = 2: E g² = E tanh²(ζ) + E tanh²(2ζ) + 2·E[tanh(ζ₁)tanh(2(0.3ζ₁ + √0.91ζ₂))].
        double[] u = [1, 0], v = [0.6, 2 * Math.Sqrt(0.91)];
        var t = OddLinkTarget.Tanh(1, [1.0, 1.0], [u, v]);
        double expected = 0.394294490397841174416459772444 + 0.635261234256939924856443345761 + 2 * 0.13358151069241661023;
        Tolerances.AssertClose(t.SecondMoment, expected, 1e-10);
    }

    [Test]
    public void ParallelAndSharpDirections_MatchHighPrecisionQuadrature()
    {
        // ρ = 1 with ‖v‖ = 2: E(tanh ζ + tanh 2ζ)² (mpmath 2.0158155210626858317); ρ = −1: g ≡ 0.
        var parallel = OddLinkTarget.Tanh(1, [1.0, 1.0], [[0.6, 0.8], [1.2, 1.6]]);
        Tolerances.AssertClose(parallel.SecondMoment, 2.0158155210626858317, 1e-12);
        var opposite = OddLinkTarget.Tanh(1, [1.0, 1.0], [[0.6, 0.8], [-0.6, -0.8]]);
        Assert.That(Math.Abs(opposite.SecondMoment), Is.LessThan(1e-14));
        Assert.That(opposite.LinearPart.Max(Math.Abs), Is.LessThan(1e-15));
        // κ = 20 at cosine 0.5: a steep link whose inner argument crosses 0 off the node boundaries unless split there.
        // mpmath: E tanh²(20ζ) = 0.9601466983062406969507296, E[tanh(20ζ₁)tanh(20(0.5ζ₁ + √0.75ζ₂))] = 0.33257990498544354411.
        var sharp = OddLinkTarget.Tanh(20, [1.0, 1.0], [[1.0, 0.0], [0.5, Math.Sqrt(0.75)]]);
        Tolerances.AssertClose(sharp.SecondMoment, 2 * 0.9601466983062406969507296 + 2 * 0.33257990498544354411, 1e-11);
    }

    [Test]
    public void HugeAndTinyDirections_NeitherOverflowNorUnderflow()
    {
        // ‖u‖ = 1e200: tanh(‖u‖ζ) is sign(ζ) on every node, so E g² = 1 and β₁ = E|ζ| = √(2/π).
        var huge = OddLinkTarget.Tanh(1, [1.0], [[1e200, 0.0]]);
        Tolerances.AssertClose(huge.SecondMoment, 1, 1e-12);
        Tolerances.AssertClose(huge.LinearPart[0], 0.7978845608028653558798921, 1e-12);
        // ‖u‖ = 1e-200: tanh(‖u‖ζ) = ‖u‖ζ to double precision, β₁ = 1e-200 and A = 0.
        var tiny = OddLinkTarget.Tanh(1, [1.0], [[1e-200, 0.0]]);
        Tolerances.AssertClose(tiny.LinearPart[0], 1e-200, 1e-12);
        Assert.That(tiny.BestApproximationError(new Relu()), Is.EqualTo(0));
    }

    [Test]
    public void ApproximationError_GrowsWithTheLinkScale_AndVanishesAsTheLinkBecomesLinear()
    {
        // tanh(κz) = κz − κ³z³/3 + …: the unrepresentable part is O(κ³), so A/Var g = O(κ⁴) → 0; it increases with κ.
        var rng = new Rng(12);
        var u = new[] { Direction(6, rng), Direction(6, rng), Direction(6, rng) };
        double[] scales = [0.05, 0.5, 1.0, 2.0];
        var a = scales.Select(k => OddLinkTarget.Tanh(k, [1.0, -0.8, 0.6], u)).Select(t => t.BestApproximationError(new Relu()) / t.SecondMoment).ToArray();
        Assert.That(a[0], Is.LessThan(1e-4));
        Assert.That(a[1], Is.LessThan(a[2]));
        Assert.That(a[2], Is.LessThan(a[3]));
    }

    [Test]
    public void SecondMomentAndLinearPart_AgreeWithMonteCarlo()
    {
        var rng = new Rng(41);
        const int d = 5, N = 400_000;
        var t = ThreeIndexTanh(1.5, d, rng);
        var x = new double[d];
        double s = 0, s2 = 0;
        var bx = new double[d];
        var bx2 = new double[d];
        for (int i = 0; i < N; i++)
        {
            rng.FillGaussian(x);
            double g = t.Evaluate(x);
            s += g * g;
            s2 += g * g * g * g;
            for (int k = 0; k < d; k++)
            {
                bx[k] += x[k] * g;
                bx2[k] += x[k] * g * x[k] * g;
            }
        }
        double mean = s / N, se = Math.Sqrt((s2 / N - mean * mean) / N);
        Assert.That(Math.Abs(t.SecondMoment - mean), Is.LessThan(5 * se), $"E g² {t.SecondMoment} vs MC {mean} ± {se}");
        for (int k = 0; k < d; k++)
        {
            double m = bx[k] / N, sek = Math.Sqrt((bx2[k] / N - m * m) / N);
            Assert.That(Math.Abs(t.LinearPart[k] - m), Is.LessThan(5 * sek), $"β[{k}] {t.LinearPart[k]} vs MC {m} ± {sek}");
        }
    }

    [TestCase("relu")]
    [TestCase("leaky_relu")]
    [TestCase("abs")]
    public void PopulationLoss_AgreesWithMonteCarlo_AndNeverBeatsTheBestApproximationError(string activation)
    {
        var rng = new Rng(7);
        var act = Support.Cases.MakeActivation(activation);
        var t = ThreeIndexTanh(1, 4, rng);
        var net = RandomNet(act, 3, 4, rng);
        double exact = t.PopulationLoss(net);
        var mc = GaussianPopulationLoss.MonteCarlo(net, x => t.Evaluate(x), 0, 400_000, rng);
        Assert.That(Math.Abs(exact - mc.Value), Is.LessThan(5 * mc.StandardError), $"exact {exact}, MC {mc.Value} ± {mc.StandardError}");
        double a = t.BestApproximationError(act);
        for (int k = 0; k < 50; k++)
            Assert.That(t.PopulationLoss(RandomNet(act, 1 + k % 6, 4, rng)), Is.GreaterThanOrEqualTo(a * (1 - 1e-12)));
        // Networks within 1e-3 of the best approximation: their loss exceeds A by O(1e-6), so an A computed even slightly
        // too large fails here (random networks above only catch an A far too large).
        var best = t.BestApproximation(act);
        for (int k = 0; k < 20; k++)
        {
            var theta = best.Parameters.ToArray();
            for (int i = 0; i < theta.Length; i++) theta[i] += 1e-3 * rng.NextGaussian();
            double loss = t.PopulationLoss(best.WithParameters(theta));
            Assert.That(loss, Is.GreaterThanOrEqualTo(a - 1e-12 * t.SecondMoment));
            Assert.That(loss - a, Is.LessThan(1e-4 * t.SecondMoment), "a perturbed best approximation stays near A");
        }
    }

    [TestCase("relu")]
    [TestCase("leaky_relu")]
    [TestCase("abs")]
    public void Pythagoras_LossIsTheDistanceToTheBestApproximationPlusA(string activation)
    {
        // E(f − g)² (Stein cross term) = E(f − Pg)² (arc-cosine kernel, another code path) + A.
        var rng = new Rng(8);
        var act = Support.Cases.MakeActivation(activation);
        var t = ThreeIndexTanh(2, 6, rng);
        var best = t.BestApproximation(act);
        double a = t.BestApproximationError(act);
        Tolerances.AssertClose(t.PopulationLoss(best), a, 1e-11, 1e-14, "the best approximation attains A");
        for (int k = 0; k < 10; k++)
        {
            var net = RandomNet(act, 4, 6, rng);
            Tolerances.AssertClose(t.PopulationLoss(net), GaussianPopulationLoss.Exact(net, best) + a, 1e-11, 1e-13);
        }
    }

    [Test]
    public void OddPartOfABiasFreeReluNetwork_IsLinear()
    {
        // The fact the best approximation rests on: f(x) − f(−x) = (Σⱼ aⱼwⱼ)ᵀx for ReLU.
        var rng = new Rng(9);
        var net = RandomNet(new Relu(), 7, 5, rng);
        var sum = new double[5];
        for (int j = 0; j < net.Width; j++)
            for (int i = 0; i < 5; i++) sum[i] += net.OutputWeight(j) * net.HiddenWeight(j)[i];
        var x = new double[5];
        for (int k = 0; k < 20; k++)
        {
            rng.FillGaussian(x);
            Tolerances.AssertClose(net.Evaluate(x) - net.Evaluate(x.Select(v => -v).ToArray()), sum.Zip(x, (p, q) => p * q).Sum(), 1e-12, 1e-12);
        }
    }

    [Test]
    public void SeparateLeastSquaresFit_OfAWideReluNetwork_ReachesTheBestApproximationError()
    {
        // A separate minimisation: 24 ReLU features (d random directions with their negatives, which span the linear
        // functions, and 16 more random directions; no exact linear dependence among them) fitted to g by least squares
        // (MathNet QR) on 100 000 Gaussian points; the fit's loss on 200 000 fresh points must be A up to the small overfit.
        var rng = new Rng(10);
        const int d = 4, m = 24, N = 100_000;
        var t = ThreeIndexTanh(2, d, rng);
        var w = new double[m][];
        for (int j = 0; j < d; j++)
        {
            w[2 * j] = Direction(d, rng);
            w[2 * j + 1] = w[2 * j].Select(v => -v).ToArray();
        }
        for (int j = 2 * d; j < m; j++) w[j] = Direction(d, rng);
        var features = Matrix<double>.Build.Dense(N, m);
        var y = Vector<double>.Build.Dense(N);
        var x = new double[d];
        for (int i = 0; i < N; i++)
        {
            rng.FillGaussian(x);
            for (int j = 0; j < m; j++) features[i, j] = Math.Max(0, w[j].Zip(x, (p, q) => p * q).Sum());
            y[i] = t.Evaluate(x);
        }
        var coefficients = features.QR().Solve(y);
        var fit = TwoLayerNetwork.FromWeights(new Relu(), coefficients.ToArray(), w);
        double a = t.BestApproximationError(new Relu());
        var mc = GaussianPopulationLoss.MonteCarlo(fit, v => t.Evaluate(v), 0, 200_000, rng);
        Assert.That(a / t.SecondMoment, Is.GreaterThan(0.05), "the target is far from representable (the test has power)");
        Assert.That(Math.Abs(mc.Value - a), Is.LessThan(5 * mc.StandardError + 0.01 * a), $"fit {mc.Value} ± {mc.StandardError} vs A {a}");
        double exact = t.PopulationLoss(fit);
        Assert.That(exact, Is.InRange(a, 1.01 * a));
    }

    [Test]
    public void BadInput_IsRefusedWithAClearError()
    {
        Assert.Throws<ArgumentException>(() => new OddLinkTarget("exp", Math.Exp, [1.0], [[1.0, 0.0]]));
        Assert.Throws<ArgumentException>(() => new OddLinkTarget("cosh", Math.Cosh, [1.0], [[1.0, 0.0]]));
        Assert.Throws<ArgumentException>(() => OddLinkTarget.Tanh(1, [1.0, 2.0], [[1.0, 0.0]]));
        Assert.Throws<ArgumentException>(() => OddLinkTarget.Tanh(1, [1.0, 2.0], [[1.0, 0.0], [1.0]]));
        Assert.Throws<ArgumentException>(() => OddLinkTarget.Tanh(1, [1.0], [[0.0, 0.0]]));
        Assert.Throws<ArgumentException>(() => OddLinkTarget.Tanh(1, [double.NaN], [[1.0, 0.0]]));
        Assert.Throws<ArgumentOutOfRangeException>(() => OddLinkTarget.Tanh(0, [1.0], [[1.0, 0.0]]));
        Assert.Throws<ArgumentException>(() => new OddLinkTarget("1e300 z³", z => 1e300 * z * z * z, [1.0], [[1.0, 0.0]]), "E g² overflows");
        var t = OddLinkTarget.Tanh(1, [1.0], [[1.0, 0.0]]);
        Assert.Throws<ArgumentException>(() => t.PopulationLoss(TwoLayerNetwork.FromWeights(new Relu(), [1.0], [[1.0, 0.0, 0.0]])));
        Assert.Throws<ArgumentException>(() => t.BestApproximationError(new ReluPower(2)));
    }
}
