using Flatness.Numerics.Randomness;
using Flatness.Numerics.Tests.Support;
using Flatness.Numerics.Variation;

namespace Flatness.Numerics.Tests.Variation;

public class FirstPowerWeightTests
{
    [Test]
    public void OneSided_IsThePlugInWeightDividedByTheActiveShare()
    {
        // g̃′ = g̃/p̂ with p̂ = #{xᵢᵀu > t}/n (the mutant drops one factor P).
        var rng = new Rng(5);
        int n = 30, d = 2;
        var x = new double[n * d];
        rng.FillGaussian(x);
        double[] u = [0.6, 0.8];
        foreach (double t in new[] { -0.5, 0.0, 0.7 })
        {
            int active = 0;
            for (int i = 0; i < n; i++) if (x[2 * i] * u[0] + x[2 * i + 1] * u[1] > t) active++;
            double expected = DataDependentWeight.OneSided(x, d, u, t) / (active / (double)n);
            Tolerances.AssertClose(FirstPowerWeight.OneSided(x, d, u, t), expected, 1e-13);
        }
    }

    [Test]
    public void Weight_IsZeroWhenNoSampleIsBeyondTheThreshold()
    {
        double[] x = [0.1, 0.2, -0.3, 0.4];
        Assert.That(FirstPowerWeight.Weight(x, 2, [1.0, 0.0], 5.0), Is.EqualTo(0.0));
    }
}
