using Flatness.Numerics.Networks;
using Flatness.Numerics.Tests.Support;

namespace Flatness.Numerics.Tests.Networks;

/// <summary>gelu, gelu_tanh, silu and tanh: σ, σ', σ'' against 60-digit mpmath values (Support/MpmathReferences.cs, made by
/// make_mpmath_references.py) within the accuracy each class states, against finite differences, and their stability.</summary>
public class SmoothActivationTests
{
    /// <summary>One activation with its references and the ulps its remarks state for σ, σ', σ''.</summary>
    public sealed record SmoothCase(string Name, SmoothActivation Activation, ActivationReference[] References, double ValueUlps, double FirstUlps, double SecondUlps)
    {
        public override string ToString() => Name;
    }

    public static IEnumerable<SmoothCase> Cases =>
    [
        new("gelu", new Gelu(), MpmathReferences.Gelu, 8, 8, 16),
        new("gelu_tanh", new GeluTanh(), MpmathReferences.GeluTanh, 8, 8, 16),
        new("silu", new Silu(), MpmathReferences.Silu, 8, 8, 16),
        new("tanh", new Tanh(), MpmathReferences.Tanh, 8, 8, 16),
    ];

    /// <summary>Envelopes below this are dominated by the 10⁻³¹⁵ absolute part of the statement (not in the reported worst).</summary>
    private const double Tiny = 1e-290;

    private static readonly double[] Extremes =
        [0, 1e-300, 5e-324, 19.5, 25, 30, 30.000000000000004, 38.6, 39, 40, 354, 355, 709, 710, 745, 746, 1e10, 1e154, 1e155, 1e200, double.MaxValue];

    // The committed grid has 113 points per activation. A one-off run of the same check on 3 613 points (the grid plus
    // 3 500 uniform draws on [−40, 40], [−4, 4] and log-uniform magnitudes in [10⁻¹⁰, 10²]) found at most 4.8 ulps for σ
    // and σ' and 6.3 for σ'' (gelu_tanh), within the 8 and 16 the classes state.
    [TestCaseSource(nameof(Cases))]
    public void ValueAndDerivatives_AreWithinTheStatedUlpsOfMpmath(SmoothCase c)
    {
        var worst = new double[3];
        foreach (var r in c.References)
        {
            double v = c.Activation.Value(r.Z), d1 = c.Activation.Derivative(r.Z), d2 = c.Activation.SecondDerivative(r.Z);
            if (r.ValueEnvelope > Tiny) worst[0] = Math.Max(worst[0], Tolerances.UlpsOf(v, r.Value, r.ValueEnvelope));
            if (r.FirstEnvelope > Tiny) worst[1] = Math.Max(worst[1], Tolerances.UlpsOf(d1, r.First, r.FirstEnvelope));
            if (r.SecondEnvelope > Tiny) worst[2] = Math.Max(worst[2], Tolerances.UlpsOf(d2, r.Second, r.SecondEnvelope));
            Check(v, r.Value, r.ValueEnvelope, c.ValueUlps, $"{c.Name}({r.Z:R})");
            Check(d1, r.First, r.FirstEnvelope, c.FirstUlps, $"{c.Name}'({r.Z:R})");
            Check(d2, r.Second, r.SecondEnvelope, c.SecondUlps, $"{c.Name}''({r.Z:R})");
        }
        TestContext.Out.WriteLine($"{c.Name}: worst errors (envelopes above 1e-290) {worst[0]:F2}, {worst[1]:F2}, {worst[2]:F2} ulps over {c.References.Length} points");
    }

    /// <summary>The accuracy statement of SmoothActivation: |error| ≤ ulps·2⁻⁵³·envelope + 10⁻³¹⁵ (the absolute part matters
    /// only where an exponential factor inside is subnormal).</summary>
    private static void Check(double actual, double expected, double envelope, double ulps, string what) =>
        Tolerances.AssertClose(actual, expected, 0, ulps * Math.Pow(2, -53) * Math.Abs(envelope) + 1e-315, what);

