using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Networks;

namespace Flatness.Numerics.Curvature;

/// <summary>One forward pass of a network over a dataset, with everything curvature needs cached.</summary>
/// <remarks>
/// Caches, for every sample i and neuron j, zᵢⱼ = w̃ⱼᵀx̃ᵢ, σ(zᵢⱼ), σ'(zᵢⱼ) and (unless σ is piecewise linear) σ''(zᵢⱼ), together with
/// fᵢ, rᵢ = fᵢ − yᵢ and ‖x̃ᵢ‖². The pre-activations are one blocked matrix product X̃W̃ᵀ (O(nmd)); everything
/// else is O(nm). <see cref="HessianTrace"/>, <see cref="HessianOperator"/>, <see cref="LossGradient"/> and
/// <see cref="GaussNewtonGram"/> read these arrays instead of recomputing the forward pass.
/// </remarks>
public sealed class NetworkEvaluation
{
    internal const int RowsPerChunk = ForwardPass.RowsPerChunk;

    private NetworkEvaluation(TwoLayerNetwork network, Dataset data, LossConvention loss)
    {
        Network = network;
        Data = data;
        Loss = loss;
        Samples = data.Count;
        Width = network.Width;
        AugmentedDimension = network.Layout.AugmentedDimension;
        AugmentedInputs = data.AugmentedArray(network.Layout.HasHiddenBias);
        int nm = Samples * Width;
        Preactivations = new double[nm];
        Values = new double[nm];
        FirstDerivatives = new double[nm];
        SecondDerivatives = network.Activation.IsPiecewiseLinear ? null : new double[nm];
        Outputs = new double[Samples];
        Residuals = new double[Samples];
        InputNormsSquared = new double[Samples];
        OutputWeights = new double[Width];
        for (int j = 0; j < Width; j++) OutputWeights[j] = network.OutputWeight(j);
    }

    /// <summary>The network evaluated.</summary>
    public TwoLayerNetwork Network { get; }
    /// <summary>The samples.</summary>
    public Dataset Data { get; }
    /// <summary>ν of the loss.</summary>
    public LossConvention Loss { get; }
    /// <summary>n.</summary>
    public int Samples { get; }
    /// <summary>m.</summary>
    public int Width { get; }
    /// <summary>D̃.</summary>
    public int AugmentedDimension { get; }
    /// <summary>The loss value L̂_ν(θ) = (1/(νn)) Σ rᵢ².</summary>
    public double LossValue { get; private set; }
    /// <summary>2/(νn).</summary>
    public double CurvatureScale => Loss.CurvatureScale(Samples);
    /// <summary>maxᵢ |rᵢ|.</summary>
    public double MaxAbsResidual { get; private set; }

    internal double[] AugmentedInputs { get; }
    internal double[] Preactivations { get; }
    internal double[] Values { get; }
    internal double[] FirstDerivatives { get; }
    internal double[]? SecondDerivatives { get; }
    internal double[] Outputs { get; }
    internal double[] Residuals { get; }
    internal double[] InputNormsSquared { get; }
    internal double[] OutputWeights { get; }

    /// <summary>fᵢ for every sample.</summary>
    public ReadOnlySpan<double> Output => Outputs;
    /// <summary>rᵢ = fᵢ − yᵢ for every sample.</summary>
    public ReadOnlySpan<double> Residual => Residuals;
    /// <summary>zᵢⱼ, row-major n×m.</summary>
    public ReadOnlySpan<double> Preactivation => Preactivations;

    /// <summary>Runs the forward pass.</summary>
    /// <param name="network">The network.</param>
    /// <param name="data">Samples whose input dimension matches the network's.</param>
    /// <param name="loss">ν.</param>
    public static NetworkEvaluation Evaluate(TwoLayerNetwork network, Dataset data, LossConvention loss = LossConvention.Mse)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        if (data.InputDimension != network.InputDimension)
            throw new ArgumentException($"the data has {data.InputDimension} input columns, the network expects {network.InputDimension}");
        var e = new NetworkEvaluation(network, data, loss);
        e.Run();
        return e;
    }

    private void Run()
    {
        int n = Samples, m = Width, dt = AugmentedDimension;
        var plan = new ForwardPass.Plan(Network, Data);
        var x = AugmentedInputs;
        var y = Data.Targets.ToArray();
        Parallelism.For(plan.Chunks, chunk =>
        {
            int r0 = chunk * ForwardPass.RowsPerChunk, r1 = Math.Min(n, r0 + ForwardPass.RowsPerChunk);
            plan.ComputeInto(r0, r1, 0, Preactivations, Values, FirstDerivatives, SecondDerivatives);
            for (int i = r0; i < r1; i++)
            {
                double f = plan.Beta + FixedOrder.Dot(OutputWeights, Values.AsSpan(i * m, m));
                Outputs[i] = f;
                Residuals[i] = f - y[i];
                InputNormsSquared[i] = FixedOrder.SumOfSquares(x.AsSpan(i * dt, dt));
            }
        });
        double sum = 0, maxAbs = 0;
        for (int i = 0; i < n; i++)
        {
            sum += Residuals[i] * Residuals[i];
            maxAbs = Math.Max(maxAbs, Math.Abs(Residuals[i]));
        }
        LossValue = sum / (Loss.Nu() * (double)n);
        MaxAbsResidual = maxAbs;
    }
}
