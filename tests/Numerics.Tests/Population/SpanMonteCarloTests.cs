using Flatness.Numerics.Networks;
using Flatness.Numerics.Population;
using Flatness.Numerics.Randomness;

namespace Flatness.Numerics.Tests.Population;

public class SpanMonteCarloTests
{
    private static TwoLayerNetwork Teacher(Activation act, int d, Rng rng)
    {
        var u = new double[d];
        rng.FillGaussian(u);
        return TwoLayerNetwork.FromWeights(act, [1.0], [u.Select(v => v / Math.Sqrt(d)).ToArray()]);
    }

    [TestCase(1UL)]
    [TestCase(2UL)]
    public void ReluNetworkInHighDimension_MatchesTheExactArcCosineLoss(ulong seed)
    {
        // Reference: the closed form (arc-cosine kernel), an independent computation. 6 SE: a false failure has
        // probability about 2e-9 per case.
        var rng = new Rng(seed);
        int d = 300;
        var net = Support.Cases.RandomBiasFree(new Relu(), 8, d, rng);
        var teacher = Teacher(new Relu(), d, rng);
        double exact = GaussianPopulationLoss.Exact(net, teacher);
        var mc = SpanMonteCarlo.PopulationLoss(net, teacher, 200_000, rng);
        Assert.That(mc.Method, Is.EqualTo(PopulationMethod.MonteCarlo));
        Assert.That(mc.Samples, Is.EqualTo(200_000));
        Assert.That(Math.Abs(mc.Value - exact), Is.LessThanOrEqualTo(6 * mc.StandardError), $"exact {exact}, Monte Carlo {mc.Value} ± {mc.StandardError}");
        Assert.That(mc.StandardError, Is.LessThan(0.02 * exact), "the estimate resolves the loss to about 1 %");
    }

    [Test]
    public void ReluCubed_AgreesWithTheFullDimensionalMonteCarlo()
    {
        // No closed form for ReLU³: the reference is the Monte Carlo over x ∈ ℝ^d (GaussianPopulationLoss.MonteCarlo), an
        // independent estimator of the same mean; the difference of two independent means within 6 joint SE.
        var rng = new Rng(3);
        int d = 40;
        var net = Support.Cases.RandomBiasFree(new ReluPower(3), 3, d, rng);
        var teacher = Teacher(new ReluPower(3), d, rng);
        var span = SpanMonteCarlo.PopulationLoss(net, teacher, 100_000, rng);
        var full = GaussianPopulationLoss.MonteCarlo(net, x => teacher.Evaluate(x), 0, 100_000, rng);
        double joint = Math.Sqrt(span.StandardError * span.StandardError + full.StandardError * full.StandardError);
        Assert.That(Math.Abs(span.Value - full.Value), Is.LessThanOrEqualTo(6 * joint));
    }

    [Test]
    public void DependentWeights_AddNoDirection_AndTheLossStaysExact()
    {
        // w₂ = −2w₁ and the teacher along w₁: the span is one-dimensional, f − g = (a₁ − 1)(w₁ᵀx)₊ + a₂(−2w₁ᵀx)₊ with
        // w₁ᵀx ~ N(0, 1) for a unit w₁, so E(f − g)² = ((a₁ − 1)² + 4a₂²)/2 (the two ReLUs never fire together).
        double[] w1 = [0.6, 0.0, 0.8];
        var net = TwoLayerNetwork.FromWeights(new Relu(), [2.0, 0.5], [w1, w1.Select(v => -2 * v).ToArray()]);
        var teacher = TwoLayerNetwork.FromWeights(new Relu(), [1.0], [w1]);
        var mc = SpanMonteCarlo.PopulationLoss(net, teacher, 100_000, new Rng(4));
        double expected = (1.0 + 4 * 0.25) / 2;
        Assert.That(Math.Abs(mc.Value - expected), Is.LessThanOrEqualTo(6 * mc.StandardError));
    }

    [Test]
    public void SquaredErrors_AreTheValuesBehindTheMean()
    {
        var rng = new Rng(5);
        var net = Support.Cases.RandomBiasFree(new Relu(), 4, 10, rng);
        var teacher = Teacher(new Relu(), 10, rng);
        var values = SpanMonteCarlo.SquaredErrors(net, teacher, 1000, new Rng(6));
        var mean = SpanMonteCarlo.PopulationLoss(net, teacher, 1000, new Rng(6));
        Assert.That(values, Has.Length.EqualTo(1000));
        Assert.That(mean.Value, Is.EqualTo(values.Average()).Within(1e-12 * values.Average()));
        Assert.That(values, Has.All.GreaterThanOrEqualTo(0));
    }

    [Test]
    public void Biases_AreRejected()
    {
        var withBias = TwoLayerNetwork.FromWeights(new Relu(), [1.0], [[1.0, 0.0]], hiddenBiases: [0.5]);
        var teacher = TwoLayerNetwork.FromWeights(new Relu(), [1.0], [[1.0, 0.0]]);
        Assert.Throws<ArgumentException>(() => SpanMonteCarlo.PopulationLoss(withBias, teacher, 10, new Rng(1)));
    }
}