    [TestCaseSource(nameof(Cases))]
    public void Derivatives_MatchCentralDifferences(SmoothCase c)
    {
        // Independent of the closed forms: (σ(z+h) − σ(z−h))/2h has truncation h²σ'''/6 and rounding ε|σ|/h.
        const double h = 1e-5;
        var act = c.Activation;
        for (double z = -8; z <= 8; z += 0.375)
        {
            Tolerances.AssertClose(act.Derivative(z), (act.Value(z + h) - act.Value(z - h)) / (2 * h), 1e-8, 1e-9, $"{c.Name}'({z})");
            Tolerances.AssertClose(act.SecondDerivative(z), (act.Derivative(z + h) - act.Derivative(z - h)) / (2 * h), 1e-8, 1e-9, $"{c.Name}''({z})");
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void SpanEvaluation_IsBitIdenticalToScalarEvaluation_InEveryMode(SmoothCase c)
    {
        var z = c.References.Select(r => r.Z).Concat(Extremes).Concat(Extremes.Select(x => -x)).ToArray();
        var v = new double[z.Length];
        var d1 = new double[z.Length];
        var d2 = new double[z.Length];
        var v2 = new double[z.Length];
        var only1 = new double[z.Length];
        c.Activation.Evaluate(z, v, d1, d2);
        c.Activation.Evaluate(z, v2, only1, Span<double>.Empty);
        for (int i = 0; i < z.Length; i++)
        {
            Assert.That(v[i], Is.EqualTo(c.Activation.Value(z[i])), $"σ({z[i]:R})");
            Assert.That(d1[i], Is.EqualTo(c.Activation.Derivative(z[i])), $"σ'({z[i]:R})");
            Assert.That(d2[i], Is.EqualTo(c.Activation.SecondDerivative(z[i])), $"σ''({z[i]:R})");
            Assert.That((v2[i], only1[i]), Is.EqualTo((v[i], d1[i])), $"σ, σ' without σ'' at {z[i]:R}");
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void EveryFiniteInput_GivesFiniteResults_WithTheLimitsOfTheTails(SmoothCase c)
    {
        // No exp overflow and no 0·∞: for z ≥ 10¹⁰ the doubles nearest σ, σ', σ'' are z, 1, 0 (tanh: 1, 0, 0) and for z ≤ −10¹⁰
        // 0, 0, 0 (tanh: −1, 0, 0); every result at the extremes (down to the subnormal 5e−324 and up to double.MaxValue) is finite.
        bool isTanh = c.Activation is Tanh;
        foreach (double x in Extremes.Where(x => x >= 1e10))
            foreach (double z in new[] { x, -x })
            {
                double v = c.Activation.Value(z), d1 = c.Activation.Derivative(z), d2 = c.Activation.SecondDerivative(z);
                double expected = isTanh ? Math.Sign(z) : z > 0 ? z : 0;
                Assert.That((v, d1, d2), Is.EqualTo((expected, isTanh ? 0.0 : z > 0 ? 1.0 : 0.0, 0.0)), $"{c.Name} at {z:R}");
            }
        foreach (double x in Extremes)
            foreach (double z in new[] { x, -x })
                Assert.That(double.IsFinite(c.Activation.Value(z)) && double.IsFinite(c.Activation.Derivative(z)) && double.IsFinite(c.Activation.SecondDerivative(z)),
                    Is.True, $"{c.Name} at {z:R}");
    }

    [TestCaseSource(nameof(Cases))]
    public void IsNotHomogeneous_HasNoKinkAndNoDegree_AndIsCreatedByItsName(SmoothCase c)
    {
        var act = c.Activation;
        Assert.Multiple(() =>
        {
            Assert.That(act.IsHomogeneous, Is.False);
            Assert.That(act.HasKink, Is.False);
            Assert.That(act.IsPiecewiseLinear, Is.False, "σ'' ≠ 0: the residual term is present");
            Assert.That(() => act.Degree, Throws.InvalidOperationException.With.Message.Contains("not positively homogeneous"));
            Assert.That(act.Name, Is.EqualTo(c.Name));
            Assert.That(act.Describe(), Is.EqualTo(c.Name));
            Assert.That(Activation.Create(c.Name), Is.EqualTo(act));
            // σ(2z) ≠ 2^k σ(z) for any k: the ratio σ(2)/σ(1) is not a power of 2 (homogeneity would force it).
            double ratio = act.Value(2) / act.Value(1);
            Assert.That(Math.Abs(Math.Log2(ratio) - Math.Round(Math.Log2(ratio))), Is.GreaterThan(1e-3));
        });
    }

    [Test]
    public void GeluTanh_DiffersFromGeluByAtMostItsKnownMaximum()
    {
        // The tanh form approximates xΦ(x) (Hendrycks and Gimpel, arXiv:1606.08415, §2); mpmath on a 0.001 grid of
        // [−8, 8] puts the largest |difference| at 4.7324·10⁻⁴ (z = ±2.699): a check that neither form is mislabelled.
        double worst = 0;
        for (double z = -8; z <= 8; z += 1.0 / 1024) worst = Math.Max(worst, Math.Abs(new GeluTanh().Value(z) - new Gelu().Value(z)));
        Assert.That(worst, Is.InRange(4.72e-4, 4.74e-4));
    }
}
