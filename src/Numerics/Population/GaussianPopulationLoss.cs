using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;

namespace Flatness.Numerics.Population;

/// <summary>How a population quantity was obtained.</summary>
public enum PopulationMethod
{
    /// <summary>Closed form (arc-cosine kernels): no sampling error.</summary>
    Exact,

    /// <summary>Monte Carlo over fresh Gaussian inputs, with a standard error.</summary>
    MonteCarlo,
}

/// <summary>A population quantity with its method and standard error (0 when exact).</summary>
/// <param name="Value">The value.</param>
/// <param name="StandardError">Standard error (0 for <see cref="PopulationMethod.Exact"/>).</param>
/// <param name="Method">Exact or Monte Carlo.</param>
/// <param name="Samples">Monte Carlo sample count (0 when exact).</param>
public sealed record PopulationValue(double Value, double StandardError, PopulationMethod Method, int Samples);

/// <summary>Population loss L(θ) = E(f(x; θ) − g(x))² + ς² for x ~ N(0, I_d) of a bias-free network f against a
/// bias-free teacher g = Σᵣ bᵣ τ(uᵣᵀx) (a sum of single-index models) with additive label noise of variance ς²
/// (paper A specification §5, "population loss").</summary>
/// <remarks>
/// <para>Exact when both activations have degree 1 (ReLU, leaky ReLU, |z|) or both are ReLU²: a degree-1 unit is
/// σ(z) = p z₊ + q z (ReLU (1, 0), leaky ReLU (1 − α, α), |z| (2, −1)), so
/// E[σ(wᵀx)τ(vᵀx)] = p p' K₁(w, v) + (p q' + q p') wᵀv/2 + q q' wᵀv, with K₁ the degree-1 arc-cosine kernel;
/// ReLU² units use K₂. Then L = aᵀK_ff a − 2aᵀK_fg b + bᵀK_gg b + ς².</para>
/// <para>Otherwise (e.g. ReLU³, or ReLU against ReLU²) Monte Carlo over fresh inputs, with its standard error.</para>
/// </remarks>
public static class GaussianPopulationLoss
{
    /// <summary>Whether <see cref="Exact"/> applies to this pair of activations.</summary>
    public static bool HasClosedForm(Activation f, Activation g)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(g);
        return (f.IsPiecewiseLinear && g.IsPiecewiseLinear) || (f is ReluPower { Degree: 2 } && g is ReluPower { Degree: 2 });
    }

    /// <summary>The decomposition σ(z) = p z₊ + q z of a degree-1 activation.</summary>
    public static (double P, double Q) ReluAndIdentityParts(Activation activation) => activation switch
    {
        Relu => (1.0, 0.0),
        LeakyRelu l => (1 - l.Slope, l.Slope),
        AbsoluteValue => (2.0, -1.0),
        _ => throw new ArgumentException($"{activation} is not written through ReLU and the identity"),
    };

    /// <summary>E[σ(wᵀx)τ(vᵀx)] for x ~ N(0, I) in closed form (see remarks of the class).</summary>
    public static double UnitCorrelation(Activation sigma, ReadOnlySpan<double> w, Activation tau, ReadOnlySpan<double> v)
    {
        if (!HasClosedForm(sigma, tau)) throw new ArgumentException($"no closed form for E[{sigma}(w'x) {tau}(v'x)]");
        if (sigma.Degree == 2) return ArcCosineKernel.Expectation(2, w, v);
        var (p, q) = ReluAndIdentityParts(sigma);
        var (p2, q2) = ReluAndIdentityParts(tau);
        double dot = ArcCosineKernel.Dot(w, v);
        return p * p2 * ArcCosineKernel.Expectation(1, w, v) + (p * q2 + q * p2) * dot / 2 + q * q2 * dot;
    }

    /// <summary>E[f(x)²] − 2E[f(x)g(x)] + E[g(x)²] + ς², exactly.</summary>
    /// <exception cref="ArgumentException">Biases, mismatched dimensions, or activations without a closed form.</exception>
    public static double Exact(TwoLayerNetwork network, TwoLayerNetwork teacher, double noiseVariance = 0)
    {
        Validate(network, teacher, noiseVariance);
        if (!HasClosedForm(network.Activation, teacher.Activation) || !HasClosedForm(network.Activation, network.Activation)
            || !HasClosedForm(teacher.Activation, teacher.Activation))
            throw new ArgumentException($"no closed form for {network.Activation} against {teacher.Activation}");
        return SecondMoment(network) - 2 * CrossMoment(network, teacher) + SecondMoment(teacher) + noiseVariance;
    }

    /// <summary>E[f(x)²] = aᵀK a, exactly.</summary>
    public static double SecondMoment(TwoLayerNetwork network) => CrossMoment(network, network);

    /// <summary>E[f(x)g(x)] = aᵀK_fg b, exactly.</summary>
    public static double CrossMoment(TwoLayerNetwork network, TwoLayerNetwork teacher)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(teacher);
        double s = 0;
        for (int j = 0; j < network.Width; j++)
        {
            double aj = network.OutputWeight(j);
            if (aj == 0) continue;
            for (int r = 0; r < teacher.Width; r++)
            {
                double br = teacher.OutputWeight(r);
                if (br == 0) continue;
                s += aj * br * UnitCorrelation(network.Activation, network.HiddenWeight(j), teacher.Activation, teacher.HiddenWeight(r));
            }
        }
        return s;
    }

    /// <summary>E[f(x)] exactly: Σⱼ aⱼ p‖wⱼ‖/√(2π) for degree 1 (the identity part has mean 0), Σⱼ aⱼ‖wⱼ‖²/2 for ReLU².</summary>
    public static double Mean(TwoLayerNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        double s = 0;
        for (int j = 0; j < network.Width; j++)
        {
            var w = network.HiddenWeight(j);
            double norm2 = ArcCosineKernel.Dot(w, w);
            s += network.Activation switch
            {
                ReluPower { Degree: 2 } => network.OutputWeight(j) * norm2 / 2,
                { Degree: 1 } a => network.OutputWeight(j) * ReluAndIdentityParts(a).P * Math.Sqrt(norm2) / Math.Sqrt(2 * Math.PI),
                _ => throw new ArgumentException($"no closed-form mean for {network.Activation}"),
            };
        }
        return s;
    }

    /// <summary>Monte Carlo estimate of E(f(x) − g(x))² + ς² over <paramref name="samples"/> fresh inputs x ~ N(0, I), with its
    /// standard error (the noise enters through its known variance, not by sampling).</summary>
    public static PopulationValue MonteCarlo(TwoLayerNetwork network, Func<double[], double> target, double noiseVariance, int samples, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 2);
        var x = new double[network.InputDimension];
        double mean = 0, m2 = 0;
        for (int i = 0; i < samples; i++)
        {
            rng.FillGaussian(x);
            double e = network.Evaluate(x) - target(x);
            double v = e * e, delta = v - mean;
            mean += delta / (i + 1);
            m2 += delta * (v - mean);
        }
        return new PopulationValue(mean + noiseVariance, Math.Sqrt(m2 / (samples - 1) / samples), PopulationMethod.MonteCarlo, samples);
    }

    /// <summary>The population loss: exact when a closed form exists, otherwise Monte Carlo (<paramref name="samples"/> inputs).</summary>
    public static PopulationValue Compute(TwoLayerNetwork network, TwoLayerNetwork teacher, double noiseVariance, int samples, Rng rng)
    {
        Validate(network, teacher, noiseVariance);
        if (HasClosedForm(network.Activation, teacher.Activation) && HasClosedForm(network.Activation, network.Activation)
            && HasClosedForm(teacher.Activation, teacher.Activation))
            return new PopulationValue(Exact(network, teacher, noiseVariance), 0, PopulationMethod.Exact, 0);
        return MonteCarlo(network, x => teacher.Evaluate(x), noiseVariance, samples, rng);
    }

    private static void Validate(TwoLayerNetwork network, TwoLayerNetwork teacher, double noiseVariance)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(teacher);
        if (network.Layout.HasHiddenBias || network.Layout.HasOutputBias || teacher.Layout.HasHiddenBias || teacher.Layout.HasOutputBias)
            throw new ArgumentException("the Gaussian population loss is implemented for bias-free networks and teachers");
        if (network.InputDimension != teacher.InputDimension)
            throw new ArgumentException($"network has input dimension {network.InputDimension}, teacher {teacher.InputDimension}");
        if (!(noiseVariance >= 0)) throw new ArgumentOutOfRangeException(nameof(noiseVariance), "the noise variance must be >= 0");
    }
}
