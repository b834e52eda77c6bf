namespace Flatness.Numerics.Networks;

/// <summary>An activation σ of a 2-layer network: positively homogeneous of degree k (σ(tz) = t^k σ(z) for t &gt; 0: the
/// ReLU family) or smooth and not homogeneous (<see cref="SmoothActivation"/>: gelu, gelu_tanh, silu, tanh).</summary>
/// <remarks>
/// Paper A specification §2: ReLU, leaky ReLU (negative slope α ∈ (0, 1]) and |z| have degree k = 1;
/// ReLU^k (σ(z) = z₊^k, k ≥ 2) has degree k. Derivatives at the kink z = 0 use the right-continuous
/// convention of the branch z ≤ 0 (σ'(0) = σ'(0⁻)); the Hessian is undefined on a kink, which is why
/// <see cref="Curvature.Kinks"/> reports the smallest |z|. Smooth activations have no kink and no degree: code built on
/// homogeneity (the rescaling orbit, paper A's and paper B's quantities) checks <see cref="IsHomogeneous"/> first.
/// </remarks>
public abstract class Activation : IEquatable<Activation>
{
    /// <summary>Degree k of positive homogeneity.</summary>
    /// <exception cref="InvalidOperationException">The activation is not positively homogeneous (see <see cref="IsHomogeneous"/>).</exception>
    public abstract int Degree { get; }

    /// <summary>Whether σ(tz) = t^k σ(z) for every t &gt; 0 (the ReLU family; false for the smooth activations).</summary>
    public virtual bool IsHomogeneous => true;

    /// <summary>Whether σ has a kink (a point where σ' or σ'' jumps) at z = 0; smooth activations have none.</summary>
    public virtual bool HasKink => true;

    /// <summary>The model-file name: <c>relu</c>, <c>leaky_relu</c>, <c>abs</c>, <c>relu_power</c>, <c>gelu</c>,
    /// <c>gelu_tanh</c>, <c>silu</c> or <c>tanh</c>.</summary>
    public abstract string Name { get; }

    /// <summary>A readable description, e.g. <c>leaky_relu(slope=0.1)</c>.</summary>
    public abstract string Describe();

    /// <summary>Whether σ'' = 0 almost everywhere (homogeneous of degree k = 1), so the residual term of the Hessian
    /// vanishes; false for k ≥ 2 and for the smooth activations.</summary>
    public bool IsPiecewiseLinear => IsHomogeneous && Degree == 1;

    /// <summary>σ(z).</summary>
    public abstract double Value(double z);

    /// <summary>σ'(z) (of degree k − 1 for a homogeneous σ).</summary>
    public abstract double Derivative(double z);

    /// <summary>σ''(z) (of degree k − 2 for a homogeneous σ; 0 almost everywhere when k = 1).</summary>
    public abstract double SecondDerivative(double z);

    /// <summary>Evaluates σ, σ' and (when <paramref name="second"/> is not empty) σ'' over a row of pre-activations.</summary>
    /// <param name="z">Pre-activations.</param>
    /// <param name="value">Receives σ(z).</param>
    /// <param name="first">Receives σ'(z); may be empty to skip.</param>
    /// <param name="second">Receives σ''(z); may be empty to skip.</param>
    public virtual void Evaluate(ReadOnlySpan<double> z, Span<double> value, Span<double> first, Span<double> second)
    {
        for (int i = 0; i < z.Length; i++) value[i] = Value(z[i]);
        if (!first.IsEmpty) for (int i = 0; i < z.Length; i++) first[i] = Derivative(z[i]);
        if (!second.IsEmpty) for (int i = 0; i < z.Length; i++) second[i] = SecondDerivative(z[i]);
    }

    /// <summary>Builds an activation from its model-file name and parameters.</summary>
    /// <param name="name">relu, leaky_relu, abs, relu_power, gelu, gelu_tanh, silu or tanh.</param>
    /// <param name="slope">Negative slope α of leaky_relu, in (0, 1].</param>
    /// <param name="degree">Degree k ≥ 2 of relu_power.</param>
    /// <exception cref="ArgumentException">Unknown name or parameter out of range.</exception>
    public static Activation Create(string name, double? slope = null, int? degree = null) => name switch
    {
        "relu" => new Relu(),
        "abs" => new AbsoluteValue(),
        "leaky_relu" => new LeakyRelu(slope ?? throw new ArgumentException("leaky_relu needs a \"slope\" in (0, 1]")),
        "relu_power" => new ReluPower(degree ?? throw new ArgumentException("relu_power needs an integer \"degree\" >= 2")),
        "gelu" => new Gelu(),
        "gelu_tanh" => new GeluTanh(),
        "silu" => new Silu(),
        "tanh" => new Tanh(),
        _ => throw new ArgumentException($"unknown activation \"{name}\" (known: {KnownNames})"),
    };

