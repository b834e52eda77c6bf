using System.Numerics.Tensors;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Spectral;

namespace Flatness.Numerics.Training;

/// <summary>One row of a training trajectory.</summary>
/// <param name="Step">t: the row describes θ_t, before update t.</param>
/// <param name="Loss">L̂_ν(θ_t) (data loss, without the weight-decay penalty).</param>
/// <param name="CleanMse">(1/n)Σᵢ(f(xᵢ; θ_t) − f₀(xᵢ))², the in-sample MSE against the clean target (NaN without one).</param>
/// <param name="GradientNorm">‖∇L̂_ν(θ_t)‖ before clipping.</param>
/// <param name="Clipped">Whether the clip acted at this step.</param>
/// <param name="ParameterNorm">‖θ_t‖.</param>
/// <param name="ActiveShare">Share of (i, j) pairs with zᵢⱼ &gt; 0 (mean activation rate).</param>
/// <param name="LambdaMax">λ_max(∇²L̂_ν(θ_t)) by Lanczos on the exact HVP, or NaN when not measured at this step.</param>
/// <param name="LanczosResidual">Its Ritz residual (NaN when not measured).</param>
public sealed record TrajectoryPoint(int Step, double Loss, double CleanMse, double GradientNorm, bool Clipped, double ParameterNorm,
    double ActiveShare, double LambdaMax, double LanczosResidual);

/// <summary>The end of a run and its trajectory.</summary>
/// <param name="Final">θ after the last update.</param>
/// <param name="Trajectory">Rows every <see cref="TrainingOptions.RecordEvery"/> steps, at every sharpness measurement and at the end (step = Steps).</param>
/// <param name="Diverged">Whether the loss became non-finite (training stopped there; <paramref name="Final"/> is the last finite θ).</param>
public sealed record TrainingResult(TwoLayerNetwork Final, IReadOnlyList<TrajectoryPoint> Trajectory, bool Diverged)
{
    /// <summary>The steps at which the gradient clip acted (ascending).</summary>
    public IReadOnlyList<int> ClippedSteps { get; init; } = [];
}

/// <summary>Full-batch gradient descent θ_{t+1} = θ_t − η(clip(∇L̂_ν(θ_t)) + λθ_t) with sharpness tracking (paper B spec §2, §9).</summary>
/// <remarks>The gradient comes from <see cref="FullBatchGradient"/> (analytic, fused with the forward pass, buffers
/// allocated once; no allocation per step outside sharpness measurements and recorded rows). λ_max is measured by
/// <see cref="Lanczos.Largest"/> on the exact <see cref="HessianOperator"/>, warm-started from the previous top Ritz
/// vector. Deterministic for a given start and any thread count.</remarks>
public static class GradientDescent
{
    /// <summary>Trains <paramref name="start"/> on <paramref name="data"/>.</summary>
    /// <param name="start">θ₀ and the shape.</param>
    /// <param name="data">Training samples (xᵢ, yᵢ).</param>
    /// <param name="cleanTargets">f₀(xᵢ) for the in-sample MSE, or empty.</param>
    /// <param name="options">η, steps, weight decay, clipping, tracking.</param>
    /// <param name="progress">Called with the step count after every recorded row, or null.</param>
    public static TrainingResult Train(TwoLayerNetwork start, Dataset data, ReadOnlySpan<double> cleanTargets, TrainingOptions options,
        Action<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (!cleanTargets.IsEmpty && cleanTargets.Length != data.Count) throw new ArgumentException("one clean target per sample");
        var engine = new FullBatchGradient(start.Activation, start.Layout, data, options.Loss);
        int p = engine.Dimension;
        var theta = start.Parameters.ToArray();
        var previous = new double[p];
        var grad = new double[p];
        double[]? topVector = null;
        var rows = new List<TrajectoryPoint>();
        var clipped = new List<int>();
        bool diverged = false;
        for (int t = 0; t <= options.Steps; t++)
        {
            double loss = engine.Compute(theta, grad);
            if (!double.IsFinite(loss) || !double.IsFinite(TensorPrimitives.SumOfSquares(theta)))
            {
                diverged = true;
                theta = previous;
                break;
            }
            double gnorm = TensorPrimitives.Norm(grad);
            bool last = t == options.Steps;
            bool measure = options.SharpnessEvery > 0 && (t % options.SharpnessEvery == 0 || last);
            bool record = measure || last || t % options.RecordEvery == 0;
            bool clip = options.Clipping is { } c && t < c.Steps && gnorm > c.Threshold;
            if (clip && !last) clipped.Add(t);
            if (record)
            {
                double lambda = double.NaN, residual = double.NaN;
                if (measure)
                {
                    var net = start.WithParameters(theta);
                    var op = new HessianOperator(NetworkEvaluation.Evaluate(net, data, options.Loss));
                    if (topVector is null)
                    {
                        topVector = new double[p];
                        new Rng(20261128).FillGaussian(topVector);
                    }
                    var pair = Lanczos.Largest(op, topVector, options.LanczosIterations, options.LanczosTolerance);
                    lambda = pair.Value;
                    residual = pair.Residual;
                    topVector = pair.Vector;
                }
                rows.Add(new TrajectoryPoint(t, loss, CleanMse(engine.Outputs, cleanTargets), gnorm, clip, TensorPrimitives.Norm(theta),
                    ActiveShare(engine.Preactivations), lambda, residual));
                progress?.Invoke(t);
            }
            if (last) break;
            theta.CopyTo(previous, 0);
            double factor = clip ? options.Clipping!.Threshold / gnorm : 1.0;
            double eta = options.LearningRate, wd = options.WeightDecay;
            // θ ← θ − η(factor·g + λθ) = (1 − ηλ)θ − η·factor·g
            if (wd > 0) TensorPrimitives.Multiply(theta, 1 - eta * wd, theta);
            TensorPrimitives.MultiplyAdd(grad, -eta * factor, theta, theta);
        }
        return new TrainingResult(start.WithParameters(theta), rows, diverged) { ClippedSteps = clipped };
    }

    private static double CleanMse(ReadOnlySpan<double> outputs, ReadOnlySpan<double> clean)
    {
        if (clean.IsEmpty) return double.NaN;
        double s = 0;
        for (int i = 0; i < outputs.Length; i++) s += (outputs[i] - clean[i]) * (outputs[i] - clean[i]);
        return s / outputs.Length;
    }

    private static double ActiveShare(ReadOnlySpan<double> z)
    {
        int on = 0;
        foreach (double v in z) if (v > 0) on++;
        return on / (double)z.Length;
    }
}
