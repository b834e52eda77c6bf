using Flatness.Constructions.Shattering;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Variation;
using MathNet.Numerics;

namespace Flatness.Constructions.Tests.Shattering;

public class UnivariateBumpsTests
{
    private static readonly double[] Epsilons = [1.0 / 8, 1.0 / 16, 1.0 / 32, 1.0 / 64];

    // ∫_{−1}^{1} h(x)² dx for a d = 1 network, by 10-point Gauss–Legendre on every piece between consecutive kinks
    // (the integrand is a polynomial of degree ≤ 2 on each piece, so the rule is exact up to rounding).
    private static double SquaredL2(Func<double, double> h, IEnumerable<double> kinks)
    {
        var cuts = kinks.Where(t => t > -1 && t < 1).Append(-1.0).Append(1.0).Distinct().Order().ToArray();
        double sum = 0;
        for (int i = 0; i + 1 < cuts.Length; i++)
            sum += Integrate.GaussLegendre(x => h(x) * h(x), cuts[i], cuts[i + 1], 10);
        return sum;
    }

    private static IEnumerable<double> Kinks(TwoLayerNetwork net) =>
        Enumerable.Range(0, net.Width).Select(j => -net.HiddenBias(j) / net.HiddenWeight(j)[0]);

    private static double Eval(TwoLayerNetwork net, double x) => net.Evaluate([x]);

    private static int[] Alternating(int k) => Enumerable.Range(0, k).Select(i => i % 2 == 0 ? 1 : -1).ToArray();

    private static double LogLogSlope(double[] x, double[] y)
    {
        var (_, slope) = Fit.Line(x.Select(v => Math.Log(v)).ToArray(), y.Select(v => Math.Log(v)).ToArray());
        return slope;
    }

    [TestCase(0.5)]
    [TestCase(0.3)]
    [TestCase(1.0 / 8)]
    [TestCase(1.0 / 64)]
    public void L2NormSquared_MatchesQuadratureOfTheNetwork(double eps)
    {
        int k = UnivariateBumps.Count(eps);
        foreach (int i in new[] { 0, k / 2, k - 1 })
        {
            var net = UnivariateBumps.Bump(eps, i);
            double q = SquaredL2(x => Eval(net, x), Kinks(net));
            Assert.That(q, Is.EqualTo(UnivariateBumps.L2NormSquared(eps)).Within(1e-10).Percent);
            Assert.That(Math.Sqrt(q), Is.EqualTo(UnivariateBumps.NormConstant * eps).Within(1e-10).Percent);
        }
        // An independent adaptive rule on the whole interval, no knowledge of the kinks (looser: the kink at the midpoint limits it to about 5e-6 relative).
        var first = UnivariateBumps.Bump(eps, 0);
        double de = Integrate.OnClosedInterval(x => Math.Pow(Eval(first, x), 2), UnivariateBumps.Knot(eps, 0), UnivariateBumps.Knot(eps, 0) + eps * eps, 1e-12);
        Assert.That(de, Is.EqualTo(UnivariateBumps.L2NormSquared(eps)).Within(1e-2).Percent);
    }

    [TestCase(0.5)]
    [TestCase(0.3)]
    [TestCase(1.0 / 16)]
    public void CurvatureIntegral_IsTheSumOfSlopeJumpsOfTheNetwork(double eps)
    {
        // Slopes of the network measured by difference quotients inside each linear piece (reference), summed |jumps|.
        var net = UnivariateBumps.Bump(eps, 0);
        double a = UnivariateBumps.Knot(eps, 0), e2 = eps * eps;
        double[] cuts = [a - e2, a, a + e2 / 2, a + e2, a + 2 * e2];
        var slopes = new double[cuts.Length - 1];
        for (int i = 0; i < slopes.Length; i++)
        {
            double l = cuts[i] + 0.25 * (cuts[i + 1] - cuts[i]), r = cuts[i] + 0.75 * (cuts[i + 1] - cuts[i]);
            slopes[i] = (Eval(net, r) - Eval(net, l)) / (r - l);
        }
        double jumps = Math.Abs(slopes[0]) + Enumerable.Range(1, slopes.Length - 1).Sum(i => Math.Abs(slopes[i] - slopes[i - 1])) + Math.Abs(slopes[^1]);
        Assert.That(jumps, Is.EqualTo(UnivariateBumps.CurvatureIntegral(eps)).Within(1e-8).Percent);
        // and the library's merged path norm with the unit weight (d = 1: Σ|a| = ∫|f''|)
        Assert.That(WeightedVariation.Reduced(net, (_, _) => 1.0), Is.EqualTo(UnivariateBumps.CurvatureIntegral(eps)).Within(1e-12).Percent);
    }

