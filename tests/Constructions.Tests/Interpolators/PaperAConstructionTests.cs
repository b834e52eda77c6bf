using Flatness.Constructions.Interpolators;
using Flatness.Constructions.Symmetries;
using Flatness.Constructions.Teachers;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Population;
using Flatness.Numerics.Randomness;

namespace Flatness.Constructions.Tests.Interpolators;

public class PaperAConstructionTests
{
    [TestCase(1UL)]
    [TestCase(2UL)]
    public void Memoriser_Interpolates_AndHasTheAsymptoticFlatnessOrder(ulong seed)
    {
        var rng = new Rng(seed);
        int d = 1000, n = 25;
        var teacher = Teacher.SingleIndex(new Relu(), Teacher.RandomDirection(d, rng));
        var data = Teacher.GaussianSample(teacher, n, 0, rng);
        var mem = Memoriser.Build(new Relu(), data);
        Assert.That(mem.MaxResidual, Is.LessThan(1e-10));
        // Independent reference: evaluate Σ aₗ relu(xₗᵀxᵢ) with plain loops.
        for (int i = 0; i < n; i++)
        {
            double f = 0;
            for (int l = 0; l < n; l++)
            {
                double z = 0;
                for (int k = 0; k < d; k++) z += data.Input(l)[k] * data.Input(i)[k];
                f += mem.Network.OutputWeight(l) * Math.Max(z, 0);
            }
            Assert.That(f, Is.EqualTo(data.Target(i)).Within(1e-10));
        }
        double meanAbs = Enumerable.Range(0, n).Average(i => Math.Abs(data.Target(i)));
        double fstar = OrbitMinimalTrace.Compute(mem.Network, data).Value!.Value;
        double asymptotic = 2 * Math.Sqrt(2) * Math.Sqrt(d * (n + 1.0)) * meanAbs;
        Assert.That(fstar / asymptotic, Is.InRange(0.7, 1.3));
    }

    [Test]
    public void DataSpanNeuron_HasTheTeachersFlatnessExactly_ButNotItsWeights()
    {
        var rng = new Rng(7);
        int d = 400, n = 20;
        var u = Teacher.RandomDirection(d, rng);
        var teacher = Teacher.SingleIndex(new Relu(), u);
        var data = Teacher.GaussianSample(teacher, n, 0, rng);
        var c = DataSpanNeuron.Build(data);
        Assert.That(c.MaxResidual, Is.LessThan(1e-10));
        double ft = OrbitMinimalTrace.Compute(teacher, data).Value!.Value, fc = OrbitMinimalTrace.Compute(c.Network, data).Value!.Value;
        Assert.That(Math.Abs(fc - ft) / ft, Is.LessThan(1e-9));
        double loss = GaussianPopulationLoss.Exact(c.Network, teacher);
        Assert.That(loss / GaussianPopulationLoss.SecondMoment(teacher), Is.InRange(0.7, 1.3));
    }

    [Test]
    public void RandomFeatures_And_NoiseFitting_Interpolate()
    {
        var rng = new Rng(3);
        int d = 10, n = 15;
        var teacher = Teacher.SumOfSingleIndex(new Relu(), [1.0, -0.5], [Teacher.RandomDirection(d, rng), Teacher.RandomDirection(d, rng)]);
        var data = Teacher.GaussianSample(teacher, n, 0.3, rng);
        var rf = RandomFeatureInterpolator.Build(new Relu(), data, 2 * n, rng);
        Assert.That(rf.MaxResidual, Is.LessThan(1e-9));
        var nf = NoiseFittingInterpolator.Build(teacher, data, 2 * n, rng);
        Assert.That(nf.MaxResidual, Is.LessThan(1e-9));
        Assert.That(nf.Network.Width, Is.EqualTo(2 + 2 * n));
        Assert.That(nf.Network.OutputWeight(0), Is.EqualTo(1.0));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Merging_UndoesSplitting_AndScalesFlatnessByTheInverseSplittingFactor(int k)
    {
        var rng = new Rng(9);
        Activation act = k == 1 ? new Relu() : new ReluPower(k);
        var net = TwoLayerNetwork.FromWeights(act, [1.3, -0.4], [[1.0, 0.5, -0.2], [-0.3, 0.8, 0.6]]);
        var x = new double[40 * 3];
        rng.FillGaussian(x);
        var data = new Dataset(x, new double[40], 3);
        data = data.WithTargets(net.Predict(data));
        const int M = 4;
        var split = NeuronSplitting.Split(net, M);
        var merged = NeuronMerging.Merge(split);
        Assert.That(merged.Width, Is.EqualTo(2));
        var f0 = net.Predict(data);
        var f1 = merged.Predict(data);
        for (int i = 0; i < 40; i++) Assert.That(f1[i], Is.EqualTo(f0[i]).Within(1e-12));
        double fs = OrbitMinimalTrace.Compute(split, data).Value!.Value, fm = OrbitMinimalTrace.Compute(merged, data).Value!.Value;
        // Merging M copies multiplies F* by M^{(k−1)/(k+1)} (spec A-D3 read backwards); merged F* is the original's (F* is
        // rescaling-invariant, and merging normalises ‖w‖).
        Assert.That(fm / fs, Is.EqualTo(Math.Pow(M, (k - 1.0) / (k + 1))).Within(1e-10));
        Assert.That(fm, Is.EqualTo(OrbitMinimalTrace.Compute(net, data).Value!.Value).Within(1e-10 * fm));
    }

    [Test]
    public void BalancedTeacher_HasTraceEqualToItsOrbitMinimum()
    {
        var rng = new Rng(4);
        var teacher = Teacher.SingleIndex(new Relu(), [3.0, 4.0]);
        var data = Teacher.GaussianSample(teacher, 200, 0, rng);
        var b = Teacher.Balanced(teacher, data);
        Assert.That(HessianTrace.Compute(b, data).Trace, Is.EqualTo(OrbitMinimalTrace.Compute(teacher, data).Value!.Value).Within(1e-10));
    }

    [Test]
    public void NondegenerateSample_RedrawsAllZeroLabels_AndCountsThem()
    {
        // With n = 1, a ReLU teacher's single label is 0 with probability 1/2: each call redraws about once on average (geometric, mean 1), every
        // returned label is positive, and the count equals the number of all-zero samples drawn from the same stream.
        var teacher = Teacher.SingleIndex(new Relu(), Teacher.RandomDirection(5, new Rng(3)));
        var rng = new Rng(4);
        var replay = new Rng(4);
        int redraws = 0, zeros = 0;
        for (int k = 0; k < 200; k++)
        {
            var data = Teacher.NondegenerateSample(teacher, 1, 0, rng, ref redraws);
            Assert.That(data.Target(0), Is.GreaterThan(0));
            while (Teacher.GaussianSample(teacher, 1, 0, replay).Target(0) == 0) zeros++;
        }
        Assert.That(redraws, Is.EqualTo(zeros).And.InRange(140, 260));
    }
}
