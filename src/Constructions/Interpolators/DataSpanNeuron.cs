using Flatness.Numerics.Networks;
using MathNet.Numerics.LinearAlgebra;

namespace Flatness.Constructions.Interpolators;

/// <summary>The data-span neuron of paper A spec A-D4: for n &lt; d and labels yᵢ ≥ 0 of a single ReLU teacher, the
/// minimum-norm w with wᵀxᵢ = yᵢ where yᵢ &gt; 0 and wᵀxᵢ = −δ where yᵢ = 0.</summary>
/// <remarks>w = Xᵀ(XXᵀ)⁻¹t lies in the span of the data. Its active set is the teacher's and its active outputs equal the
/// labels, so its one-neuron F* (which depends only on the active outputs and ‖xᵢ‖) equals the teacher's exactly;
/// yet ‖w‖² ≈ Σyᵢ²/d and its population loss is ≈ E y².</remarks>
public static class DataSpanNeuron
{
    /// <summary>Builds the ReLU neuron (a = 1, w) described above; <paramref name="margin"/> is δ &gt; 0.</summary>
    public static Construction Build(Dataset data, double margin = 0.5)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(margin > 0)) throw new ArgumentOutOfRangeException(nameof(margin), "the margin δ must be > 0");
        int n = data.Count, d = data.InputDimension;
        if (n >= d) throw new ArgumentException($"the data-span neuron needs n < d (n = {n}, d = {d})");
        for (int i = 0; i < n; i++)
            if (data.Target(i) < 0) throw new ArgumentException("the data-span neuron needs labels >= 0 (a single ReLU teacher)");
        var x = Matrix<double>.Build.Dense(n, d, (i, k) => data.Input(i)[k]);
        var t = Vector<double>.Build.Dense(n, i => data.Target(i) > 0 ? data.Target(i) : -margin);
        var w = x.Transpose() * (x * x.Transpose()).Solve(t);
        var net = TwoLayerNetwork.FromWeights(new Relu(), [1.0], [w.ToArray()]);
        return new Construction(net, Residual.Max(net, data));
    }
}
