using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;
using Flatness.Symbolic.Proving;
using Flatness.Symbolic.Terms;
using static Flatness.Symbolic.Terms.T;

namespace Flatness.Symbolic.Tests.Proving;

/// <summary>The numerics core's orbit minimum agrees with Z3 on the same (P, Q): Z3 proves no c &gt; 0 goes below
/// (1 − 10⁻⁹)·m_k, and refutes "every c &gt; 0 stays above (1 + 10⁻⁹)·m_k" with a witness c near the numeric argmin.</summary>
public class NumericCrossCheckTests
{
    [TestCase("relu", 1)]
    [TestCase("relu_power", 2)]
    [TestCase("relu_power", 3)]
    public void OrbitMinimum_ClosedForm_AgreesWithZ3_PerNeuron(string activation, int k)
    {
        var rng = new Rng((ulong)(10 + k));
        var act = Activation.Create(activation, degree: k == 1 ? null : k);
        int n = 6, d = 3, m = 3;
        var layout = new ParameterLayout(m, d, true, false);
        var theta = new double[layout.Count];
        rng.FillGaussian(theta);
        var net = new TwoLayerNetwork(act, layout, theta);
        var x = new double[n * d];
        rng.FillGaussian(x);
        var data = new Dataset(x, new double[n], d);
        data = data.WithTargets(net.Predict(data));
        var trace = HessianTrace.Compute(net, data);
        var orbit = OrbitMinimalTrace.Compute(trace, k);
        var c = Real("c");
        for (int j = 0; j < m; j++)
        {
            var neuron = orbit.Neurons[j];
            if (neuron.P == 0 || neuron.Q == 0) continue;
            Term p = Num.Exact(neuron.P), q = Num.Exact(neuron.Q);
            Term lower = Num.Exact(neuron.Minimum * (1 - 1e-9)), upper = Num.Exact(neuron.Minimum * (1 + 1e-9));
            // c^{2k}P + c^{-2}Q ≥ v  ⇔  c^{2k+2}P + Q ≥ v c²  (c > 0).
            var below = Z3Checker.Check(Goal.Of("no c below the minimum", Pow(c, 2 * k + 2) * p + q >= lower * c * c, c > 0));
            Assert.That(below.Status, Is.EqualTo(ProofStatus.Proved), $"neuron {j}: {below.Reason}");
            var above = Z3Checker.Check(Goal.Of("every c above the minimum", Pow(c, 2 * k + 2) * p + q > upper * c * c, c > 0));
            Assert.That(above.Status, Is.EqualTo(ProofStatus.Refuted), $"neuron {j}");
            double witness = Z3CheckerTests.ParseModelValue(above.CounterModel!.Single(kv => kv.Key == "c").Value);
            // Within the 1e-9 band, c can be off the argmin by about sqrt(2e-9 / curvature): 1e-3 relative is ample.
            Assert.That(witness, Is.EqualTo(neuron.Rescaling).Within(1e-3 * neuron.Rescaling), $"neuron {j}: witness c vs numeric argmin");
        }
    }
}
