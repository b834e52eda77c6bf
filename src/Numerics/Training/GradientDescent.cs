using Flatness.Numerics.Networks;
using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Curvature;
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
/// vector. Deterministic for a given start and any thread count; <see cref="TrainMany"/> trains several networks on one
/// dataset in shared passes and gives each the bits it gets alone.</remarks>
public static partial class GradientDescent
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
        ArgumentNullException.ThrowIfNull(options);
        return TrainMany([start], data, cleanTargets, [options], progress is null ? null : (_, t) => progress(t))[0];
    }

    /// <summary>Trains several networks on one dataset together: every step runs one parallel pass for all networks still
    /// training, each thread taking whole networks when there are at least as many networks as threads (each network's
    /// chunks in order, its partial sums folded as it goes) and otherwise the fixed sample chunks of all of them; each
    /// network's result is bit-identical to <see cref="Train"/> on it alone.</summary>
    /// <param name="starts">θ₀ of each network (any shapes and activations with the data's input dimension).</param>
    /// <param name="data">The training samples all of them share.</param>
    /// <param name="cleanTargets">f₀(xᵢ) for the in-sample MSE, or empty.</param>
    /// <param name="options">One setting per network, or a single one for all (η, steps, weight decay, … may differ).</param>
    /// <param name="progress">Called with (network index, step) after every recorded row, or null.</param>
    /// <returns>One result per network, in the order of <paramref name="starts"/>.</returns>
    public static TrainingResult[] TrainMany(IReadOnlyList<TwoLayerNetwork> starts, Dataset data, ReadOnlySpan<double> cleanTargets,
        IReadOnlyList<TrainingOptions> options, Action<int, int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(starts);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Count != starts.Count && options.Count != 1)
            throw new ArgumentException($"give one TrainingOptions per network ({starts.Count}) or one for all, not {options.Count}");
        if (!cleanTargets.IsEmpty && cleanTargets.Length != data.Count) throw new ArgumentException("one clean target per sample");
        var clean = cleanTargets.ToArray();
        var runs = new Run[starts.Count];
        for (int k = 0; k < runs.Length; k++)
        {
            ArgumentNullException.ThrowIfNull(starts[k]);
            var o = options[options.Count == 1 ? 0 : k];
            ArgumentNullException.ThrowIfNull(o);
            o.Validate();
            int index = k;
            runs[k] = new Run(starts[k], data, clean, o, progress is null ? null : t => progress(index, t));
        }
        var active = new List<Run>(runs.Length);
        var firstChunk = new int[runs.Length + 1];
        while (true)
        {
            active.Clear();
            foreach (var run in runs) if (!run.Done) active.Add(run);
            if (active.Count == 0) break;
            foreach (var run in active) run.Engine.Load(run.Theta);
            int networks = active.Count;
            if (networks >= Parallelism.MaxDegreeOfParallelism)
            {
                // At least one network per thread: each runs its chunks in order on one thread, folding as it goes.
                Parallelism.For(networks, k => active[k].Engine.ComputeAllChunks());
            }
            else
            {
                // Fewer networks than threads: one pass over every chunk of every network; work item u is chunk
                // u − firstChunk[k] of network k (chunks of different networks are independent).
                for (int k = 0; k < networks; k++) firstChunk[k + 1] = firstChunk[k] + active[k].Engine.Chunks;
                Parallelism.For(firstChunk[networks], u =>
                {
                    int k = Array.BinarySearch(firstChunk, 0, networks + 1, u);
                    if (k < 0) k = ~k - 1;
                    while (firstChunk[k + 1] == u) k++;
                    active[k].Engine.ComputeChunk(u - firstChunk[k]);
                });
            }
            foreach (var run in active) run.Advance(run.Engine.Finish(run.Gradient));
        }
        var results = new TrainingResult[runs.Length];
        for (int k = 0; k < runs.Length; k++) results[k] = runs[k].Result();
        return results;
    }
}
