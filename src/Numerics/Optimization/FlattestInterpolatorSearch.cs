using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;

namespace Flatness.Numerics.Optimization;

/// <summary>Settings of <see cref="FlattestInterpolatorSearch"/>.</summary>
/// <param name="Width">m, the searched network's width (≥ 1).</param>
/// <param name="Starts">Random initialisations (≥ 1).</param>
/// <param name="OuterIterations">Augmented-Lagrangian rounds (multiplier updates).</param>
/// <param name="InnerIterations">L-BFGS steps per round.</param>
/// <param name="ResidualTolerance">An interpolator has max |f(xᵢ) − yᵢ| ≤ this·rms(y).</param>
public sealed record FlattestInterpolatorOptions(int Width, int Starts = 4, int OuterIterations = 10,
    int InnerIterations = 300, double ResidualTolerance = 1e-9);

/// <summary>One local search's outcome.</summary>
/// <param name="Network">The interpolator found (balanced: its trace is its F*).</param>
/// <param name="OrbitMinimalTrace">F*(θ) from the trace engine (<see cref="Curvature.OrbitMinimalTrace"/>), not from the search's own code.</param>
/// <param name="MaxResidual">max |f(xᵢ) − yᵢ| after the final projection.</param>
/// <param name="Interpolates">MaxResidual ≤ tolerance·rms(y).</param>
/// <param name="Converged">Interpolates, and the last L-BFGS round stopped on its gradient/progress tests or on a kink, not on its iteration cap.</param>
/// <param name="Iterations">L-BFGS steps over all rounds.</param>
/// <param name="Evaluations">Objective evaluations over all rounds.</param>
/// <param name="Termination">How the last round stopped.</param>
public sealed record FlattestInterpolatorCandidate(TwoLayerNetwork Network, double OrbitMinimalTrace, double MaxResidual, bool Interpolates, bool Converged,
    int Iterations, int Evaluations, LimitedMemoryBfgsTermination Termination);

/// <summary>All starts of a search, in start order.</summary>
/// <param name="Candidates">One per start.</param>
public sealed record FlattestInterpolatorSearchResult(IReadOnlyList<FlattestInterpolatorCandidate> Candidates)
{
    /// <summary>The interpolating candidate with the smallest F*, or null when no start interpolates.</summary>
    public FlattestInterpolatorCandidate? Best => Candidates.Where(c => c.Interpolates).OrderBy(c => c.OrbitMinimalTrace).FirstOrDefault();

    /// <summary>Interpolating candidates with F* ≤ C·min F* (the near-flattest ones; C ≥ 1).</summary>
    public IReadOnlyList<FlattestInterpolatorCandidate> NearFlattest(double factor)
    {
        var best = Best;
        return best is null ? [] : Candidates.Where(c => c.Interpolates && c.OrbitMinimalTrace <= factor * best.OrbitMinimalTrace).ToArray();
    }
}