    /// <summary>The model-file names, comma-separated, for error messages.</summary>
    public const string KnownNames = "relu, leaky_relu, abs, relu_power, gelu, gelu_tanh, silu, tanh";

    /// <inheritdoc/>
    public bool Equals(Activation? other) => other is not null && Describe() == other.Describe();

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Activation);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Describe());

    /// <inheritdoc/>
    public override string ToString() => Describe();
}

/// <summary>ReLU, σ(z) = max(z, 0); degree 1.</summary>
public sealed class Relu : Activation
{
    /// <inheritdoc/>
    public override int Degree => 1;
    /// <inheritdoc/>
    public override string Name => "relu";
    /// <inheritdoc/>
    public override string Describe() => "relu";
    /// <inheritdoc/>
    public override double Value(double z) => z > 0 ? z : 0.0;
    /// <inheritdoc/>
    public override double Derivative(double z) => z > 0 ? 1.0 : 0.0;
    /// <inheritdoc/>
    public override double SecondDerivative(double z) => 0.0;
    /// <inheritdoc/>
    public override void Evaluate(ReadOnlySpan<double> z, Span<double> value, Span<double> first, Span<double> second)
    {
        bool wantFirst = !first.IsEmpty;
        for (int i = 0; i < z.Length; i++)
        {
            double zi = z[i];
            bool on = zi > 0;
            value[i] = on ? zi : 0.0;
            if (wantFirst) first[i] = on ? 1.0 : 0.0;
        }
        second.Clear();
    }
}

/// <summary>Leaky ReLU, σ(z) = z for z &gt; 0 and αz otherwise; degree 1.</summary>
public sealed class LeakyRelu : Activation
{
    /// <summary>Creates a leaky ReLU.</summary>
    /// <param name="slope">Negative slope α ∈ (0, 1] (spec §2); α = 1 is the identity.</param>
    public LeakyRelu(double slope)
    {
        if (!(slope > 0 && slope <= 1)) throw new ArgumentException($"leaky_relu slope must lie in (0, 1], got {slope}");
        Slope = slope;
    }

    /// <summary>Negative slope α.</summary>
    public double Slope { get; }
    /// <inheritdoc/>
    public override int Degree => 1;
    /// <inheritdoc/>
    public override string Name => "leaky_relu";
    /// <inheritdoc/>
    public override string Describe() => $"leaky_relu(slope={Slope.ToString("R", System.Globalization.CultureInfo.InvariantCulture)})";
    /// <inheritdoc/>
    public override double Value(double z) => z > 0 ? z : Slope * z;
    /// <inheritdoc/>
    public override double Derivative(double z) => z > 0 ? 1.0 : Slope;
    /// <inheritdoc/>
    public override double SecondDerivative(double z) => 0.0;
}

/// <summary>Absolute value, σ(z) = |z|; degree 1.</summary>
public sealed class AbsoluteValue : Activation
{
    /// <inheritdoc/>
    public override int Degree => 1;
    /// <inheritdoc/>
    public override string Name => "abs";
    /// <inheritdoc/>
    public override string Describe() => "abs";
    /// <inheritdoc/>
    public override double Value(double z) => Math.Abs(z);
    /// <inheritdoc/>
    public override double Derivative(double z) => z > 0 ? 1.0 : -1.0;
    /// <inheritdoc/>
    public override double SecondDerivative(double z) => 0.0;
}

/// <summary>ReLU power, σ(z) = z₊^k with k ≥ 2; degree k; σ'' = k(k−1) z₊^{k−2}.</summary>
public sealed class ReluPower : Activation
{
    /// <summary>Creates σ(z) = z₊^k.</summary>
    /// <param name="degree">k ≥ 2 (k = 1 is <see cref="Relu"/>); at most 8 to keep values finite.</param>
    public ReluPower(int degree)
    {
        if (degree < 2 || degree > 8) throw new ArgumentException($"relu_power degree must be an integer in [2, 8], got {degree}");
        Degree = degree;
    }

    /// <inheritdoc/>
    public override int Degree { get; }
    /// <inheritdoc/>
    public override string Name => "relu_power";
    /// <inheritdoc/>
    public override string Describe() => $"relu_power(degree={Degree})";
    /// <inheritdoc/>
    public override double Value(double z) => z > 0 ? IntPow(z, Degree) : 0.0;
    /// <inheritdoc/>
    public override double Derivative(double z) => z > 0 ? Degree * IntPow(z, Degree - 1) : 0.0;
    /// <inheritdoc/>
    public override double SecondDerivative(double z) => z > 0 ? Degree * (Degree - 1) * IntPow(z, Degree - 2) : 0.0;

    private static double IntPow(double x, int p)
    {
        double r = 1.0;
        for (int i = 0; i < p; i++) r *= x;
        return r;
    }
}
