using System.Numerics.Tensors;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Spectral;
using Flatness.Numerics.Tests.Support;
using Flatness.Numerics.Training;

namespace Flatness.Numerics.Tests.Training;

public class GradientDescentTests
{
    [TestCase("relu", 1e-4)]
    [TestCase("abs", 1e-4)]
    [TestCase("relu2", 1e-4)]
    [TestCase("gelu", 1e-4)]
    [TestCase("gelu_tanh", 1e-4)]
    [TestCase("silu", 1e-4)]
    [TestCase("tanh", 1e-4)]
    public void OneSmallStep_DecreasesTheLossAsTheTaylorExpansionPredicts(string act, double eta)
    {
        // L(θ − ηg) = L − η‖g‖² + (η²/2)gᵀHg + O(η³), with H from the exact HVP (an independent code path): the step's
        // decrease matches the linear term to O(η) and the quadratic prediction to a small fraction of the η² term.
        var c = Cases.Make(act, true, true, false, 60, 3, 10, 21);
        double l0 = FiniteDifferences.Loss(c.Network, c.Data, LossConvention.HalfMse);
        var g = LossGradient.Compute(c.Network, c.Data, LossConvention.HalfMse);
        double g2 = TensorPrimitives.SumOfSquares(g);
        var hg = new double[g.Length];
        HessianOperator.Create(c.Network, c.Data, LossConvention.HalfMse).Multiply(g, hg);
        double curvature = TensorPrimitives.Dot(g, hg);
        var r = GradientDescent.Train(c.Network, c.Data, [], new TrainingOptions(eta, 1));
        double l1 = FiniteDifferences.Loss(r.Final, c.Data, LossConvention.HalfMse);
        Assert.That(l1, Is.LessThan(l0));
        Tolerances.AssertClose((l0 - l1) / (eta * g2), 1.0, 20 * eta * Math.Max(1, Math.Abs(curvature) / g2), 0, "decrease / (η‖g‖²)");
        double quadratic = eta * g2 - eta * eta / 2 * curvature;
        Assert.That(Math.Abs(l0 - l1 - quadratic), Is.LessThan(0.05 * eta * eta / 2 * Math.Abs(curvature) + 1e-15 * l0), "quadratic prediction");
        Tolerances.AssertClose(r.Trajectory[0].Loss, l0, 1e-12);
        Tolerances.AssertClose(r.Trajectory[^1].Loss, l1, 1e-12);
    }

    [Test]
    public void Update_IsThetaMinusEtaTimesGradientPlusDecay_WithClippingOnlyInTheFirstSteps()
    {
        var c = Cases.Make("relu", true, true, false, 40, 2, 6, 3);
        var g = LossGradient.Compute(c.Network, c.Data, LossConvention.HalfMse);
        double norm = TensorPrimitives.Norm(g);
        double eta = 0.1, wd = 0.1, threshold = norm / 4;
        var clipped = GradientDescent.Train(c.Network, c.Data, [], new TrainingOptions(eta, 1, wd, new GradientClipping(threshold, 1)));
        var unclipped = GradientDescent.Train(c.Network, c.Data, [], new TrainingOptions(eta, 1, wd, new GradientClipping(threshold, 0)));
        var theta = c.Network.Parameters;
        var expectClip = new double[theta.Length];
        var expectFree = new double[theta.Length];
        for (int k = 0; k < theta.Length; k++)
        {
            expectClip[k] = theta[k] - eta * (g[k] * threshold / norm + wd * theta[k]);
            expectFree[k] = theta[k] - eta * (g[k] + wd * theta[k]);
        }
        Tolerances.AssertAllClose(clipped.Final.Parameters, expectClip, 1e-12, 1e-14, "clipped step");
        Tolerances.AssertAllClose(unclipped.Final.Parameters, expectFree, 1e-12, 1e-14, "unclipped step");
        Assert.That(clipped.Trajectory[0].Clipped, Is.True);
        Assert.That(unclipped.Trajectory[0].Clipped, Is.False);
    }

    [Test]
    public void CleanMse_IsTheMeanSquaredDistanceOfTheOutputsFromTheCleanTargets()
    {
        // The in-sample MSE against f₀ that B-17 and B-18 decide on, against ForwardPass at θ₀ (0 steps) and θ_T.
        var c = Cases.Make("relu", true, true, false, 50, 3, 9, 12);
        var clean = c.Data.Targets.ToArray().Select((y, i) => 0.3 * y + 0.1 * i).ToArray();
        double Expected(TwoLayerNetwork net)
        {
            var f = ForwardPass.Predict(net, c.Data);
            return f.Select((v, i) => (v - clean[i]) * (v - clean[i])).Sum() / f.Length;
        }
        var r = GradientDescent.Train(c.Network, c.Data, clean, new TrainingOptions(0.05, 4));
        Tolerances.AssertClose(r.Trajectory[0].CleanMse, Expected(c.Network), 1e-12);
        Tolerances.AssertClose(r.Trajectory[^1].CleanMse, Expected(r.Final), 1e-12);
        Assert.That(GradientDescent.Train(c.Network, c.Data, [], new TrainingOptions(0.05, 1)).Trajectory[0].CleanMse, Is.NaN);
    }

