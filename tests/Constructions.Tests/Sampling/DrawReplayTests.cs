using Flatness.Constructions.Sampling;
using Flatness.Constructions.Teachers;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;

namespace Flatness.Constructions.Tests.Sampling;

/// <summary>The samplers' draws, replayed: the same seed gives the same stream, and the test rebuilds every input and label
/// from it by the sampler's stated draw order and defining equation, evaluated by other code (TwoLayerNetwork.Evaluate,
/// plain loops). Added for the Stryker survivors of src/Constructions (3 Dec 2026): the normalisation of random
/// directions, the label noise, the Hölder target and an extra draw were checked by no test.</summary>
public class DrawReplayTests
{
    [TestCase(1, 3UL)]
    [TestCase(7, 4UL)]
    [TestCase(60, 5UL)]
    public void RandomDirection_IsTheNormalisedGaussianDraw(int d, ulong seed)
    {
        var u = Teacher.RandomDirection(d, new Rng(seed));
        var rng = new Rng(seed);
        var z = new double[d];
        rng.FillGaussian(z);
        double norm = Math.Sqrt(z.Sum(v => v * v));
        Assert.That(u, Is.EqualTo(z.Select(v => v / norm).ToArray()).Within(1e-15));
        Assert.That(Math.Sqrt(u.Sum(v => v * v)), Is.EqualTo(1.0).Within(1e-14));
    }

    [TestCase(0.3)]
    [TestCase(0.0)]
    public void GaussianSample_IsTheTeacherPlusNoiseOnTheSameStream(double noise)
    {
        var teacher = Teacher.SumOfSingleIndex(new Relu(), [1.2, -0.7], [[0.6, 0.8, 0.0], [0.0, -0.6, 0.8]]);
        const int n = 9;
        var data = Teacher.GaussianSample(teacher, n, noise, new Rng(8));
        var rng = new Rng(8);
        var x = new double[n * 3];
        rng.FillGaussian(x);
        for (int i = 0; i < n; i++)
        {
            var xi = x.AsSpan(i * 3, 3).ToArray();
            Assert.That(data.Input(i).ToArray(), Is.EqualTo(xi));
            double expected = teacher.Evaluate(xi) + (noise > 0 ? noise * rng.NextGaussian() : 0);
            Assert.That(data.Target(i), Is.EqualTo(expected).Within(1e-14), $"label {i}");
        }
        var after = new Rng(8);
        Teacher.GaussianSample(teacher, n, noise, after);
        Assert.That(after.NextUInt64(), Is.EqualTo(rng.NextUInt64()), "no noise is drawn when the noise level is 0");
    }

    [Test]
    public void Linear_IsWTransposeXPlusNoise_OnBallInputs()
    {
        double[] w = [0.6, -0.8];
        const int n = 11;
        var s = TeacherData.Linear(n, w, 0.25, new Rng(13));
        var rng = new Rng(13);
        for (int i = 0; i < n; i++)
        {
            var xi = UniformSampling.Ball(2, rng);
            double clean = w[0] * xi[0] + w[1] * xi[1];
            Assert.That(s.Data.Input(i).ToArray(), Is.EqualTo(xi));
            Assert.That(s.Clean[i], Is.EqualTo(clean).Within(1e-15));
            Assert.That(s.Data.Target(i), Is.EqualTo(clean + 0.25 * rng.NextGaussian()).Within(1e-15));
            Assert.That(xi[0] * xi[0] + xi[1] * xi[1], Is.LessThanOrEqualTo(1.0));
        }
    }

    [TestCase(0, 0.1)]
    [TestCase(3, -0.1)]
    [TestCase(3, double.NaN)]
    public void Linear_RejectsEmptySamples_AndBadNoise(int n, double sigma) =>
        Assert.That(Assert.Throws<ArgumentException>(() => TeacherData.Linear(n, [1.0, 0.0], sigma, new Rng(1)))!.Message,
            Does.Contain("sigma >= 0"), "the guard's own message, not a later failure");

    [Test]
    public void Linear_RejectsAnEmptyDirection_AndAcceptsZeroNoise()
    {
        Assert.That(Assert.Throws<ArgumentException>(() => TeacherData.Linear(3, ReadOnlySpan<double>.Empty, 0.1, new Rng(1)))!.Message,
            Does.Contain("d >= 1"));
        var s = TeacherData.Linear(3, [0.6, 0.8], 0, new Rng(2));
        Assert.That(Enumerable.Range(0, 3).Select(s.Data.Target), Is.EqualTo(s.Clean));
    }

    [Test]
    public void Holder_IsTheMeanOfRootAbsoluteProjectionsPlusOne_PlusNoise()
    {
        // f₀(x) = (1/d)Σⱼ|uⱼᵀx|^{1/2} + 1 with rows u₁ = e₁, u₂ = (0.6, 0.8) (paper B, Figs. 13–15).
        double[] directions = [1.0, 0.0, 0.6, 0.8];
        const int n = 10;
        var s = TeacherData.Holder(n, 2, directions, 0.1, new Rng(17));
        var rng = new Rng(17);
        for (int i = 0; i < n; i++)
        {
            var xi = UniformSampling.Ball(2, rng);
            double clean = (Math.Sqrt(Math.Abs(xi[0])) + Math.Sqrt(Math.Abs(0.6 * xi[0] + 0.8 * xi[1]))) / 2 + 1;
            Assert.That(s.Data.Input(i).ToArray(), Is.EqualTo(xi));
            Assert.That(s.Clean[i], Is.EqualTo(clean).Within(1e-15));
            Assert.That(TeacherData.HolderValue(xi, directions), Is.EqualTo(clean).Within(1e-15));
            Assert.That(s.Data.Target(i), Is.EqualTo(clean + 0.1 * rng.NextGaussian()).Within(1e-15));
        }
        Assert.Throws<ArgumentException>(() => TeacherData.Holder(n, 2, [1.0, 0.0, 1.0], 0.1, new Rng(1)));
    }

    [Test]
    public void GaussianData_RedrawsInputsInsideTheKinkMargin_AndKeepsNoiseLabelsUnlessInterpolating()
    {
        // One ReLU neuron z = x₁: an input is kept only when |x₁| ≥ margin; the replay applies the same rule by hand.
        var net = TwoLayerNetwork.FromWeights(new Relu(), [1.0], [[1.0, 0.0]]);
        const double margin = 0.8;
        var data = RandomNetworks.GaussianData(net, 6, new Rng(19), interpolate: false, kinkMargin: margin);
        var rng = new Rng(19);
        var xi = new double[2];
        for (int i = 0; i < 6; i++)
        {
            do rng.FillGaussian(xi);
            while (Math.Abs(xi[0]) < margin);
            Assert.That(data.Input(i).ToArray(), Is.EqualTo(xi));
        }
        var y = new double[6];
        rng.FillGaussian(y);
        Assert.That(Enumerable.Range(0, 6).Select(data.Target), Is.EqualTo(y));
        var fitted = RandomNetworks.GaussianData(net, 6, new Rng(19), interpolate: true, kinkMargin: margin);
        Assert.That(Enumerable.Range(0, 6).Select(fitted.Target), Is.EqualTo(net.Predict(fitted)));
    }
}
