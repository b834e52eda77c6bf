using Flatness.Constructions.Sampling;
using Flatness.Numerics.Randomness;

namespace Flatness.Constructions.Tests.Sampling;

public class BallSamplingTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(5)]
    public void UniformBallFromSphere_FollowsTheRadiusLawAndSecondMoment(int d)
    {
        // Unif(B^d₁): P(‖x‖ ≤ 0.8) = 0.8^d and E‖x‖² = d/(d + 2); 40000 draws, 4.5 standard errors each.
        var rng = new Rng(100 + (ulong)d);
        int n = 40000, inside = 0;
        double sum = 0, sum2 = 0;
        var x = new double[d];
        for (int i = 0; i < n; i++)
        {
            BallSampling.UniformBallFromSphere(x, rng);
            double r2 = x.Sum(v => v * v);
            Assert.That(r2, Is.LessThanOrEqualTo(1.0));
            if (r2 <= 0.64) inside++;
            sum += r2; sum2 += r2 * r2;
        }
        double p = Math.Pow(0.8, d), mean = sum / n, se = Math.Sqrt((sum2 / n - mean * mean) / n);
        Assert.That(inside / (double)n, Is.EqualTo(p).Within(4.5 * Math.Sqrt(p * (1 - p) / n)));
        Assert.That(mean, Is.EqualTo(d / (d + 2.0)).Within(4.5 * se));
    }
}