    [Test]
    public void ClippedSteps_AreTheUpdatedStepsWhereTheNormExceededTheThreshold()
    {
        var c = Cases.Make("relu", true, true, false, 50, 3, 9, 13);
        var always = GradientDescent.Train(c.Network, c.Data, [], new TrainingOptions(0.01, 5, 0, new GradientClipping(1e-12)));
        Assert.That(always.ClippedSteps, Is.EqualTo(new[] { 0, 1, 2, 3, 4 }), "every update clipped; step 5 is the end, not an update");
        var firstTwo = GradientDescent.Train(c.Network, c.Data, [], new TrainingOptions(0.01, 5, 0, new GradientClipping(1e-12, 2)));
        Assert.That(firstTwo.ClippedSteps, Is.EqualTo(new[] { 0, 1 }));
        var never = GradientDescent.Train(c.Network, c.Data, [], new TrainingOptions(0.01, 5, 0, new GradientClipping(1e12)));
        Assert.That(never.ClippedSteps, Is.Empty);
    }

    [Test]
    public void AHugeStep_IsReportedAsDiverged_AndKeepsTheLastFiniteParameters()
    {
        var c = Cases.Make("relu", true, true, false, 50, 3, 9, 14);
        var r = GradientDescent.Train(c.Network, c.Data, [], new TrainingOptions(1e150, 10));
        Assert.That(r.Diverged, Is.True);
        Assert.That(r.Final.Parameters.ToArray().All(double.IsFinite), Is.True);
    }

    [Test]
    public void Options_RejectInvalidValues()
    {
        Assert.Throws<ArgumentException>(() => new TrainingOptions(0, 1).Validate());
        Assert.Throws<ArgumentException>(() => new TrainingOptions(double.PositiveInfinity, 1).Validate());
        Assert.Throws<ArgumentException>(() => new TrainingOptions(0.1, -1).Validate());
        Assert.Throws<ArgumentException>(() => new TrainingOptions(0.1, 1, -0.1).Validate());
        Assert.Throws<ArgumentException>(() => new TrainingOptions(0.1, 1, 0, new GradientClipping(0)).Validate());
        Assert.Throws<ArgumentException>(() => new TrainingOptions(0.1, 1, SharpnessEvery: -1).Validate());
        Assert.Throws<ArgumentException>(() => new TrainingOptions(0.1, 1, RecordEvery: 0).Validate());
        Assert.Throws<ArgumentException>(() => new TrainingOptions(0.1, 1, LanczosIterations: 0).Validate());
        Assert.Throws<ArgumentException>(() => new TrainingOptions(0.1, 1, LanczosTolerance: 0).Validate());
        Assert.DoesNotThrow(() => new TrainingOptions(0.1, 0, 0, new GradientClipping(1e-300), LanczosIterations: 1).Validate());
    }

    [Test]
    public void Engine_RejectsMismatchedShapes()
    {
        var c = Cases.Make("relu", true, true, false, 20, 3, 4, 15);
        Assert.Throws<ArgumentException>(() => new FullBatchGradient(c.Network.Activation, new ParameterLayout(4, 2, true, true), c.Data, LossConvention.HalfMse));
        var engine = new FullBatchGradient(c.Network.Activation, c.Network.Layout, c.Data, LossConvention.HalfMse);
        Assert.Throws<ArgumentException>(() => engine.Compute(new double[engine.Dimension + 1], new double[engine.Dimension]));
        Assert.Throws<ArgumentException>(() => engine.Compute(c.Network.Parameters, new double[engine.Dimension - 1]));
        Assert.Throws<ArgumentException>(() => GradientDescent.Train(c.Network, c.Data, new double[3], new TrainingOptions(0.1, 1)));
    }

