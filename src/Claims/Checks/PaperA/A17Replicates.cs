using Flatness.Claims.Model;
using Flatness.Constructions.Sampling;
using Flatness.Constructions.Teachers;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Optimization;
using Flatness.Numerics.Population;
using Flatness.Numerics.Randomness;

namespace Flatness.Claims.Checks.PaperA;

/// <summary>A-17's sizes for one run profile.</summary>
internal sealed record A17Sizes(int Dimension, int Samples, int Width, int Starts, int Replicates, int ContrastDimension, int ContrastSamples,
    int ContrastReplicates, int ProbeReplicates);

/// <summary>The input distribution of an A-17 replicate.</summary>
internal enum A17Inputs
{
    /// <summary>x ~ N(0, I_d): exact population loss.</summary>
    Gaussian,

    /// <summary>x uniform on the sphere of radius √d: Monte Carlo population loss (the non-Gaussian probe).</summary>
    Sphere,
}

/// <summary>One (replicate, ς) outcome of A-17: the flattest interpolator found and what it is compared with.</summary>
/// <param name="FlattestTrace">F* of the flattest interpolating start (engine value).</param>
/// <param name="TeacherTrace">The teacher's F* on the clean labels (an interpolator only at ς = 0; reported only).</param>
/// <param name="Floor">The A-D1 floor of the noisy labels.</param>
/// <param name="Excess">E(f − g)²/Var g(x) of the flattest found (exact, arc-cosine kernel; Monte Carlo for sphere inputs).</param>
/// <param name="ExcessStandardError">Its Monte Carlo standard error (0 when exact).</param>
/// <param name="WorstNearFlattestExcess">The largest Excess over interpolating starts with F* ≤ C·min.</param>
/// <param name="NearFlattest">How many starts are near-flattest.</param>
/// <param name="MaxResidual">max |f(xᵢ) − yᵢ|/rms(y) of the flattest found, recomputed here from its predictions.</param>
/// <param name="Interpolating">Starts that interpolate (of all run, redraws included).</param>
/// <param name="Converged">Starts that converged.</param>
/// <param name="StartsRun">Starts run, redraws included.</param>
/// <param name="Found">Whether any start interpolated.</param>
internal sealed record A17Outcome(double FlattestTrace, double TeacherTrace, double Floor, double Excess, double ExcessStandardError,
    double WorstNearFlattestExcess, int NearFlattest, double MaxResidual, int Interpolating, int Converged, int StartsRun, bool Found);

internal sealed partial class A17FlattestInterpolatorsGeneralize
{
    /// <summary>C in "near-flattest: F* ≤ C·min F*".</summary>
    internal const double NearFlattestFactor = 1.05;

    /// <summary>Extra rounds of random starts when no start interpolates (degenerate draws are redrawn and counted).</summary>
    private const int MaximumRedraws = 2;

    private static A17Sizes SizesFor(Profile profile) => profile == Profile.Paper
        ? new A17Sizes(20, 160, 32, 6, 24, 80, 20, 4, 8)
        : new A17Sizes(10, 80, 24, 3, 16, 40, 10, 4, 3);

    /// <summary>Fresh points for the Monte Carlo population loss of the sphere probe.</summary>
    private const int ProbePoints = 20000;

    /// <summary>The target Σ_{r≤3} aᵣσ(uᵣᵀx): uᵣ uniform on the sphere, aᵣ = ±U(0.5, 1.5) with random signs.</summary>
    internal static TwoLayerNetwork DrawTarget(Activation activation, int dimension, Rng rng)
    {
        var weights = new double[3];
        var directions = new IReadOnlyList<double>[3];
        for (int r = 0; r < 3; r++)
        {
            directions[r] = Teacher.RandomDirection(dimension, rng);
            weights[r] = rng.NextRademacher() * rng.NextUniform(0.5, 1.5);
        }
        return Teacher.SumOfSingleIndex(activation, weights, directions);
    }

