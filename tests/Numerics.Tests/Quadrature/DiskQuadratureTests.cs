using Flatness.Numerics.Quadrature;
using Flatness.Numerics.Tests.Support;
using MathNet.Numerics;

namespace Flatness.Numerics.Tests.Quadrature;

public class DiskQuadratureTests
{
    [Test]
    public void SecondMoment_OfTheDisk_IsPiOverFour() =>
        // ∫_{B²} x₁² dx = π/4.
        Tolerances.AssertClose(DiskQuadrature.Integrate((x, y) => x * x, 0, _ => []), Math.PI / 4, 1e-13);

    [TestCase(0.5)]
    [TestCase(0.9)]
    public void SquaredRelu_MatchesTheChordIntegral(double a)
    {
        // ∫_{B²} (x₁ − a)₊² dx = ∫_a^1 (s − a)² · 2√(1 − s²) ds (chords of length 2√(1 − s²)); kinks at θ = ±arccos(a/r).
        double reference = Integrate.DoubleExponential(s => (s - a) * (s - a) * 2 * Math.Sqrt(1 - s * s), a, 1, 1e-16);
        double value = DiskQuadrature.Integrate((x, _) => Math.Pow(Math.Max(x - a, 0), 2), a,
            r => r > a ? [Math.Acos(a / r), -Math.Acos(a / r)] : []);
        Tolerances.AssertClose(value, reference, 1e-11);
    }
}
