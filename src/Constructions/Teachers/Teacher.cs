using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;

namespace Flatness.Constructions.Teachers;

/// <summary>Teachers of paper A (spec §5): a sum of single-index models y = Σᵣ bᵣ σ(uᵣᵀx) + ε, held as a bias-free network
/// (a single-index teacher is the case R = 1), and samples drawn from them.</summary>
public static class Teacher
{
    /// <summary>The single-index teacher y = σ(uᵀx): one neuron with a = 1, w = u.</summary>
    public static TwoLayerNetwork SingleIndex(Activation activation, IReadOnlyList<double> direction) =>
        TwoLayerNetwork.FromWeights(activation, [1.0], [direction]);

    /// <summary>The sum of single-index models Σᵣ bᵣ σ(uᵣᵀx).</summary>
    public static TwoLayerNetwork SumOfSingleIndex(Activation activation, IReadOnlyList<double> weights, IReadOnlyList<IReadOnlyList<double>> directions) =>
        TwoLayerNetwork.FromWeights(activation, weights, directions);

    /// <summary>A random unit vector in ℝ^d (uniform on the sphere).</summary>
    public static double[] RandomDirection(int dimension, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var u = new double[dimension];
        double norm;
        do
        {
            rng.FillGaussian(u);
            norm = Math.Sqrt(u.Sum(v => v * v));
        }
        while (norm == 0);
        for (int i = 0; i < dimension; i++) u[i] /= norm;
        return u;
    }

    /// <summary>n inputs x ~ N(0, I_d) with labels yᵢ = g(xᵢ) + ς εᵢ, εᵢ ~ N(0, 1).</summary>
    public static Dataset GaussianSample(TwoLayerNetwork teacher, int samples, double noise, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(teacher);
        ArgumentNullException.ThrowIfNull(rng);
        var x = new double[samples * teacher.InputDimension];
        rng.FillGaussian(x);
        var data = new Dataset(x, new double[samples], teacher.InputDimension);
        var y = teacher.Predict(data);
        if (noise > 0)
            for (int i = 0; i < samples; i++) y[i] += noise * rng.NextGaussian();
        return data.WithTargets(y);
    }

    /// <summary><see cref="GaussianSample"/> redrawn (inputs and noise) while every label is exactly 0 — for a ReLU teacher
    /// without noise, no input on its active side, probability 2⁻ⁿ for one neuron — since every interpolator of all-zero
    /// labels has F* = 0 and ratios to it are 0/0. Each redraw adds one to <paramref name="redraws"/>.</summary>
    public static Dataset NondegenerateSample(TwoLayerNetwork teacher, int samples, double noise, Rng rng, ref int redraws)
    {
        var data = GaussianSample(teacher, samples, noise, rng);
        while (data.Targets.IndexOfAnyExcept(0.0) < 0)
        {
            redraws++;
            data = GaussianSample(teacher, samples, noise, rng);
        }
        return data;
    }

    /// <summary>The teacher balanced on its rescaling orbit on <paramref name="data"/> (kPⱼ = Qⱼ): an interpolator of the
    /// noiseless labels whose trace is its orbit-minimal trace F* (spec F2).</summary>
    public static TwoLayerNetwork Balanced(TwoLayerNetwork teacher, Dataset data, LossConvention loss = LossConvention.Mse) =>
        PerNeuronRescaling.Balance(teacher, data, loss);
}
