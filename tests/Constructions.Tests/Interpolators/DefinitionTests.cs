using Flatness.Constructions.Interpolators;
using Flatness.Constructions.Symmetries;
using Flatness.Constructions.Teachers;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;

namespace Flatness.Constructions.Tests.Interpolators;

/// <summary>Interpolators and symmetries against their defining equations where the earlier tests left a degree of freedom
/// (Stryker survivors of src/Constructions, 3 Dec 2026): an output bias, the worst residual rather than one of them,
/// the redraw cap, neurons of unequal norm merged.</summary>
public class InterpolatorDefinitionTests
{
    [Test]
    public void MinimumNorm_WithAnOutputBias_InterpolatesYMinusBeta()
    {
        var net = TwoLayerNetwork.FromWeights(new Relu(), [0.0, 0.0, 0.0, 0.0],
            [[1.0, 0.2], [-0.5, 1.0], [0.3, -1.0], [-1.0, -0.4]], [0.1, 0.2, -0.1, 0.3], 1.5);
        var data = new Dataset([1.0, 0.5, -0.7, 0.9, 0.4, -1.2], [2.0, -0.5, 1.0], 2);
        var (fit, residual) = MinimumNormInterpolator.Fit(net, data);
        Assert.That(fit.OutputBias, Is.EqualTo(1.5));
        for (int i = 0; i < 3; i++) Assert.That(fit.Evaluate(data.Input(i)), Is.EqualTo(data.Target(i)).Within(1e-10));
        Assert.That(residual, Is.LessThan(1e-10));
    }

    [Test]
    public void MinimumNorm_ReportsTheLargestResidualOfTheFit_OnADrawItCannotFit()
    {
        // Three samples in d = 2 on the active side of every neuron: Φ = XWᵀ has rank 2, ΦΦᵀ is singular to rounding, and
        // the solve cannot fit the three labels (the first two samples are nearly parallel with different labels). The
        // reported residual must be the largest |f(xᵢ) − yᵢ| of the returned network, recomputed here sample by sample.
        var net = TwoLayerNetwork.FromWeights(new Relu(), [0.0, 0.0, 0.0], [[1.0, 0.3], [0.7, -0.2], [0.4, 1.0]]);
        var data = new Dataset([1.0, 0.0, 1.0, 1e-6, 0.5, 0.5], [0.0, 1.0, 0.3], 2);
        var (fit, residual) = MinimumNormInterpolator.Fit(net, data);
        double worst = Enumerable.Range(0, 3).Max(i => Math.Abs(fit.Evaluate(data.Input(i)) - data.Target(i)));
        Assert.That(worst, Is.GreaterThan(0), "the draw is ill-conditioned enough to leave a residual");
        Assert.That(residual, Is.EqualTo(worst).Within(0.01 * worst), $"worst {worst:R}, reported {residual:R}");
    }

    [Test]
    public void Residual_IsTheLargestAbsoluteResidual_AndInfiniteWhenNotFinite()
    {
        // f(x) = x₁ on the samples x₁ = 1, 2, 3 with labels 1, 2.5, 2.9: residuals 0, 0.5, 0.1.
        var net = TwoLayerNetwork.FromWeights(new Relu(), [1.0], [[1.0]]);
        var data = new Dataset([1.0, 2.0, 3.0], [1.0, 2.5, 2.9], 1);
        Assert.That(Residual.Max(net, data), Is.EqualTo(0.5).Within(1e-15));
        var huge = TwoLayerNetwork.FromWeights(new Relu(), [double.MaxValue, double.MaxValue], [[1.0], [1.0]]);
        Assert.That(Residual.Max(huge, data), Is.EqualTo(double.PositiveInfinity));
    }

    [Test]
    public void RandomFeatures_StopAfterTheMaximumNumberOfDraws_WhenASampleCannotBeReached()
    {
        // x = 0 is dead for every ReLU row: Build makes exactly MaximumDraws draws of the first layer, then fits.
        var data = new Dataset([0.0, 0.0, 1.0, 0.0], [1.0, 1.0], 2);
        const int width = 3;
        var rng = new Rng(29);
        var c = RandomFeatureInterpolator.Build(new Relu(), data, width, rng);
        Assert.That(c.MaxResidual, Is.GreaterThan(0.5), "the sample at the origin cannot be fitted");
        var replay = new Rng(29);
        for (int k = 0; k < RandomFeatureInterpolator.MaximumDraws * width; k++) Teacher.RandomDirection(2, replay);
        Assert.That(rng.NextUInt64(), Is.EqualTo(replay.NextUInt64()));
    }