    [Test]
    public void Training_IsBitIdenticalForOneTwoAndFourThreads()
    {
        var c = Cases.Make("relu", true, true, false, 150, 5, 40, 9);
        TrainingResult Run(int threads)
        {
            using var _ = Parallelism.Limit(threads);
            return GradientDescent.Train(c.Network, c.Data, c.Data.Targets, new TrainingOptions(0.5, 30, 0.01, new GradientClipping(50, 10), SharpnessEvery: 10));
        }
        var one = Run(1);
        foreach (int threads in new[] { 2, 4 })
        {
            var other = Run(threads);
            Assert.That(other.Final.Parameters.ToArray(), Is.EqualTo(one.Final.Parameters.ToArray()), $"{threads} threads");
            Assert.That(other.Trajectory, Is.EqualTo(one.Trajectory), $"{threads} threads");
        }
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(8)]   // more threads than networks: the networks' chunks are interleaved in one parallel loop
    public void TrainMany_GivesEveryNetworkTheBitsItGetsAlone(int threads)
    {
        // Five networks on one dataset with different seeds, step sizes, decay, clipping, step counts and sharpness
        // schedules (one diverges and stops early), plus one of another width and one with another activation: each
        // result must equal Train alone.
        var data = Cases.Make("relu", true, true, false, 90, 4, 8, 30).Data;
        var starts = new List<TwoLayerNetwork>();
        for (int k = 0; k < 5; k++) starts.Add(Cases.Make("relu", true, true, false, 2, 4, 24, (ulong)(40 + k)).Network);
        starts.Add(Cases.Make("relu", true, false, false, 2, 4, 7, 50).Network);
        starts.Add(Cases.Make("relu2", false, true, false, 2, 4, 11, 51).Network);
        var options = new List<TrainingOptions>
        {
            new(0.5, 25, 0, GradientClipping.EveryStep(50), SharpnessEvery: 10),
            new(0.2, 25, 0.1, GradientClipping.EveryStep(50)),
            new(40, 12, 0, new GradientClipping(0.01, 5), RecordEvery: 3),   // diverges: a network that stops early
            new(0.05, 30, 0.01, SharpnessEvery: 7),
            new(0.3, 0),
            new(0.4, 20, 0.05, GradientClipping.EveryStep(50), SharpnessEvery: 5),
            new(0.01, 18, 0, RecordEvery: 4),
        };
        TrainingResult[] batched;
        var alone = new TrainingResult[starts.Count];
        using (Parallelism.Limit(threads))
        {
            batched = GradientDescent.TrainMany(starts, data, data.Targets, options);
            for (int k = 0; k < starts.Count; k++) alone[k] = GradientDescent.Train(starts[k], data, data.Targets, options[k]);
        }
        for (int k = 0; k < starts.Count; k++)
        {
            Assert.That(batched[k].Final.Parameters.ToArray(), Is.EqualTo(alone[k].Final.Parameters.ToArray()), $"network {k}: θ");
            Assert.That(batched[k].Trajectory, Is.EqualTo(alone[k].Trajectory), $"network {k}: trajectory");
            Assert.That(batched[k].Diverged, Is.EqualTo(k == 2), $"network {k}: diverged as planned");
            if (k != 2) Assert.That(batched[k].Trajectory[^1].Step, Is.EqualTo(options[k].Steps), $"network {k}: steps");
        }
    }

    [Test]
    public void TrainMany_TakesOneOptionsForAll_AndRejectsAMismatchedCount()
    {
        var c = Cases.Make("relu", true, true, false, 40, 2, 6, 3);
        var o = new TrainingOptions(0.1, 3);
        var r = GradientDescent.TrainMany([c.Network, c.Network], c.Data, [], [o]);
        Assert.That(r[1].Final.Parameters.ToArray(), Is.EqualTo(r[0].Final.Parameters.ToArray()));
        Assert.Throws<ArgumentException>(() => GradientDescent.TrainMany([c.Network, c.Network, c.Network], c.Data, [], [o, o]));
    }

    [Test]
    public void SharpnessTracking_AgreesWithColdStartLanczos()
    {
        var c = Cases.Make("relu", true, true, false, 80, 3, 12, 4);
        var r = GradientDescent.Train(c.Network, c.Data, [], new TrainingOptions(0.05, 20, SharpnessEvery: 5, LanczosTolerance: 1e-10, LanczosIterations: 200));
        Assert.That(r.Diverged, Is.False);
        var end = r.Trajectory[^1];
        var reference = Lanczos.Extremes(HessianOperator.Create(r.Final, c.Data, LossConvention.HalfMse));
        Tolerances.AssertClose(end.LambdaMax, reference.LambdaMax, 1e-8);
        Assert.That(r.Trajectory.Count(p => !double.IsNaN(p.LambdaMax)), Is.EqualTo(5));
    }

    [Test]
    public void KaimingInitialisation_HasTheStatedVariances()
    {
        // w ~ N(0, 2/d), a ~ N(0, 1/m): sample variances of 40 000 draws within 5 standard errors (SE ≈ σ²√(2/N)).
        var layout = new ParameterLayout(4000, 10, true, true);
        var theta = KaimingInitialisation.Sample(layout, new Rng(3));
        var w = new List<double>();
        var a = new List<double>();
        var b = new List<double>();
        for (int j = 0; j < layout.Width; j++)
        {
            for (int k = 0; k < 10; k++) w.Add(theta[layout.NeuronOffset(j) + k]);
            b.Add(theta[layout.NeuronOffset(j) + 10]);
            a.Add(theta[layout.OutputWeightIndex(j)]);
        }
        double vw = w.Sum(x => x * x) / w.Count, va = a.Sum(x => x * x) / a.Count;
        Assert.That(Math.Abs(vw - 0.2), Is.LessThan(5 * 0.2 * Math.Sqrt(2.0 / w.Count)));
        Assert.That(Math.Abs(va - 1.0 / 4000), Is.LessThan(5 * (1.0 / 4000) * Math.Sqrt(2.0 / a.Count)));
        Assert.That(b.Max(Math.Abs), Is.LessThanOrEqualTo(1 / Math.Sqrt(10)));
    }
}
