using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Networks;

namespace Flatness.Numerics.Curvature;

/// <summary>A forward pass that keeps only per-sample results (fᵢ, rᵢ, ‖x̃ᵢ‖²) and the nearest kink; the n×m rows
/// zᵢⱼ, σ, σ', σ'' are recomputed block by block by whatever consumes them.</summary>
/// <remarks>
/// <para>The streaming counterpart of <see cref="NetworkEvaluation"/>: memory O(n + m·d) beyond the data instead of
/// 3–4 n×m arrays, at the price of one pre-activation product X̃W̃ᵀ per use. <see cref="HessianTrace"/> and
/// <see cref="HessianOperator"/> accept either and give bit-identical results (issue #11).</para>
/// <para>Loss, maxᵢ|rᵢ| and min_{i,j}|zᵢⱼ| are reduced in the same order as in <see cref="NetworkEvaluation"/> and
/// <see cref="Kinks.Nearest"/>, so they agree bit for bit too.</para>
/// </remarks>
public sealed class StreamingEvaluation
{
    [ThreadStatic] private static double[]? t_z, t_s, t_s1, t_s2;

    private readonly ForwardPass.Plan _plan;
    private readonly double[] _outputs, _residuals, _inputNorms;

    private StreamingEvaluation(TwoLayerNetwork network, Dataset data, LossConvention loss)
    {
        _plan = new ForwardPass.Plan(network, data);
        Network = network;
        Loss = loss;
        Samples = data.Count;
        _outputs = new double[Samples];
        _residuals = new double[Samples];
        _inputNorms = new double[Samples];
        Rows = new StreamedRows(this);
    }

    /// <summary>The network evaluated.</summary>
    public TwoLayerNetwork Network { get; }
    /// <summary>ν of the loss.</summary>
    public LossConvention Loss { get; }
    /// <summary>n.</summary>
    public int Samples { get; }
    /// <summary>m.</summary>
    public int Width => Network.Width;
    /// <summary>L̂_ν(θ) = (1/(νn)) Σ rᵢ².</summary>
    public double LossValue { get; private set; }
    /// <summary>maxᵢ |rᵢ|.</summary>
    public double MaxAbsResidual { get; private set; }
    /// <summary>2/(νn).</summary>
    public double CurvatureScale => Loss.CurvatureScale(Samples);
    /// <summary>The nearest kink min_{i,j}|zᵢⱼ| (first in row-major order on ties, as <see cref="Kinks.Nearest"/>).</summary>
    public KinkDistance Kink { get; private set; } = null!;
    /// <summary>fᵢ for every sample.</summary>
    public ReadOnlySpan<double> Output => _outputs;
    /// <summary>rᵢ = fᵢ − yᵢ for every sample.</summary>
    public ReadOnlySpan<double> Residual => _residuals;

    internal SampleRows Rows { get; }

    /// <summary>Runs the forward pass once, keeping O(n) results.</summary>
    /// <param name="network">The network.</param>
    /// <param name="data">Samples whose input dimension matches the network's.</param>
    /// <param name="loss">ν.</param>
    /// <exception cref="ArgumentException">The dimensions disagree.</exception>
    public static StreamingEvaluation Evaluate(TwoLayerNetwork network, Dataset data, LossConvention loss = LossConvention.Mse)
    {
        var e = new StreamingEvaluation(network, data, loss);
        e.Run(data.Targets.ToArray());
        return e;
    }

    private void Run(double[] y)
    {
        int n = Samples, m = Width, dt = _plan.AugmentedDimension;
        int blocks = SampleBlocks.Blocks(n);
        var nearest = new (double Value, int At)[blocks];
        Parallelism.For(blocks, block =>
        {
            int r0 = block * SampleBlocks.RowsPerBlock, r1 = Math.Min(n, r0 + SampleBlocks.RowsPerBlock);
            var (z, s, _, _) = Compute(r0, r1);
            double best = double.PositiveInfinity;
            int at = 0;
            for (int i = r0; i < r1; i++)
            {
                int o = (i - r0) * m;
                double f = _plan.Beta + FixedOrder.Dot(_plan.A, s.AsSpan(o, m));
                _outputs[i] = f;
                _residuals[i] = f - y[i];
                _inputNorms[i] = FixedOrder.SumOfSquares(_plan.X.AsSpan(i * dt, dt));
                for (int j = 0; j < m; j++)
                {
                    double v = Math.Abs(z[o + j]);
                    if (v < best)
                    {
                        best = v;
                        at = i * m + j;
                    }
                }
            }
            nearest[block] = (best, at);
        });
        double sum = 0, maxAbs = 0;
        for (int i = 0; i < n; i++)
        {
            sum += _residuals[i] * _residuals[i];
            maxAbs = Math.Max(maxAbs, Math.Abs(_residuals[i]));
        }
        LossValue = sum / (Loss.Nu() * (double)n);
        MaxAbsResidual = maxAbs;
        var (minAbs, index) = (double.PositiveInfinity, 0);
        foreach (var (value, at) in nearest)
            if (value < minAbs) (minAbs, index) = (value, at);
        Kink = new KinkDistance(minAbs, index / m, index % m, Network.Activation.HasKink);
    }

    /// <summary>Recomputes rows [r0, r1) of z, σ, σ', σ'' into this thread's scratch.</summary>
    private (double[] Z, double[] S, double[] S1, double[]? S2) Compute(int r0, int r1)
    {
        int size = SampleBlocks.RowsPerBlock * Width;
        var z = Scratch(ref t_z, size);
        var s = Scratch(ref t_s, size);
        var s1 = Scratch(ref t_s1, size);
        var s2 = Network.Activation.IsPiecewiseLinear ? null : Scratch(ref t_s2, size);
        _plan.ComputeInto(r0, r1, r0, z, s, s1, s2);
        return (z, s, s1, s2);
    }

    private static double[] Scratch(ref double[]? buffer, int size)
    {
        if (buffer is null || buffer.Length < size) buffer = new double[size];
        return buffer;
    }

    private sealed class StreamedRows(StreamingEvaluation e) : SampleRows(e.Network, e.Loss, e.Samples, e._plan.X, e._plan.A,
        e._residuals, e._inputNorms)
    {
        public override bool Recomputes => true;

        public override RowView Rows(int r0, int r1)
        {
            var (_, s, s1, s2) = e.Compute(r0, r1);
            return new RowView(s, s1, s2, 0);
        }
    }
}
