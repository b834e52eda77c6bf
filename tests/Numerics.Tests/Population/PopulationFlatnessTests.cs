using Flatness.Numerics.Tests.Support;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Population;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Statistics;
using MathNet.Numerics.Integration;

namespace Flatness.Numerics.Tests.Population;

public class PopulationFlatnessTests
{
    private static double GaussianIntegral(Func<double, double> f) =>
        GaussLegendreRule.Integrate(g => f(g) * Math.Exp(-g * g / 2) / Math.Sqrt(2 * Math.PI), -12, 12, 512);

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Moments_MatchQuadrature(int k)
    {
        // s_k = E σ(g)², D_k = (d−1)Eσ'(g)² + E σ'(g)²g² by quadrature (independent of the double factorials).
        double sk = GaussianIntegral(g => g > 0 ? Math.Pow(g, 2 * k) : 0);
        double e1 = GaussianIntegral(g => g > 0 ? k * k * Math.Pow(g, 2 * k - 2) : 0);
        double e2 = GaussianIntegral(g => g > 0 ? k * k * Math.Pow(g, 2 * k) : 0);
        Tolerances.AssertClose(PopulationFlatness.ActivationSecondMoment(k), sk, 1e-10);
        Tolerances.AssertClose(PopulationFlatness.DerivativeMoment(k, 7), 6 * e1 + e2, 1e-10);
    }

    [Test]
    public void ReluLimit_Is_TwoOverNu_RootD_TimesPathNorm()
    {
        var net = TwoLayerNetwork.FromWeights(new Relu(), [2.0, -0.5], [[3.0, 4, 0, 0], [0.0, 0, 1, 0]]);
        // path norm 2·5 + 0.5·1 = 10.5; √4 = 2.
        Tolerances.AssertClose(PopulationFlatness.OrbitMinimalTraceLimit(net), 2 * 2 * 10.5, 1e-14);
        Tolerances.AssertClose(PopulationFlatness.OrbitMinimalTraceLimit(net, LossConvention.HalfMse), 2 * 10.5, 1e-14);
    }

    [Test]
    public void MeanChi_MatchesKnownValues_AndFloorRatioTendsToRootTwoPiOverTwo()
    {
        Tolerances.AssertClose(PopulationFlatness.MeanChi(1), Math.Sqrt(2 / Math.PI), 1e-13);
        Tolerances.AssertClose(PopulationFlatness.MeanChi(2), Math.Sqrt(Math.PI / 2), 1e-13);
        Tolerances.AssertClose(PopulationFlatness.MeanChi(3), 2 * Math.Sqrt(2 / Math.PI), 1e-13);
        double d = 1e6;
        double ratio = 2 * Math.Sqrt(d) / PopulationFlatness.SingleReluFloorLimit((int)d);
        Tolerances.AssertClose(ratio, Math.Sqrt(2 * Math.PI) / 2, 1e-6);
    }

    [Test]
    public void SampleOrbitMinimalTrace_EqualsTheEngine_AndItsStandardErrorMatchesReplicates()
    {
        var rng = new Rng(11);
        var net = TwoLayerNetwork.FromWeights(new ReluPower(2), [1.0, -0.7], [[1.0, 0.2, -0.3], [0.1, -1, 0.5]]);
        var values = new List<double>();
        var ses = new List<double>();
        for (int rep = 0; rep < 200; rep++)
        {
            var x = new double[500 * 3];
            rng.FillGaussian(x);
            var data = new Dataset(x, new double[500], 3);
            data = data.WithTargets(net.Predict(data));
            var s = PopulationFlatness.SampleOrbitMinimalTrace(net, data);
            if (rep == 0) Tolerances.AssertClose(s.Value, OrbitMinimalTrace.Compute(net, data).Value!.Value, 1e-10);
            values.Add(s.Value);
            ses.Add(s.StandardError);
        }
        double mean = values.Average(), sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        // The replicate SD and the mean delta-method SE agree within 20% (200 replicates: the SD itself is ±5%).
        Tolerances.AssertClose(ses.Average(), sd, 0.2);
        // The mean tends to the population limit (bias O(1/n)).
        Assert.That(Math.Abs(mean - PopulationFlatness.OrbitMinimalTraceLimit(net)), Is.LessThan(4 * sd / Math.Sqrt(200) + 0.01 * mean));
    }

    [Test]
    public void DeltaMethod_OfAMean_IsTheStandardErrorOfTheMean()
    {
        double[] c = [1, 2, 3, 4, 5];
        // sd = √2.5, SE = √(2.5/5).
        Tolerances.AssertClose(DeltaMethod.StandardError([c], [1.0]), Math.Sqrt(0.5), 1e-14);
        Tolerances.AssertClose(DeltaMethod.StandardError([c, c], [1.0, 2.0]), 3 * Math.Sqrt(0.5), 1e-14);
    }

