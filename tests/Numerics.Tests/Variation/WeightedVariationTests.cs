using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Tests.Support;
using Flatness.Numerics.Variation;

namespace Flatness.Numerics.Tests.Variation;

public class WeightedVariationTests
{
    [Test]
    public void Normalize_UsesPaperBsThresholdSign()
    {
        // 2·relu(3x₁ + 4x₂ + 1.5): ‖w‖ = 5, u = (0.6, 0.8), paper-B threshold t = −b/‖w‖ = −0.3, a = 10.
        var net = TwoLayerNetwork.FromWeights(new Relu(), [2.0], [[3.0, 4.0]], [1.5]);
        var n = WeightedVariation.Normalize(net).Single();
        Assert.That(n.Direction, Is.EqualTo(new[] { 0.6, 0.8 }).Within(1e-15));
        Assert.That(n.Threshold, Is.EqualTo(-0.3).Within(1e-15));
        Assert.That(n.Coefficient, Is.EqualTo(10.0).Within(1e-14));
    }

    [Test]
    public void AntipodalPair_MergesThroughPhiOfMinusZ()
    {
        // relu(x − 0.2) − relu(−x + 0.2) = x − 0.2: affine, so |f|_{V_g} = 0 while the raw sum is 2g(0.2).
        var net = TwoLayerNetwork.FromWeights(new Relu(), [1.0, -1.0], [[1.0], [-1.0]], [-0.2, 0.2]);
        var g = WeightedVariation.CanonicalWeight(1);
        Assert.That(WeightedVariation.Reduced(net, g), Is.EqualTo(0.0));
        Tolerances.AssertClose(WeightedVariation.Raw(net, g), 2 * Math.Pow(0.8, 3), 1e-15);
        // Same-sign antipodal pair: relu(z) + relu(−z) = |z| → merged coefficient 2.
        var abs = TwoLayerNetwork.FromWeights(new Relu(), [1.0, 1.0], [[1.0], [-1.0]], [-0.2, 0.2]);
        Tolerances.AssertClose(WeightedVariation.Reduced(abs, g), 2 * Math.Pow(0.8, 3), 1e-15);
    }

    [TestCase(1UL)]
    [TestCase(2UL)]
    [TestCase(3UL)]
    public void Reduced_EqualsBruteForceMinimumOverSignRepresentations(ulong seed)
    {
        // Brute force of the definition on small cases: every neuron may be written at (u, t) or at (−u, −t)
        // (φ(−z) = φ(z) − z); for each of the 2^K choices, group exactly equal (u, t) and sum |Σa|·g; the infimum over
        // these representations must equal the reduced value, and the raw sum must be ≥ it.
        var rng = new Rng(seed);
        const int d = 2, k = 6;
        var dirs = new double[3][];
        for (int i = 0; i < 3; i++) { var v = new double[d]; rng.FillGaussian(v); double nv = Math.Sqrt(v.Sum(c => c * c)); dirs[i] = v.Select(c => c / nv).ToArray(); }
        var thresholds = new[] { 0.1, -0.4, 0.5 };
        var w = new IReadOnlyList<double>[k];
        var b = new double[k];
        var a = new double[k];
        for (int j = 0; j < k; j++)
        {
            int base_ = j % 3;
            double sign = rng.NextRademacher(), scale = rng.NextUniform(0.5, 2);
            w[j] = dirs[base_].Select(c => sign * scale * c).ToArray();
            b[j] = -sign * scale * thresholds[base_];   // wᵀx + b = s·scale·(uᵀx − t)
            a[j] = rng.NextGaussian();
        }
        var net = TwoLayerNetwork.FromWeights(new Relu(), a, w, b);
        var g = WeightedVariation.CanonicalWeight(d);
        var neurons = WeightedVariation.Normalize(net);
        double best = double.PositiveInfinity;
        for (int mask = 0; mask < 1 << k; mask++)
        {
            var groups = new List<(double[] U, double T, double A)>();
            for (int j = 0; j < k; j++)
            {
                var nj = neurons[j];
                bool flip = ((mask >> j) & 1) == 1;
                var u = flip ? nj.Direction.Select(c => -c).ToArray() : nj.Direction;
                double t = flip ? -nj.Threshold : nj.Threshold;
                int idx = groups.FindIndex(q => Math.Abs(q.T - t) < 1e-12 && q.U.Zip(u).All(p => Math.Abs(p.First - p.Second) < 1e-12));
                if (idx < 0) groups.Add((u, t, nj.Coefficient)); else groups[idx] = (groups[idx].U, groups[idx].T, groups[idx].A + nj.Coefficient);
            }
            best = Math.Min(best, groups.Sum(q => Math.Abs(q.A) * Math.Pow(1 - Math.Abs(q.T), d + 2)));
        }
        double reduced = WeightedVariation.Reduced(net, g);
        Tolerances.AssertClose(reduced, best, 1e-12, 1e-15);
        Assert.That(WeightedVariation.Raw(net, g), Is.GreaterThanOrEqualTo(reduced - 1e-15));
    }

    [TestCase(4UL)]
    [TestCase(5UL)]
    public void D1_ReducedEqualsIntegralOfAbsSecondDerivativeTimesCanonicalWeight(ulong seed)
    {
        // Paper B Theorem 3.4 at d = 1: |f|_{V_g} = ∫₋₁¹ |f''(x)|(1 − |x|)³ dx. Reference: second differences of f on a
        // grid of step h (each kink's unit jump in f' is spread over two cells; error O(h) per kink).
        var rng = new Rng(seed);
        int k = 7;
        var w = new IReadOnlyList<double>[k];
        var b = new double[k];
        var a = new double[k];
        for (int j = 0; j < k; j++)
        {
            w[j] = [rng.NextGaussian()];
            b[j] = rng.NextUniform(-0.9, 0.9) * Math.Abs(w[j][0]);
            a[j] = rng.NextGaussian();
        }
        // An antipodal copy of neuron 0 with another scale, so the merge matters.
        w[k - 1] = [-2 * w[0][0]];
        b[k - 1] = -2 * b[0];
        var net = TwoLayerNetwork.FromWeights(new Relu(), a, w, b);
        const int cells = 400_000;
        double h = 2.0 / cells, integral = 0;
        for (int i = 1; i < cells; i++)
        {
            double x = -1 + i * h;
            double f2 = net.Evaluate([x + h]) - 2 * net.Evaluate([x]) + net.Evaluate([x - h]);
            integral += Math.Abs(f2) / h * Math.Pow(1 - Math.Abs(x), 3);
        }
        Tolerances.AssertClose(WeightedVariation.Reduced(net, WeightedVariation.CanonicalWeight(1)), integral, 1e-4, 1e-9);
    }

    [Test]
    public void EmpiricalReduced_EqualsRawWithoutMergesAndMatchesWeightedPathNorm()
    {
        var rng = new Rng(9);
        var w = new IReadOnlyList<double>[3];
        for (int j = 0; j < 3; j++) w[j] = [rng.NextGaussian(), rng.NextGaussian()];
        var net = TwoLayerNetwork.FromWeights(new Relu(), [1.5, -0.7, 2.0], w, [0.1, -0.2, 0.3]);
        var x = new double[80];
        for (int i = 0; i < 80; i++) x[i] = rng.NextUniform(-0.7, 0.7);
        var data = new Dataset(x, new double[40], 2);
        double reduced = WeightedVariation.Reduced(net, data);
        Tolerances.AssertClose(reduced, WeightedPathNorm.Compute(net, data), 1e-14);
        Assert.That(reduced, Is.GreaterThan(0));
    }
}
