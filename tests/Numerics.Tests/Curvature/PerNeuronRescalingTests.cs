using CsCheck;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.Tests.Support;

namespace Flatness.Numerics.Tests.Curvature;

public class PerNeuronRescalingTests
{
    [Test]
    public void Rescaling_LeavesTheFunctionUnchanged_AndScalesPAndQ_AsSpecF2Says()
    {
        // Property: for random cases and cⱼ ∈ [0.3, 3], f is unchanged (1e-12) and (Pⱼ, Qⱼ) ↦ (cⱼ^{2k}Pⱼ, cⱼ^{−2}Qⱼ).
        var gen = Gen.Select(Gen.Int[0, Cases.ActivationNames.Length - 1], Gen.Bool, Gen.Bool, Gen.ULong, Gen.Double[0.3, 3.0].Array[4]);
        gen.Sample((act, hb, ob, seed, c) =>
        {
            var cs = Cases.Make(Cases.ActivationNames[act], hb, ob, interpolate: true, 7, 3, 4, seed);
            var scaled = PerNeuronRescaling.Apply(cs.Network, c);
            var f0 = cs.Network.Predict(cs.Data);
            var f1 = scaled.Predict(cs.Data);
            for (int i = 0; i < f0.Length; i++)
                if (Math.Abs(f0[i] - f1[i]) > 1e-12 * Math.Max(1, Math.Abs(f0[i]))) return false;
            var t0 = HessianTrace.Compute(cs.Network, cs.Data);
            var t1 = HessianTrace.Compute(scaled, cs.Data);
            int k = cs.Network.Activation.Degree;
            for (int j = 0; j < 4; j++)
            {
                if (Tolerances.RelativeError(t1.P[j], Math.Pow(c[j], 2 * k) * t0.P[j]) > 1e-10 && t0.P[j] > 1e-300) return false;
                if (Tolerances.RelativeError(t1.Q[j], t0.Q[j] / (c[j] * c[j])) > 1e-10 && t0.Q[j] > 1e-300) return false;
            }
            return true;
        }, iter: 200, seed: "0N0XIzNsQ0O2");
    }

    [TestCaseSource(typeof(Cases), nameof(Cases.SmoothActivationNames))]
    public void Rescaling_AndTheOrbitMinimum_RefuseSmoothActivations_WithTheOneLineReason(string activation)
    {
        // σ(cz) ≠ c^kσ(z): no rescaling keeps f, so there is no orbit (OrbitMinimalTrace.NotApplicable says why).
        var c = Cases.Make(activation, true, true, false, 5, 2, 3, 2);
        string reason = OrbitMinimalTrace.NotApplicable(c.Network.Activation)!;
        Assert.That(reason, Does.StartWith($"{activation} is not positively homogeneous").And.Not.Contains("\n"));
        Assert.That(() => PerNeuronRescaling.Apply(c.Network, [1.0, 2.0, 0.5]), Throws.ArgumentException.With.Message.EqualTo(reason));
        Assert.That(() => OrbitMinimalTrace.Compute(c.Network, c.Data), Throws.ArgumentException.With.Message.EqualTo(reason));
        Assert.That(OrbitMinimalTrace.NotApplicable(new Flatness.Numerics.Networks.ReluPower(2)), Is.Null);
    }

    [Test]
    public void Rescaling_RejectsNonPositiveFactors()
    {
        var c = Cases.Make("relu", false, false, false, 3, 2, 2, 1);
        Assert.That(() => PerNeuronRescaling.Apply(c.Network, [1.0, 0.0]), Throws.ArgumentException);
        Assert.That(() => PerNeuronRescaling.Apply(c.Network, [1.0, -2.0]), Throws.ArgumentException);
        Assert.That(() => PerNeuronRescaling.Apply(c.Network, [1.0]), Throws.ArgumentException);
    }
}