    [TestCase(0.5)]
    [TestCase(0.3)]
    [TestCase(1.0 / 8)]
    [TestCase(1.0 / 64)]
    public void WeightedCurvature_MatchesTheLibrarysCanonicalSeminorm(double eps)
    {
        // WeightedVariation.CanonicalWeight(1) is (1 − |t|)³ exactly (constant 1; paper B's g_P(t) = ((1−|t|)/2)³·√(1+((1+|t|)/2)²)
        // is ≈ (√2/8)(1 − |t|)³ near |t| = 1 and is not what the library calls canonical), so the d = 1 identity
        // |f|_{V_g} = ∫|f''|(1 − |x|)³ makes the two equal with factor 1.
        int k = UnivariateBumps.Count(eps);
        var g = WeightedVariation.CanonicalWeight(1);
        foreach (int i in new[] { 0, k / 2, k - 1 })
        {
            double lib = WeightedVariation.Reduced(UnivariateBumps.Bump(eps, i), g);
            Assert.That(UnivariateBumps.WeightedCurvatureIntegral(eps, i), Is.EqualTo(lib).Within(1e-12).Percent);
        }
        foreach (var xi in new[] { Enumerable.Repeat(1, k).ToArray(), Alternating(k), Enumerable.Range(0, k).Select(i => i % 3 == 0 ? -1 : 1).ToArray() })
        {
            var net = UnivariateBumps.Packing(eps, xi);
            Assert.That(UnivariateBumps.WeightedCurvatureIntegral(eps, xi), Is.EqualTo(WeightedVariation.Reduced(net, g)).Within(1e-12).Percent);
            // the unmerged path norm is the sum over bumps; merging at shared knots can only lower it
            double perBump = Enumerable.Range(0, k).Sum(i => UnivariateBumps.WeightedCurvatureIntegral(eps, i));
            Assert.That(WeightedVariation.Raw(net, g), Is.EqualTo(perBump).Within(1e-12).Percent);
            Assert.That(WeightedVariation.Reduced(net, g), Is.LessThanOrEqualTo(perBump * (1 + 1e-14)));
        }
    }

    [Test]
    public void Scalings_AsEpsilonHalves()
    {
        var norm = Epsilons.Select(e => { var n = UnivariateBumps.Bump(e, 0); return Math.Sqrt(SquaredL2(x => Eval(n, x), Kinks(n))); }).ToArray();
        var curv = Epsilons.Select(e => WeightedVariation.Reduced(UnivariateBumps.Bump(e, 0), (_, _) => 1.0)).ToArray();
        var g = WeightedVariation.CanonicalWeight(1);
        var oneBump = Epsilons.Select(e => WeightedVariation.Reduced(UnivariateBumps.Bump(e, 0), g)).ToArray();
        var maxWeight = Epsilons.Select(e => WeightedVariation.Normalize(UnivariateBumps.Packing(e, Enumerable.Repeat(1, UnivariateBumps.Count(e)).ToArray()))
            .Max(n => g(n.Direction, n.Threshold))).ToArray();
        var totalSame = Epsilons.Select(e => WeightedVariation.Reduced(UnivariateBumps.Packing(e, Enumerable.Repeat(1, UnivariateBumps.Count(e)).ToArray()), g)).ToArray();
        var totalAlt = Epsilons.Select(e => WeightedVariation.Reduced(UnivariateBumps.Packing(e, Alternating(UnivariateBumps.Count(e))), g)).ToArray();

        Assert.That(LogLogSlope(Epsilons, norm), Is.EqualTo(1).Within(0.1), "‖Φ_k‖ ∝ ε");
        Assert.That(LogLogSlope(Epsilons, curv), Is.EqualTo(-2).Within(0.1), "∫|Φ_k''| ∝ ε⁻²");
        Assert.That(LogLogSlope(Epsilons, maxWeight), Is.EqualTo(3).Within(0.1), "the weight (1 − |x|)³ on the bumps ≲ ε³");
        Assert.That(LogLogSlope(Epsilons, oneBump), Is.EqualTo(1).Within(0.1), "|Φ_0|_{V_g} ≍ ε (the bump nearest 1 − ε, the largest)");
        for (int i = 0; i < Epsilons.Length; i++)
        {
            double e = Epsilons[i];
            Assert.That(maxWeight[i], Is.LessThanOrEqualTo(e * e * e * (1 + 1e-12)));
            Assert.That(oneBump[i], Is.LessThanOrEqualTo(UnivariateBumps.CurvatureIntegral(e) * e * e * e * (1 + 1e-12)), "≤ 8ε");
        }
        // Summed over all K = 1/ε bumps the weighted integral is ≍ 1 (K·ε), not ≍ ε: slope 0.
        Assert.That(LogLogSlope(Epsilons, totalSame), Is.EqualTo(0).Within(0.1), "|f_ξ|_{V_g}, ξ ≡ +1");
        Assert.That(LogLogSlope(Epsilons, totalAlt), Is.EqualTo(0).Within(0.1), "|f_ξ|_{V_g}, ξ alternating");
    }

