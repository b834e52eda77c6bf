using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Optimization;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Tests.Support;

namespace Flatness.Numerics.Tests.Curvature;

public class OrbitMinimalTraceTests
{
    [Test]
    public void ClosedForm_mk_EqualsOneDimensionalMinimisationInLogC([Values(1, 2, 3)] int k)
    {
        var rng = new Rng((ulong)k);
        for (int rep = 0; rep < 50; rep++)
        {
            double p = Math.Exp(rng.NextUniform(-4, 4)), q = Math.Exp(rng.NextUniform(-4, 4));
            var r = GoldenSectionSearch.Minimize(t => OrbitMinimalTrace.TraceAlongOrbit(p, q, k, Math.Exp(t)), -20, 20);
            var (t, value) = (r.Argument, r.Value);
            Tolerances.AssertClose(OrbitMinimalTrace.MinimumOverOrbit(p, q, k), value, 1e-10, 0, "m_k");
            // argmin c^{2k+2} = Q/(kP); a flat minimum pins c to about sqrt(tolerance).
            Tolerances.AssertClose(OrbitMinimalTrace.MinimisingRescaling(p, q, k), Math.Exp(t), 1e-4, 0, "argmin");
        }
    }

    [Test]
    public void ClosedForm_k1_IsAmGm_TwoRootPQ() =>
        Tolerances.AssertClose(OrbitMinimalTrace.MinimumOverOrbit(3.0, 12.0, 1), 2 * Math.Sqrt(36.0), 1e-15);

    private static IEnumerable<TestNet> Interpolators() =>
        Cases.ActivationNames.SelectMany((a, i) => new[]
        {
            Cases.Make(a, true, true, true, 8, 3, 4, 500 + (ulong)i),
            Cases.Make(a, false, false, true, 8, 3, 3, 600 + (ulong)i),
        });

    [TestCaseSource(nameof(Interpolators))]
    public void OrbitMinimum_EqualsDirectMinimisationOfTheRescaledNetworksTrace(TestNet c)
    {
        // Independent reference: minimise Tr ∇²L of the actually rescaled network over log cⱼ, one neuron at a time
        // (the trace is separable in the cⱼ), with the trace recomputed from the rescaled weights each time.
        var orbit = OrbitMinimalTrace.Compute(c.Network, c.Data);
        Assert.That(orbit.Status, Is.EqualTo(OrbitMinimumStatus.Attained));
        int m = c.Network.Width;
        var logc = new double[m];
        for (int j = 0; j < m; j++)
        {
            int jj = j;
            logc[j] = GoldenSectionSearch.Minimize(t =>
            {
                var factors = Enumerable.Repeat(1.0, m).ToArray();
                factors[jj] = Math.Exp(t);
                return HessianTrace.Compute(PerNeuronRescaling.Apply(c.Network, factors), c.Data).Trace;
            }, -8, 8, 1e-7).Argument;
        }
        var best = PerNeuronRescaling.Apply(c.Network, logc.Select(Math.Exp).ToArray());
        Tolerances.AssertClose(HessianTrace.Compute(best, c.Data).Trace, orbit.Infimum, 1e-9, 0, "min over log c");
    }

    [TestCaseSource(nameof(Interpolators))]
    public void BalancedNetwork_HasTraceEqualToTheOrbitMinimum_SameFunction_AndIsDataBalanced(TestNet c)
    {
        var orbit = OrbitMinimalTrace.Compute(c.Network, c.Data);
        var balanced = PerNeuronRescaling.Balance(c.Network, c.Data);
        var trace = HessianTrace.Compute(balanced, c.Data);
        Tolerances.AssertClose(trace.Trace, orbit.Value!.Value, 1e-12, 0, "Tr at balance");
        Tolerances.AssertAllClose(balanced.Predict(c.Data), c.Network.Predict(c.Data), 1e-12, 1e-14, "f");
        int k = c.Network.Activation.Degree;
        for (int j = 0; j < balanced.Width; j++)
            Tolerances.AssertClose(k * trace.P[j], trace.Q[j] + trace.R[j], 1e-10, 1e-14, $"k P_{j} = Q_{j}");
        // Balancing twice changes nothing: the balanced point is a fixed point.
        var again = OrbitMinimalTrace.Compute(balanced, c.Data);
        Assert.That(again.Rescaling(), Is.All.EqualTo(1.0).Within(1e-10));
    }

    [Test]
    public void ZeroOutputWeightOnAnActiveNeuron_InfimumNotAttained()
    {
        var net = TwoLayerNetwork.FromWeights(new Relu(), [1.0, 0.0], [[1.0, 0.5], [0.3, 1.0]]);
        var data = new Dataset([1.0, 1.0, 2.0, -0.5], [1.5, 1.75], 2);
        var orbit = OrbitMinimalTrace.Compute(net, data);
        Assert.Multiple(() =>
        {
            Assert.That(orbit.Status, Is.EqualTo(OrbitMinimumStatus.NotAttained));
            Assert.That(orbit.Value, Is.Null);
            Assert.That(orbit.Reason, Does.Contain("neuron 1"));
            Assert.That(() => orbit.Rescaling(), Throws.InvalidOperationException);
        });
        // The infimum is neuron 0's minimum alone.
        var trace = HessianTrace.Compute(net, data);
        Tolerances.AssertClose(orbit.Infimum, trace.Scale * 2 * Math.Sqrt(trace.P[0] * trace.Q[0]), 1e-14);
    }

    [Test]
    public void DeadNeuron_ContributesZero_AndKeepsTheMinimumAttained()
    {
        var net = TwoLayerNetwork.FromWeights(new Relu(), [1.0, 5.0], [[1.0], [-1.0]]);
        var data = new Dataset([1.0, 2.0], [1.0, 2.0], 1);
        var orbit = OrbitMinimalTrace.Compute(net, data);
        Assert.That(orbit.Status, Is.EqualTo(OrbitMinimumStatus.Attained));
        Assert.That(orbit.Neurons[1].Minimum, Is.EqualTo(0.0));
        Assert.That(orbit.Neurons[1].Rescaling, Is.EqualTo(1.0));
    }

    [Test]
    public void ReluSquared_OffInterpolation_WithNegativeResidualCurvature_IsUnboundedBelow()
    {
        // One neuron, a = 1, w = 1, x = 1: f = 1, y = 5, r = −4. Q = (2z)²x² = 4, R = a·r·σ''·x² = −8, Q + R < 0.
        var net = TwoLayerNetwork.FromWeights(new ReluPower(2), [1.0], [[1.0]]);
        var data = new Dataset([1.0], [5.0], 1);
        var orbit = OrbitMinimalTrace.Compute(net, data);
        Assert.Multiple(() =>
        {
            Assert.That(orbit.Status, Is.EqualTo(OrbitMinimumStatus.UnboundedBelow));
            Assert.That(orbit.Infimum, Is.EqualTo(double.NegativeInfinity));
            Assert.That(orbit.Value, Is.Null);
        });
        // And indeed the trace of rescaled networks decreases without bound as c → 0.
        double t1 = HessianTrace.Compute(PerNeuronRescaling.Apply(net, [0.1]), data).Trace;
        double t2 = HessianTrace.Compute(PerNeuronRescaling.Apply(net, [0.01]), data).Trace;
        Assert.That(t2, Is.LessThan(t1).And.LessThan(-1e3));
    }
}
