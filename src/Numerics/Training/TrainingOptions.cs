using Flatness.Numerics.Networks;

namespace Flatness.Numerics.Training;

/// <summary>Global gradient-norm clipping g ← g·min(1, threshold/‖g‖) (PyTorch's <c>clip_grad_norm_</c>), applied at steps
/// 0..Steps−1 (every step by default).</summary>
/// <param name="Threshold">Largest allowed ‖∇L̂‖ (&gt; 0).</param>
/// <param name="Steps">Clipping applies to steps 0..Steps−1; <see cref="int.MaxValue"/> for every step.</param>
public sealed record GradientClipping(double Threshold, int Steps = int.MaxValue)
{
    /// <summary>Clipping at <paramref name="threshold"/> on every step.</summary>
    public static GradientClipping EveryStep(double threshold) => new(threshold);
}

/// <summary>Settings of a full-batch gradient-descent run.</summary>
/// <param name="LearningRate">η &gt; 0.</param>
/// <param name="Steps">Number of updates (≥ 0).</param>
/// <param name="WeightDecay">λ ≥ 0: the update uses ∇L̂ + λθ on every parameter (PyTorch SGD's weight_decay); 0 for none.</param>
/// <param name="Clipping">Norm clipping of the data gradient ∇L̂ (before weight decay is added, as clip_grad_norm_ then
/// SGD do), or null.</param>
/// <param name="SharpnessEvery">Measure λ_max(∇²L̂) every this many steps (and at the end); 0 for never.</param>
/// <param name="RecordEvery">Keep a trajectory row every this many steps (and at the end).</param>
/// <param name="LanczosIterations">Most Lanczos steps per sharpness measurement.</param>
/// <param name="LanczosTolerance">Relative residual of the top Ritz pair at which Lanczos stops.</param>
/// <param name="Loss">ν; paper B's convention is 1/(2n).</param>
public sealed record TrainingOptions(double LearningRate, int Steps, double WeightDecay = 0, GradientClipping? Clipping = null,
    int SharpnessEvery = 0, int RecordEvery = 1, int LanczosIterations = 60, double LanczosTolerance = 1e-6,
    LossConvention Loss = LossConvention.HalfMse)
{
    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate)) throw new ArgumentException("the learning rate must be positive and finite");
        if (Steps < 0) throw new ArgumentException("steps must be non-negative");
        if (!(WeightDecay >= 0) || !double.IsFinite(WeightDecay)) throw new ArgumentException("weight decay must be non-negative");
        if (Clipping is not null && !(Clipping.Threshold > 0)) throw new ArgumentException("the clipping threshold must be positive");
        if (SharpnessEvery < 0 || RecordEvery < 1) throw new ArgumentException("SharpnessEvery must be >= 0 and RecordEvery >= 1");
        if (LanczosIterations < 1 || !(LanczosTolerance > 0)) throw new ArgumentException("Lanczos needs at least one step and a positive tolerance");
    }
}