    /// <summary>Replicate <paramref name="replicate"/>'s target and clean sample, and its generator positioned after them
    /// (the main rows draw ε next; the approximation probe reuses the main target and inputs through this same call).</summary>
    internal static (TwoLayerNetwork Target, Dataset Clean, Rng Rng) DrawReplicate(ulong seed, string label, int replicate,
        Activation activation, int dimension, int samples, A17Inputs inputs = A17Inputs.Gaussian)
    {
        var rng = new Rng(Rng.DeriveSeed(seed, $"A-17 {label} replicate {replicate}"));
        var target = DrawTarget(activation, dimension, rng);
        var clean = inputs == A17Inputs.Gaussian ? Teacher.GaussianSample(target, samples, 0, rng) : SphereSample.Draw(target, samples, rng);
        return (target, clean, rng);
    }

    /// <summary>One replicate: a target, n Gaussian inputs and one noise vector ε shared by every ς (paired design),
    /// labels y = g(x) + ςε, and the search at each ς from its own generator.</summary>
    internal static A17Outcome[] Replicate(ulong seed, int replicate, Activation activation, int dimension, int samples, int width, int starts,
        IReadOnlyList<double> noises, string label, A17Inputs inputs = A17Inputs.Gaussian)
    {
        var (target, clean, rng) = DrawReplicate(seed, label, replicate, activation, dimension, samples, inputs);
        var epsilon = new double[samples];
        rng.FillGaussian(epsilon);
        double variance = inputs == A17Inputs.Gaussian
            ? GaussianPopulationLoss.SecondMoment(target) - Math.Pow(GaussianPopulationLoss.Mean(target), 2) : double.NaN;
        double teacherTrace = OrbitMinimalTrace.Compute(target, clean).Infimum;
        var outcomes = new A17Outcome[noises.Count];
        for (int s = 0; s < noises.Count; s++)
        {
            var y = new double[samples];
            for (int i = 0; i < samples; i++) y[i] = clean.Target(i) + noises[s] * epsilon[i];
            var data = clean.WithTargets(y);
            var searchRng = new Rng(Rng.DeriveSeed(seed, $"A-17 {label} search {replicate} {s}"));
            var result = SearchWithRedraws(activation, data, width, starts, searchRng);
            var candidates = result.Candidates;
            var best = result.Best;
            double floor = InterpolatorFloor.Value(activation, data);
            if (best is null)
            {
                outcomes[s] = new A17Outcome(double.NaN, teacherTrace, floor, double.NaN, double.NaN, double.NaN, 0, double.NaN, 0, 0, candidates.Count, false);
                continue;
            }
            var near = result.NearFlattest(NearFlattestFactor);
            var probeRng = new Rng(Rng.DeriveSeed(seed, $"A-17 {label} population {replicate} {s}"));
            (double Value, double Se) Excess(TwoLayerNetwork network)
            {
                if (inputs == A17Inputs.Gaussian) return (GaussianPopulationLoss.Exact(network, target) / variance, 0);
                var (excess, targetVariance) = SpherePopulationLoss.MonteCarlo(network, x => target.Evaluate(x), ProbePoints, probeRng);
                return (excess.Value / targetVariance.Value, excess.StandardError / targetVariance.Value);
            }
            var bestExcess = Excess(best.Network);
            outcomes[s] = new A17Outcome(best.OrbitMinimalTrace, teacherTrace, floor, bestExcess.Value, bestExcess.Se,
                near.Max(c => Excess(c.Network).Value), near.Count, RelativeResidual(best.Network, data), candidates.Count(c => c.Interpolates),
                candidates.Count(c => c.Converged), candidates.Count, true);
        }
        return outcomes;
    }

    /// <summary>max |f(xᵢ) − yᵢ|/rms(y), from the network's own predictions (independent of the search's bookkeeping).</summary>
    private static double RelativeResidual(TwoLayerNetwork network, Dataset data)
    {
        var f = network.Predict(data);
        double worst = 0, ss = 0;
        for (int i = 0; i < data.Count; i++)
        {
            worst = Math.Max(worst, Math.Abs(f[i] - data.Target(i)));
            ss += data.Target(i) * data.Target(i);
        }
        return worst / Math.Sqrt(ss / data.Count);
    }
}
