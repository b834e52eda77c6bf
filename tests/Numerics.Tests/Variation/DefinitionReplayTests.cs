using Flatness.Numerics.Networks;
using Flatness.Numerics.Tests.Support;
using Flatness.Numerics.Variation;

namespace Flatness.Numerics.Tests.Variation;

/// <summary>The weights and path norms of paper B against their definitions, written out here with plain loops, at points
/// chosen to tell the formulas from their mutants (Stryker survivors of Variation, 3 Dec 2026): hidden weights of norm
/// ≠ 1, a zero neuron, samples exactly on the threshold, directions whose first entry is 0.</summary>
public class VariationDefinitionTests
{
    // Inputs in d = 2 (row-major), with projections on u = (0.6, 0.8) of 1.0, 0.5, −0.2, 0.5, 1.4.
    private static readonly double[] Inputs = [1.0, 0.5, 0.5, 0.25, -1.0, 0.5, 0.9, -0.05, 0.6, 1.3];

    private static double Project(int i, double[] u) => Inputs[2 * i] * u[0] + Inputs[2 * i + 1] * u[1];

    // ĝ-type one-sided statistic from the definition: over samples with uᵀx > t, (count/n)^power·(Σ(uᵀx − t)/n)·√(1 + ‖μ‖²).
    private static double OneSided(double[] u, double t, bool countFactor)
    {
        int n = Inputs.Length / 2, count = 0;
        double excess = 0, m0 = 0, m1 = 0;
        for (int i = 0; i < n; i++)
        {
            double p = Project(i, u);
            if (!(p > t)) continue;
            count++;
            excess += p - t;
            m0 += Inputs[2 * i];
            m1 += Inputs[2 * i + 1];
        }
        if (count == 0) return 0;
        double mu2 = (m0 / count) * (m0 / count) + (m1 / count) * (m1 / count);
        return (countFactor ? count / (double)n : 1) * (excess / n) * Math.Sqrt(1 + mu2);
    }

    [TestCase(0.5)]
    [TestCase(-0.2)]
    [TestCase(0.0)]
    public void FirstPowerWeight_IsTheSmallerOfTheTwoSides_WithTiesOutside(double t)
    {
        // t = 0.5 and −0.2 are projections of samples: those samples are on the threshold and do not count.
        double[] u = [0.6, 0.8], minus = [-0.6, -0.8];
        double expected = Math.Min(OneSided(u, t, false), OneSided(minus, -t, false));
        Tolerances.AssertClose(FirstPowerWeight.OneSided(Inputs, 2, u, t), OneSided(u, t, false), 1e-14);
        Tolerances.AssertClose(FirstPowerWeight.Weight(Inputs, 2, u, t), expected, 1e-14);
        Assert.That(OneSided(u, t, false), Is.Not.EqualTo(OneSided(minus, -t, false)), "the two sides differ");
    }

    [TestCase(0.5)]
    [TestCase(1.0)]
    [TestCase(-0.2)]
    public void EmpiricalWeight_AndItsProfile_ExcludeSamplesOnTheThreshold(double t)
    {
        double[] u = [0.6, 0.8], minus = [-0.6, -0.8];
        double expected = Math.Min(OneSided(u, t, true), OneSided(minus, -t, true));
        Tolerances.AssertClose(DataDependentWeight.Weight(Inputs, 2, u, t), expected, 1e-14);
        var profile = WeightProfile.AlongDirection(Inputs, 2, u, [t, 0.5, 1.4, -1]);
        Tolerances.AssertClose(profile[0], expected, 1e-12, what: "profile at t");
        Tolerances.AssertClose(profile[1], Math.Min(OneSided(u, 0.5, true), OneSided(minus, -0.5, true)), 1e-12, what: "profile at 0.5");
        Tolerances.AssertClose(profile[2], Math.Min(OneSided(u, 1.4, true), OneSided(minus, -1.4, true)), 1e-12, 1e-15, what: "profile at 1.4");
    }

    [Test]
    public void WeightedPathNorm_IsSumOfAbsAOutputTimesNormTimesTheWeightAtTheNormalisedNeuron()
    {
        // Neurons of norm 2.5 and 0.5, and a zero neuron (contributes nothing).
        var net = TwoLayerNetwork.FromWeights(new Relu(), [1.2, -0.8, 5.0], [[1.5, 2.0], [0.0, -0.5], [0.0, 0.0]], [0.25, 0.1, 0.3], 0);
        var data = new Dataset(Inputs, new double[5], 2);
        double expected = 1.2 * 2.5 * DataDependentWeight.Weight(Inputs, 2, [0.6, 0.8], -0.25 / 2.5)
            + 0.8 * 0.5 * DataDependentWeight.Weight(Inputs, 2, [0.0, -1.0], -0.1 / 0.5);
        Assert.That(expected, Is.GreaterThan(0));
        Tolerances.AssertClose(WeightedPathNorm.Compute(net, data), expected, 1e-13);
        Tolerances.AssertClose(WeightedVariation.Raw(net, WeightedVariation.EmpiricalWeight(data)), expected, 1e-13);
        Tolerances.AssertClose(WeightedVariation.Reduced(net, data), expected, 1e-13);
        // With the canonical weight (1 − |t|)^{d+2}, a zero neuron read as t = −b/0 = ∓∞ would give 0·∞: it must be skipped.
        double canonical = 1.2 * 2.5 * Math.Pow(1 - 0.1, 4) + 0.8 * 0.5 * Math.Pow(1 - 0.2, 4);
        Tolerances.AssertClose(WeightedVariation.Raw(net, WeightedVariation.CanonicalWeight(2)), canonical, 1e-13);
        Tolerances.AssertClose(WeightedVariation.Reduced(net, WeightedVariation.CanonicalWeight(2)), canonical, 1e-13);
    }

    [Test]
    public void Merge_FindsTheAntipodeOfADirectionWhoseFirstEntryIsZero()
    {
        // (u, t) = ((0, 1), 0.2) and ((0, −1), −0.2) are antipodal: the canonical form looks past the zero first entry.
        var merged = WeightedVariation.Merge([new NormalizedNeuron([0.0, 1.0], 0.2, 1.5), new NormalizedNeuron([0.0, -1.0], -0.2, -0.5),
            new NormalizedNeuron([0.0, 1.0], 0.2 + 1e-9, 1.0)]);
        Assert.That(merged, Has.Count.EqualTo(2));
        Assert.That(merged[0].Coefficient, Is.EqualTo(1.0).Within(1e-15));
        Assert.That(merged[0].Direction, Is.EqualTo(new[] { 0.0, 1.0 }));
        Assert.That(merged[1].Coefficient, Is.EqualTo(1.0));
    }
}