/// <summary>The flattest-interpolator search: minimise the orbit-minimal trace F*(θ) over interpolators of given data
/// (paper A specification §7 and claim A-17).</summary>
/// <remarks>
/// <para>Augmented Lagrangian (Nocedal &amp; Wright, 2nd ed., §17.3): round k minimises
/// ℒ(θ) = F*(θ) + (1/n)Σᵢ[λᵢrᵢ(θ) + (μ/2)rᵢ(θ)²], rᵢ = f(xᵢ; θ) − yᵢ, by <see cref="LimitedMemoryBfgs"/> on the analytic gradient
/// (<see cref="OrbitMinimalTraceGradient"/> plus (1/n)Σᵢ(λᵢ + μrᵢ)∇rᵢ); then λ ← λ + μr, μ ← 10μ unless max|r| fell by 4×,
/// and every neuron is rebalanced (c⁴ = Qⱼ/Pⱼ, which leaves f and F* unchanged and keeps the problem well scaled).
/// Labels are divided by rms(y) first (for k = 1, F* and f are 1-homogeneous in a, so the problem is equivariant).</para>
/// <para>The last iterate is projected onto the interpolation manifold by minimum-norm Gauss–Newton steps
/// θ ← θ − Jᵀ(JJᵀ)⁻¹r (J the n × P Jacobian of f at the samples), which move θ by O(|r|) and leave F* nearly unchanged.</para>
/// <para>Starts are random: wⱼ ~ N(0, I/d), aⱼ ~ N(0, 1/m), drawn from the caller's generator in order. Nothing here reads a
/// teacher: the data (xᵢ, yᵢ) are the only input. Bias-free, degree-1 activations (ReLU, leaky ReLU, |z|) only.</para>
/// </remarks>
public static class FlattestInterpolatorSearch
{
    /// <summary>Runs <see cref="FlattestInterpolatorOptions.Starts"/> random starts.</summary>
    public static FlattestInterpolatorSearchResult Run(Activation activation, Dataset data, FlattestInterpolatorOptions options, Rng rng,
        LossConvention loss = LossConvention.Mse)
    {
        ArgumentNullException.ThrowIfNull(activation);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Starts, 1);
        var candidates = new FlattestInterpolatorCandidate[options.Starts];
        for (int s = 0; s < options.Starts; s++)
            candidates[s] = FromStart(RandomStart(activation, data.InputDimension, options.Width, rng), data, options, loss);
        return new FlattestInterpolatorSearchResult(candidates);
    }

    /// <summary>A random start: wⱼ ~ N(0, I/d), aⱼ ~ N(0, 1/m).</summary>
    public static TwoLayerNetwork RandomStart(Activation activation, int inputDimension, int width, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        var layout = new ParameterLayout(width, inputDimension, false, false);
        var theta = new double[layout.Count];
        rng.FillGaussian(theta);
        for (int j = 0; j < width; j++)
        {
            int o = layout.NeuronOffset(j);
            for (int k = 0; k < inputDimension; k++) theta[o + k] /= Math.Sqrt(inputDimension);
            theta[layout.OutputWeightIndex(j)] /= Math.Sqrt(width);
        }
        return new TwoLayerNetwork(activation, layout, theta);
    }

    /// <summary>One local search from <paramref name="start"/> (bias-free, degree 1, width = <paramref name="start"/>'s).</summary>
    public static FlattestInterpolatorCandidate FromStart(TwoLayerNetwork start, Dataset data, FlattestInterpolatorOptions options,
        LossConvention loss = LossConvention.Mse)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        if (start.Layout.HasHiddenBias || start.Layout.HasOutputBias || !start.Activation.IsPiecewiseLinear)
            throw new ArgumentException("the search handles bias-free networks with a degree-1 activation");
        if (start.InputDimension != data.InputDimension) throw new ArgumentException("the start's input dimension differs from the data's");
        int n = data.Count, d = data.InputDimension, m = start.Width, block = d + 1;
        double rms = Math.Sqrt(data.Targets.ToArray().Sum(v => v * v) / n);
        if (!(rms > 0)) throw new ArgumentException("all labels are zero: the flattest interpolator is the zero network");
        var problem = new Problem(start.Activation, data, rms, loss);
        var theta = start.Parameters.ToArray();
        for (int j = 0; j < m; j++) theta[j * block + d] /= rms;
        var lambda = new double[n];
        double mu = 10 * Math.Sqrt(problem.Norms.Average());
        double previous = double.PositiveInfinity;
        int iterations = 0, evaluations = 0;
        var termination = LimitedMemoryBfgsTermination.MaximumIterations;
        for (int round = 0; round < options.OuterIterations; round++)
        {
            double muNow = mu;
            var lambdaNow = (double[])lambda.Clone();
            var result = LimitedMemoryBfgs.Minimize((t, g) => problem.Lagrangian(t, lambdaNow, muNow, g), theta, options.InnerIterations);
            theta = result.Point;
            iterations += result.Iterations;
            evaluations += result.Evaluations;
            termination = result.Termination;
            var r = problem.Residuals(theta);
            double worst = r.Max(Math.Abs);
            for (int i = 0; i < n; i++) lambda[i] += mu * r[i];
            if (worst > 0.25 * previous) mu *= 10;
            previous = Math.Min(previous, worst);
            problem.Rebalance(theta);
            if (worst <= 1e-7) break;
        }
        double residual = problem.Project(theta, options.ResidualTolerance);
        problem.Rebalance(theta);
        for (int j = 0; j < m; j++) theta[j * block + d] *= rms;
        var network = new TwoLayerNetwork(start.Activation, start.Layout, theta);
        var predictions = network.Predict(data);
        double maxResidual = 0;
        for (int i = 0; i < n; i++) maxResidual = Math.Max(maxResidual, Math.Abs(predictions[i] - data.Target(i)));
        double fStar = OrbitMinimalTrace.Compute(network, data, loss).Infimum;
        bool interpolates = maxResidual <= options.ResidualTolerance * rms && double.IsFinite(residual);
        bool converged = interpolates && termination != LimitedMemoryBfgsTermination.MaximumIterations;
        return new FlattestInterpolatorCandidate(network, fStar, maxResidual, interpolates, converged, iterations, evaluations, termination);
    }
}
