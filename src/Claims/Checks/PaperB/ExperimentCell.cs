using Flatness.Numerics.Networks;
using Flatness.Numerics.Training;

namespace Flatness.Claims.Checks.PaperB;

/// <summary>Which target a setting trains on.</summary>
internal enum Target
{
    /// <summary>f₀(x) = wᵀx, w a fixed unit vector (paper B §4, all experiments but Figs. 13–15).</summary>
    Linear,
    /// <summary>f₀(x) = (1/d)Σⱼ|uⱼᵀx|^{1/2} + 1 (Figs. 13–15).</summary>
    Holder,
}

/// <summary>One experiment cell of paper B §4 and Appendix A: data, network, optimiser.</summary>
/// <param name="D">Input dimension d.</param>
/// <param name="N">Samples n.</param>
/// <param name="Width">Neurons K.</param>
/// <param name="Eta">Learning rate η.</param>
/// <param name="WeightDecay">λ (0 for plain GD).</param>
/// <param name="Sigma">Noise standard deviation σ.</param>
/// <param name="Steps">Full-batch steps (= epochs).</param>
/// <param name="SharpnessEvery">λ_max every this many steps (0: only at the end).</param>
/// <param name="Target">The target function.</param>
/// <param name="Init">The initialisation (the main arm: PyTorch's default; He normal is the probe).</param>
/// <param name="Activation">The activation's name (<see cref="Numerics.Networks.Activation.Create"/>): relu, or gelu for Fig. 8.</param>
internal sealed record Cell(int D, int N, int Width, double Eta, double WeightDecay, double Sigma, int Steps, int SharpnessEvery = 0,
    Target Target = Target.Linear, InitialisationScheme Init = InitialisationScheme.PyTorchDefault, string Activation = "relu")
{
    public string Label => $"d={D}, n={N}, K={Width}, eta={Fmt(Eta)}, wd={Fmt(WeightDecay)}, sigma={Fmt(Sigma)}, steps={Steps}" +
                           (Target == Target.Holder ? ", Hoelder target" : "") + (Init == InitialisationScheme.HeNormal ? ", He-normal init" : "") +
                           (Activation == "relu" ? "" : ", " + Activation);

    /// <summary>The cost of training the cell once, in floating-point operations: per step the products X̃W̃ᵀ and X̃ᵀC,
    /// 2·n·K·(d + 1) flop each, plus the elementwise work, about 4·n·K·(d + 2) in all (46 Mflop at Fig. 3's size, as
    /// measured); each λ_max measurement adds about 60 Hessian-vector products of about 3 forward passes. A smooth
    /// activation (GELU for Fig. 8) adds <see cref="SmoothActivationFlop"/> per pair (i, j) and step: its σ and σ' go
    /// through the general path, not ReLU's SIMD one. The figure is a cost in ReLU-step flop, so that shards balance by
    /// time (see <c>check --plan</c>).</summary>
    public double Flop
    {
        get
        {
            double pass = 2.0 * N * Width * (D + 2);
            double measurements = SharpnessEvery > 0 ? Steps / (double)SharpnessEvery + 1 : 1;
            double elementwise = Activation == "relu" ? 0 : SmoothActivationFlop * N * Width;
            return (2 * pass + elementwise) * Steps + measurements * 60 * 3 * pass;
        }
    }

    /// <summary>The extra cost of σ and σ' of a smooth activation per pair (i, j) in a training step, in flop of the ReLU
    /// step's rate: the benchmark <c>gelu</c> (benchmarks/results/2026-12-03-gelu.txt; the other jobs paused) times a
    /// Fig. 3 step at 4.52 ms with GELU against 0.87 ms with ReLU, interleaved, i.e. (4.52/0.87 − 1)·4(d + 2) ≈ 200 per
    /// pair at d = 10 (GELU's scalar e^{−z²/2} dominates).</summary>
    internal const double SmoothActivationFlop = 200;

    private static string Fmt(double v) => v.ToString("G4", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>One trained run of a cell at one seed index.</summary>
/// <param name="Cell">The setting.</param>
/// <param name="SeedIndex">0-based initialisation/data index.</param>
/// <param name="Result">Final network, trajectory and the steps at which clipping acted.</param>
/// <param name="Data">The training data.</param>
/// <param name="Neurons">Activation rates and norms at the end.</param>
/// <param name="CleanMse">In-sample (1/n)Σ(f(xᵢ) − f₀(xᵢ))² at the end.</param>
/// <param name="HeldOutMse">The same on 2048 fresh points.</param>
/// <param name="FinalLoss">L̂(θ_T) with the 1/(2n) convention.</param>
/// <param name="FinalLambdaMax">λ_max(∇²L̂(θ_T)).</param>
/// <param name="Optimized">Whether (f(xᵢ) − yᵢ)² ≤ (f₀(xᵢ) − yᵢ)² for every i (Theorem 3.6's condition).</param>
internal sealed record TrainedRun(Cell Cell, int SeedIndex, TrainingResult Result, Dataset Data, NeuronStatistics Neurons,
    double CleanMse, double HeldOutMse, double FinalLoss, double FinalLambdaMax, bool Optimized);
