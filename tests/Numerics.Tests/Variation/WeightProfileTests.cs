using Flatness.Numerics.Randomness;
using Flatness.Numerics.Tests.Support;
using Flatness.Numerics.Variation;

namespace Flatness.Numerics.Tests.Variation;

public class WeightProfileTests
{
    [TestCase(1, 7UL)]
    [TestCase(3, 8UL)]
    public void AlongDirection_MatchesTheDirectPlugInWeight(int d, ulong seed)
    {
        // Reference: DataDependentWeight.Weight, a direct O(n·d) pass per threshold.
        var rng = new Rng(seed);
        int n = 200;
        var x = new double[n * d];
        rng.FillGaussian(x);
        var u = new double[d];
        rng.FillGaussian(u);
        double norm = Math.Sqrt(u.Sum(v => v * v));
        for (int k = 0; k < d; k++) u[k] /= norm;
        var thresholds = Enumerable.Range(0, 41).Select(i => -3 + 0.15 * i).ToList();
        thresholds.Add(x.Take(d).Select((v, k) => v * u[k]).Sum());   // a threshold exactly at a sample: strict inequalities on both sides
        var profile = WeightProfile.AlongDirection(x, d, u, thresholds);
        for (int q = 0; q < thresholds.Count; q++)
            Tolerances.AssertClose(profile[q], DataDependentWeight.Weight(x, d, u, thresholds[q]), 1e-11, 1e-15, $"t = {thresholds[q]}");
    }
}
