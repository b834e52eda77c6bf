using Flatness.Constructions.Sampling;
using Flatness.Numerics.Randomness;

namespace Flatness.Constructions.Tests.Sampling;

public class UniformSamplingTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(5)]
    public void BallFromSphere_FollowsTheRadiusLawAndSecondMoment(int d)
    {
        // Unif(B^d₁): P(‖x‖ ≤ 0.8) = 0.8^d and E‖x‖² = d/(d + 2); 40000 draws, 4.5 standard errors each.
        var rng = new Rng(100 + (ulong)d);
        int n = 40000, inside = 0;
        double sum = 0, sum2 = 0;
        var x = new double[d];
        for (int i = 0; i < n; i++)
        {
            UniformSampling.BallFromSphere(x, rng);
            double r2 = x.Sum(v => v * v);
            Assert.That(r2, Is.LessThanOrEqualTo(1.0));
            if (r2 <= 0.64) inside++;
            sum += r2; sum2 += r2 * r2;
        }
        double p = Math.Pow(0.8, d), mean = sum / n, se = Math.Sqrt((sum2 / n - mean * mean) / n);
        Assert.That(inside / (double)n, Is.EqualTo(p).Within(4.5 * Math.Sqrt(p * (1 - p) / n)));
        Assert.That(mean, Is.EqualTo(d / (d + 2.0)).Within(4.5 * se));
    }

    [TestCase(1)]
    [TestCase(3)]
    [TestCase(5)]
    public void Ball_RadiusLaw_PofRBelowHalf_IsHalfToTheD(int d)
    {
        // P(‖x‖ ≤ 1/2) = 2^{-d} for the uniform ball; 20000 draws, 4 standard errors.
        var rng = new Rng((ulong)d);
        int n = 20000, inside = 0;
        for (int i = 0; i < n; i++)
        {
            var x = UniformSampling.Ball(d, rng);
            double r = Math.Sqrt(x.Sum(v => v * v));
            Assert.That(r, Is.LessThanOrEqualTo(1.0));
            if (r <= 0.5) inside++;
        }
        double p = Math.Pow(0.5, d);
        Assert.That(inside / (double)n, Is.EqualTo(p).Within(4 * Math.Sqrt(p * (1 - p) / n)));
    }

    [Test]
    public void Sphere_HasUnitNorm() =>
        Assert.That(Math.Sqrt(UniformSampling.Sphere(4, new Rng(1)).Sum(v => v * v)), Is.EqualTo(1.0).Within(1e-15));

    [TestCase(2, 0.84)]
    [TestCase(4, 0.5)]
    public void Shell_FollowsItsRadiusLawAndSecondMoment(int d, double inner)
    {
        // Unif{r ≤ ‖x‖ ≤ 1}: P(‖x‖ ≤ ρ) = (ρ^d − r^d)/(1 − r^d) and E‖x‖² = d(1 − r^{d+2})/((d + 2)(1 − r^d)) (closed forms);
        // 40000 draws, 4.5 standard errors each.
        var rng = new Rng(200 + (ulong)d);
        int n = 40000, below = 0;
        double mid = 0.5 * (1 + inner), sum = 0, sum2 = 0;
        for (int i = 0; i < n; i++)
        {
            var x = UniformSampling.Shell(d, inner, rng);
            double r2 = x.Sum(v => v * v);
            Assert.That(r2, Is.InRange(inner * inner * (1 - 1e-15), 1.0));
            if (r2 <= mid * mid) below++;
            sum += r2; sum2 += r2 * r2;
        }
        double a = Math.Pow(inner, d), p = (Math.Pow(mid, d) - a) / (1 - a);
        double mean = sum / n, se = Math.Sqrt((sum2 / n - mean * mean) / n);
        Assert.That(below / (double)n, Is.EqualTo(p).Within(4.5 * Math.Sqrt(p * (1 - p) / n)));
        Assert.That(mean, Is.EqualTo(d * (1 - Math.Pow(inner, d + 2)) / ((d + 2.0) * (1 - a))).Within(4.5 * se));
        Assert.That(() => UniformSampling.Shell(d, 1.0, rng), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