    [TestCase(2, LossConvention.HalfMse)]
    [TestCase(3, LossConvention.Mse)]
    public void ReluPowerLimit_IsTheOrbitMinimumOfThePopulationMoments(int k, LossConvention loss)
    {
        // Reference: (2/ν)Σⱼ m_k(Pⱼ, Qⱼ) with the engine's per-neuron minimum m_k (OrbitMinimalTrace, not the closed form
        // written here) at the population moments Pⱼ = ‖wⱼ‖^{2k}s_k, Qⱼ = aⱼ²‖wⱼ‖^{2k−2}D_k, s_k and D_k by quadrature.
        // Neurons of different norms and signs, so that the exponent 2k/(k + 1) and |aⱼ| show.
        const int d = 5;
        var net = TwoLayerNetwork.FromWeights(new ReluPower(k), [1.7, -0.4], [[0.9, -0.3, 0.4, 0.0, 0.2], [0.1, 0.5, -0.2, 0.3, -0.6]]);
        double sk = GaussianIntegral(g => g > 0 ? Math.Pow(g, 2 * k) : 0);
        double dk = (d - 1) * GaussianIntegral(g => g > 0 ? k * k * Math.Pow(g, 2 * k - 2) : 0)
            + GaussianIntegral(g => g > 0 ? k * k * Math.Pow(g, 2 * k) : 0);
        double expected = 0;
        for (int j = 0; j < net.Width; j++)
        {
            double norm2 = net.HiddenWeight(j).ToArray().Sum(v => v * v), a = net.OutputWeight(j);
            expected += OrbitMinimalTrace.MinimumOverOrbit(Math.Pow(norm2, k) * sk, a * a * Math.Pow(norm2, k - 1) * dk, k);
        }
        expected *= 2.0 / loss.Nu();
        Tolerances.AssertClose(PopulationFlatness.OrbitMinimalTraceLimit(net, loss), expected, 1e-9);
    }

    [Test]
    public void SampleOrbitMinimalTrace_CarriesTwoOverNu_AndADeadNeuronAddsNothing()
    {
        // A neuron with w = 0 never fires (P̄ = Q̄ = 0, m = 0): it must add neither value nor a 0/0 gradient.
        var rng = new Rng(12);
        var x = new double[200 * 3];
        rng.FillGaussian(x);
        var live = TwoLayerNetwork.FromWeights(new ReluPower(2), [1.0, -0.7], [[1.0, 0.2, -0.3], [0.1, -1, 0.5]]);
        var withDead = TwoLayerNetwork.FromWeights(new ReluPower(2), [1.0, -0.7, 2.0], [[1.0, 0.2, -0.3], [0.1, -1, 0.5], [0.0, 0, 0]]);
        var data = new Dataset(x, new double[200], 3);
        data = data.WithTargets(live.Predict(data));
        var mse = PopulationFlatness.SampleOrbitMinimalTrace(live, data);
        var half = PopulationFlatness.SampleOrbitMinimalTrace(live, data, LossConvention.HalfMse);
        var dead = PopulationFlatness.SampleOrbitMinimalTrace(withDead, data);
        Tolerances.AssertClose(half.Value, mse.Value / 2, 1e-14);
        Tolerances.AssertClose(half.StandardError, mse.StandardError / 2, 1e-12);
        Tolerances.AssertClose(OrbitMinimalTrace.Compute(live, data, LossConvention.HalfMse).Value!.Value, half.Value, 1e-10);
        Tolerances.AssertClose(dead.Value, mse.Value, 1e-14);
        Tolerances.AssertClose(dead.StandardError, mse.StandardError, 1e-12);
        Assert.That(mse.StandardError, Is.GreaterThan(0));
    }

    [TestCase(3)]
    [TestCase(12)]
    public void SingleReluFloorLimit_ScalesWithTheTeachersNorm_AndCarriesFourOverNu(int d)
    {
        // Reference: the noiseless quadrature of NoisyFloor (y = ‖u‖(ûᵀx)₊ scales the floor by ‖u‖), whose ν is checked below.
        Tolerances.AssertClose(PopulationFlatness.SingleReluFloorLimit(d, 2.5, LossConvention.HalfMse),
            2.5 * NoisyFloor.FloorLimit(d, 0, LossConvention.HalfMse), 1e-8);
        Tolerances.AssertClose(NoisyFloor.FloorLimit(d, 0.7, LossConvention.HalfMse), NoisyFloor.FloorLimit(d, 0.7) / 2, 1e-14);
    }
}

public class SampleFlatnessRatioTests
{
    private static (TwoLayerNetwork Teacher, Dataset Data) Sample(int n, ulong seed)
    {
        var rng = new Rng(seed);
        var teacher = TwoLayerNetwork.FromWeights(new Relu(), [1.3], [[0.6, -0.48, 0.64]]);
        var x = new double[n * 3];
        rng.FillGaussian(x);
        var data = new Dataset(x, new double[n], 3);
        return (teacher, data.WithTargets(teacher.Predict(data)));
    }