    [TestCase(0.5)]
    [TestCase(0.3)]
    [TestCase(1.0 / 32)]
    public void Packing_HasDisjointSupportsInTheBoundaryLayer(double eps)
    {
        int k = UnivariateBumps.Count(eps);
        var xi = Enumerable.Range(0, k).Select(i => i % 3 == 1 ? -1 : 1).ToArray();
        var net = UnivariateBumps.Packing(eps, xi);
        for (int i = 0; i < k; i++)
            Assert.That(Eval(net, UnivariateBumps.Midpoint(eps, i)), Is.EqualTo(xi[i]).Within(1e-9), $"peak of bump {i}");
        for (int i = 0; i < k; i++)
            Assert.That(UnivariateBumps.Knot(eps, i), Is.EqualTo(1 - eps + i * eps * eps).Within(1e-15), $"knot {i}");
        for (int i = 0; i + 1 < k; i++)
        {
            // neighbouring bumps overlap on a set of measure zero: ∫Φ_iΦ_{i+1} = 0 by quadrature
            TwoLayerNetwork p = UnivariateBumps.Bump(eps, i), q = UnivariateBumps.Bump(eps, i + 1);
            var cuts = Kinks(p).Concat(Kinks(q)).Distinct().Order().ToArray();
            double overlap = 0;
            for (int c = 0; c + 1 < cuts.Length; c++)
                overlap += Integrate.GaussLegendre(x => Eval(p, x) * Eval(q, x), cuts[c], cuts[c + 1], 10);
            Assert.That(Math.Abs(overlap), Is.LessThanOrEqualTo(1e-12 * UnivariateBumps.L2NormSquared(eps)), $"bumps {i}, {i + 1}");
        }
        double last = UnivariateBumps.Knot(eps, k - 1) + eps * eps;
        Assert.That(last, Is.LessThanOrEqualTo(1.0));
        for (int j = 0; j <= 2000; j++)
        {
            double x = -1 + 2.0 * j / 2000;
            if (x >= 1 - eps && x <= last) continue;
            Assert.That(Eval(net, x), Is.EqualTo(0.0).Within(1e-9), $"x = {x}");
        }
    }

    [TestCase(1.0 / 8)]
    [TestCase(0.3)]
    [TestCase(1.0 / 32)]
    public void DistanceSquared_MatchesQuadrature(double eps)
    {
        int k = UnivariateBumps.Count(eps);
        int[] ones = Enumerable.Repeat(1, k).ToArray(), alt = Alternating(k);
        int[] flipLast = ones.ToArray(); flipLast[^1] = -1;
        int[] third = Enumerable.Range(0, k).Select(i => i % 3 == 0 ? -1 : 1).ToArray();
        foreach (var (p, q) in new[] { (ones, alt), (ones, flipLast), (alt, third), (third, third) })
        {
            TwoLayerNetwork f = UnivariateBumps.Packing(eps, p), h = UnivariateBumps.Packing(eps, q);
            double quad = SquaredL2(x => Eval(f, x) - Eval(h, x), Kinks(f));
            double exact = UnivariateBumps.DistanceSquared(eps, p, q);
            Assert.That(quad, Is.EqualTo(exact).Within(1e-10 * UnivariateBumps.L2NormSquared(eps)));
        }
    }
}