    [Test]
    public void HasDeadSample_IsTrueExactlyWhenSomeSampleSilencesEveryRow()
    {
        var data = new Dataset([1.0, 0.0, -1.0, 0.0], [0.0, 0.0], 2);
        Assert.That(RandomFeatureInterpolator.HasDeadSample(new Relu(), data, [[1.0, 0.0]]), Is.True);
        Assert.That(RandomFeatureInterpolator.HasDeadSample(new Relu(), data, [[1.0, 0.0], [-1.0, 0.0]]), Is.False);
        Assert.That(RandomFeatureInterpolator.HasDeadSample(new Relu(), data, [[0.0, 1.0]]), Is.True);
    }

    [TestCase(true, true)]
    [TestCase(false, false)]
    [TestCase(true, false)]
    public void Dinh2017Layers_ClassifyEveryParameterOnce_AndTheOutputBiasAsNeither(bool hiddenBias, bool outputBias)
    {
        // A-04 splits the Hessian's trace by these predicates: every w̃ entry is first layer, every aⱼ second, β neither.
        var layout = new ParameterLayout(3, 2, hiddenBias, outputBias);
        for (int p = 0; p < layout.Count; p++)
        {
            bool first = Dinh2017Rescaling.IsFirstLayer(layout, p), second = Dinh2017Rescaling.IsSecondLayer(layout, p);
            bool beta = outputBias && p == layout.OutputBiasIndex;
            bool isOutputWeight = Enumerable.Range(0, 3).Any(j => layout.OutputWeightIndex(j) == p);
            Assert.That((first, second), Is.EqualTo((!beta && !isOutputWeight, isOutputWeight)), $"parameter {p}");
        }
    }

    [Test]
    public void Merge_AddsAlignedNeurons_WithTheirNormsToThePowerK()
    {
        // ReLU² neurons 2·(3, 4)/5·5 = w₁ = (3, 4) (‖w₁‖ = 5) and w₂ = (0.6, 0.8) (‖w₂‖ = 1) point the same way:
        // merged output weight a₁·25 + a₂·1; an anti-parallel w₃ = (−3, −4) stays separate.
        var net = TwoLayerNetwork.FromWeights(new ReluPower(2), [0.5, -2.0, 1.0], [[3.0, 4.0], [0.6, 0.8], [-3.0, -4.0]]);
        var merged = NeuronMerging.Merge(net);
        Assert.That(merged.Width, Is.EqualTo(2));
        Assert.That(merged.OutputWeight(0), Is.EqualTo(0.5 * 25 - 2.0).Within(1e-13));
        Assert.That(merged.OutputWeight(1), Is.EqualTo(25.0).Within(1e-13));
        Assert.That(merged.HiddenWeight(0).ToArray(), Is.EqualTo(new[] { 0.6, 0.8 }).Within(1e-15));
        var rng = new Rng(31);
        var x = new double[2];
        for (int t = 0; t < 20; t++)
        {
            rng.FillGaussian(x);
            Assert.That(merged.Evaluate(x), Is.EqualTo(net.Evaluate(x)).Within(1e-12 * (1 + Math.Abs(net.Evaluate(x)))));
        }
        // Directions (0.6, 0.8) and (0.8, 0.6) are 0.96 apart in cosine: not merged. A neuron with w = 0 is dropped.
        var close = NeuronMerging.Merge(TwoLayerNetwork.FromWeights(new Relu(), [1.0, 1.0, 3.0], [[0.6, 0.8], [0.8, 0.6], [0.0, 0.0]]));
        Assert.That(close.Width, Is.EqualTo(2));
        Assert.That(close.Parameters.ToArray().All(double.IsFinite), Is.True);
        var biased = TwoLayerNetwork.FromWeights(new Relu(), [1.0], [[1.0, 0.0]], null, 0.5);
        Assert.Throws<ArgumentException>(() => NeuronMerging.Merge(biased));
        Assert.Throws<ArgumentException>(() => NeuronMerging.Merge(TwoLayerNetwork.FromWeights(new Relu(), [1.0], [[1.0, 0.0]], [0.3], null)));
    }
}