    [Test]
    public void TeacherToFloor_IsTheEnginesFStarOverTheFloor_WithTheDeltaMethodStandardError()
    {
        // Value: the engine's F* (OrbitMinimalTrace) over InterpolatorFloor, two other code paths. SE: the delta method
        // written out here, sd(R/(2P̄)·pᵢ + R/(2Q̄)·qᵢ − R/F̄·fᵢ)/√n with MathNet's sample SD (a = 1.3 ≠ 1, ‖u‖ ≠ 1).
        var (teacher, data) = Sample(301, 21);
        var r = SampleFlatnessRatio.TeacherToFloor(teacher, data);
        double fstar = OrbitMinimalTrace.Compute(teacher, data).Value!.Value;
        Tolerances.AssertClose(r.Value, fstar / InterpolatorFloor.Value(new Relu(), data), 1e-10);
        int n = data.Count;
        var p = new double[n];
        var q = new double[n];
        var f = new double[n];
        double[] u = [0.6, -0.48, 0.64];
        for (int i = 0; i < n; i++)
        {
            var x = data.Input(i).ToArray();
            double z = u.Zip(x, (s, t) => s * t).Sum(), norm2 = x.Sum(t => t * t);
            p[i] = z > 0 ? z * z : 0;
            q[i] = z > 0 ? 1.3 * 1.3 * norm2 : 0;
            f[i] = Math.Sqrt(norm2) * Math.Abs(data.Target(i));
        }
        double pm = p.Average(), qm = q.Average(), fm = f.Average(), ratio = Math.Sqrt(pm * qm) / fm;
        var linear = Enumerable.Range(0, n).Select(i => ratio / (2 * pm) * p[i] + ratio / (2 * qm) * q[i] - ratio / fm * f[i]).ToArray();
        Tolerances.AssertClose(r.Value, ratio, 1e-12);
        Tolerances.AssertClose(r.StandardError, MathNet.Numerics.Statistics.ArrayStatistics.StandardDeviation(linear) / Math.Sqrt(n), 1e-10);
        Assert.That((r.Samples, r.Method), Is.EqualTo((n, PopulationMethod.MonteCarlo)));
    }

    [Test]
    public void TeacherToFloor_IsForOneReluNeuron()
    {
        var (_, data) = Sample(20, 22);
        Assert.Throws<ArgumentException>(() => SampleFlatnessRatio.TeacherToFloor(
            TwoLayerNetwork.FromWeights(new Relu(), [1.0, 1.0], [[1.0, 0, 0], [0.0, 1, 0]]), data));
        Assert.Throws<ArgumentException>(() => SampleFlatnessRatio.TeacherToFloor(
            TwoLayerNetwork.FromWeights(new LeakyRelu(0.1), [1.0], [[1.0, 0, 0]]), data));
        Assert.Throws<ArgumentNullException>(() => SampleFlatnessRatio.TeacherToFloor(null!, data));
    }
}


public class NoisyFloorTests
{
    [TestCase(2)]
    [TestCase(10)]
    [TestCase(50)]
    public void AtZeroNoise_QuadratureEqualsTheClosedForm(int d) =>
        Tolerances.AssertClose(NoisyFloor.FloorLimit(d, 0), PopulationFlatness.SingleReluFloorLimit(d), 1e-8);

    [Test]
    public void FoldedNormalMean_HasItsKnownValues()
    {
        Tolerances.AssertClose(NoisyFloor.FoldedNormalMean(0, 2), 2 * Math.Sqrt(2 / Math.PI), 1e-14);
        Tolerances.AssertClose(NoisyFloor.FoldedNormalMean(-3, 0), 3, 1e-14);
        Tolerances.AssertClose(NoisyFloor.FoldedNormalMean(50, 1), 50, 1e-12);
        // 1e-9: the quadrature truncates the Gaussian at ±12 and uses 400 nodes per half-line.
        Tolerances.AssertClose(NoisyFloor.MeanAbsoluteLabel(0), 1 / Math.Sqrt(2 * Math.PI), 1e-9);
    }

    [Test]
    public void WithNoise_MatchesMonteCarlo()
    {
        var rng = new Rng(17);
        int d = 8;
        const int N = 400_000;
        double s = 0, s2 = 0;
        var x = new double[d];
        for (int i = 0; i < N; i++)
        {
            rng.FillGaussian(x);
            double y = Math.Max(x[0], 0) + 0.5 * rng.NextGaussian();
            double v = 4 * Math.Sqrt(x.Sum(t => t * t)) * Math.Abs(y);
            s += v;
            s2 += v * v;
        }
        double mean = s / N, se = Math.Sqrt((s2 / N - mean * mean) / N);
        Assert.That(Math.Abs(NoisyFloor.FloorLimit(d, 0.5) - mean), Is.LessThan(5 * se));
    }
}
