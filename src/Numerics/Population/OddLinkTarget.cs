using Flatness.Numerics.Networks;
using MathNet.Numerics.Integration;

namespace Flatness.Numerics.Population;

/// <summary>A sum of single-index models g(x) = Σᵣ bᵣ ψ(uᵣᵀx) with a smooth <b>odd</b> link ψ (e.g. tanh), for inputs
/// x ~ N(0, I_d): a target that bias-free degree-1 homogeneous networks cannot represent, with its best-approximation error
/// by such networks and the exact population loss of any of them (paper A specification §5, "approximation error"; the
/// representable contrast of claim A-17).</summary>
/// <remarks>
/// <para><b>The best approximation.</b> A bias-free unit of degree 1 is σ(z) = p z₊ + q z = (p/2)|z| + (p/2 + q) z
/// (ReLU (1, 0), leaky ReLU (1 − α, α), |z| (2, −1)). So the odd part of any network f(x) = Σⱼ aⱼσ(wⱼᵀx) is linear,
/// (f(x) − f(−x))/2 = (p/2 + q)(Σⱼ aⱼwⱼ)ᵀx, and its even part is a combination of |wⱼᵀx|. Since σ(wᵀx) ± σ(−wᵀx) give
/// p|wᵀx| and (p + 2q)wᵀx, the closure V of the networks of all widths in L²(N(0, I)) is the linear functions
/// ⊕ closure span{|wᵀx|} when p + 2q ≠ 0 (ReLU, leaky ReLU), and only the even part when p + 2q = 0 (|z|). Under the
/// symmetric Gaussian measure even and odd functions are orthogonal, and g is odd, so its projection onto V is its
/// projection onto the linear functions, Pg(x) = βᵀx with β = E[x g(x)] (E xxᵀ = I), or 0 for |z|. Hence the
/// best-approximation error A = inf_f E(f − g)² = E g² − ‖β‖² (ReLU, leaky ReLU) or E g² (|z|), and for every network
/// E(f − g)² = E(f − Pg)² + A (Pythagoras): A is a lower bound no width, no training and no flatness can beat.</para>
/// <para><b>Exact moments.</b> E[x ψ(uᵀx)] = (u/‖u‖) E[ζψ(‖u‖ζ)] (ζ ~ N(0, 1)), so β = Σᵣ bᵣ (uᵣ/‖uᵣ‖) E[ζψ(‖uᵣ‖ζ)];
/// E g² = Σᵣₛ bᵣbₛ E[ψ(‖uᵣ‖ζ₁)ψ(‖uₛ‖(ρζ₁ + √(1 − ρ²)ζ₂))], ρ the cosine of uᵣ and uₛ; each a one- or two-dimensional
/// Gaussian integral by Gauss–Legendre quadrature on [−12, 12] in four pieces around the point c where the link's argument
/// crosses 0 (the link must be smooth, steepest at 0; tested against 30-digit quadrature to 1e-12 up to κ‖u‖ = 20). For a network,
/// E[σ(wᵀx) g(x)] = (p/2 + q) wᵀβ (the |wᵀx| part is even, g odd), so
/// E(f − g)² = E f² − 2(p/2 + q)(Σⱼ aⱼwⱼ)ᵀβ + E g², with E f² from the arc-cosine kernel (<see cref="GaussianPopulationLoss"/>).
/// Nothing here is sampled.</para>
/// </remarks>
public sealed class OddLinkTarget
{
    /// <summary>Gauss–Legendre nodes on each of the four pieces [−12, c − 1], [c − 1, c], [c, c + 1], [c + 1, 12].</summary>
    private const int Nodes = 64;

    /// <summary>Half-width of the integration range in standard deviations (the Gaussian tail beyond is below 1e-32).</summary>
    private const double Range = 12;

    private readonly Func<double, double> _link;
    private readonly double[] _weights;
    private readonly double[][] _directions;
    private readonly double[] _norms;
    private readonly double[] _beta;

    /// <summary>g(x) = Σᵣ bᵣ ψ(uᵣᵀx).</summary>
    /// <param name="linkName">The link's name, for reports (e.g. "tanh(2z)").</param>
    /// <param name="link">ψ: smooth and odd (checked at a few points).</param>
    /// <param name="weights">bᵣ, finite.</param>
    /// <param name="directions">uᵣ, nonzero, all of one dimension.</param>
    /// <exception cref="ArgumentException">ψ not odd or not finite, mismatched counts or dimensions, a zero direction, non-finite numbers.</exception>
    public OddLinkTarget(string linkName, Func<double, double> link, IReadOnlyList<double> weights, IReadOnlyList<IReadOnlyList<double>> directions)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(directions);
        if (weights.Count == 0 || weights.Count != directions.Count)
            throw new ArgumentException($"need one weight per direction and at least one (got {weights.Count} weights, {directions.Count} directions)");
        foreach (double z in new[] { 0.1, 0.7, 1.3, 2.9, 6.0 })
        {
            double plus = link(z), minus = link(-z);
            if (!double.IsFinite(plus) || !double.IsFinite(minus) || Math.Abs(plus + minus) > 1e-12 * Math.Max(1, Math.Abs(plus)))
                throw new ArgumentException($"the link {linkName} is not odd and finite: ψ({z}) = {plus}, ψ(−{z}) = {minus}");
        }
        int d = directions[0].Count;
        if (d == 0) throw new ArgumentException("directions must have at least one coordinate");
        _weights = new double[weights.Count];
        _directions = new double[weights.Count][];
        _norms = new double[weights.Count];
        for (int r = 0; r < weights.Count; r++)
        {
            if (!double.IsFinite(weights[r])) throw new ArgumentException($"weight {r} is not finite");
            if (directions[r].Count != d) throw new ArgumentException($"direction {r} has {directions[r].Count} coordinates, expected {d}");
            _weights[r] = weights[r];
            _directions[r] = directions[r].ToArray();
            if (_directions[r].Any(v => !double.IsFinite(v))) throw new ArgumentException($"direction {r} is not finite");
            _norms[r] = Norm(_directions[r]);
            if (_norms[r] == 0) throw new ArgumentException($"direction {r} is zero");
        }
        LinkName = linkName;
        _link = link;
        InputDimension = d;
        _beta = new double[d];
        for (int r = 0; r < _weights.Length; r++)
        {
            double norm = _norms[r];
            double c = GaussianExpectation(z => z * link(norm * z), 0);
            for (int i = 0; i < d; i++) _beta[i] += _weights[r] * c * (_directions[r][i] / norm);
        }
        double second = 0;
        for (int r = 0; r < _weights.Length; r++)
            for (int s = r; s < _weights.Length; s++)
                second += (r == s ? 1 : 2) * _weights[r] * _weights[s] * PairMoment(r, s);
        SecondMoment = second;
        if (!double.IsFinite(SecondMoment) || _beta.Any(v => !double.IsFinite(v)))
            throw new ArgumentException($"the moments of {linkName} with these weights and directions are not finite (E g² = {SecondMoment})");
    }

    /// <summary>g(x) = Σᵣ bᵣ tanh(κ uᵣᵀx).</summary>
    public static OddLinkTarget Tanh(double scale, IReadOnlyList<double> weights, IReadOnlyList<IReadOnlyList<double>> directions)
    {
        if (!(scale > 0) || !double.IsFinite(scale)) throw new ArgumentOutOfRangeException(nameof(scale), "the link's scale κ must be positive and finite");
        return new OddLinkTarget(scale == 1 ? "tanh(z)" : $"tanh({scale:0.###}z)", z => Math.Tanh(scale * z), weights, directions);
    }

    /// <summary>The link's name.</summary>
    public string LinkName { get; }

    /// <summary>d.</summary>
    public int InputDimension { get; }

    /// <summary>E g(x)² = Var g(x) (g is odd, so E g = 0).</summary>
    public double SecondMoment { get; }

    /// <summary>β = E[x g(x)]: the coefficients of the best linear approximation βᵀx.</summary>
    public IReadOnlyList<double> LinearPart => _beta;

    /// <summary>g(x).</summary>
    public double Evaluate(ReadOnlySpan<double> x)
    {
        if (x.Length != InputDimension) throw new ArgumentException($"x has {x.Length} coordinates, expected {InputDimension}");
        double s = 0;
        for (int r = 0; r < _weights.Length; r++)
        {
            s += _weights[r] * _link(ArcCosineKernel.Dot(_directions[r], x));
        }
        return s;
    }

    /// <summary>A = inf E(f − g)² over bias-free networks of every width with this degree-1 activation: E g² − ‖β‖² when
    /// p + 2q ≠ 0 (ReLU, leaky ReLU), E g² when p + 2q = 0 (|z|) — see the remarks of the class.</summary>
    public double BestApproximationError(Activation activation)
    {
        var (p, q) = GaussianPopulationLoss.ReluAndIdentityParts(activation);
        return p + 2 * q == 0 ? SecondMoment : Math.Max(0, SecondMoment - ArcCosineKernel.Dot(_beta, _beta));
    }

    /// <summary>A network of width 2 computing the best approximation Pg: βᵀx = [σ(βᵀx) − σ(−βᵀx)]/(p + 2q), or the zero
    /// function (width 1, output weight 0) when p + 2q = 0.</summary>
    public TwoLayerNetwork BestApproximation(Activation activation)
    {
        var (p, q) = GaussianPopulationLoss.ReluAndIdentityParts(activation);
        if (p + 2 * q == 0) return TwoLayerNetwork.FromWeights(activation, [0.0], [new double[InputDimension]]);
        double c = 1 / (p + 2 * q);
        return TwoLayerNetwork.FromWeights(activation, [c, -c], [_beta.ToArray(), _beta.Select(v => -v).ToArray()]);
    }

    /// <summary>E(f(x) − g(x))² exactly, for a bias-free network of degree-1 activation (see the remarks of the class).</summary>
    /// <exception cref="ArgumentException">Biases, another activation, or a dimension mismatch.</exception>
    public double PopulationLoss(TwoLayerNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (network.Layout.HasHiddenBias || network.Layout.HasOutputBias)
            throw new ArgumentException("the population loss against an odd-link target is for bias-free networks");
        if (network.InputDimension != InputDimension)
            throw new ArgumentException($"network input dimension {network.InputDimension} != target's {InputDimension}");
        var (p, q) = GaussianPopulationLoss.ReluAndIdentityParts(network.Activation);
        double cross = 0;
        for (int j = 0; j < network.Width; j++)
        {
            double a = network.OutputWeight(j);
            if (a == 0) continue;
            cross += a * ArcCosineKernel.Dot(network.HiddenWeight(j), _beta);
        }
        return GaussianPopulationLoss.SecondMoment(network) - 2 * (p / 2 + q) * cross + SecondMoment;
    }

    /// <summary>E[ψ(uᵣᵀx) ψ(uₛᵀx)].</summary>
    private double PairMoment(int r, int q)
    {
        double[] u = _directions[r], v = _directions[q];
        double nu = _norms[r], nv = _norms[q];
        double cosine = 0;
        for (int i = 0; i < u.Length; i++) cosine += u[i] / nu * (v[i] / nv);
        double rho = Math.Clamp(cosine, -1, 1), s = Math.Sqrt(Math.Max(0, 1 - rho * rho));
        if (s == 0) return GaussianExpectation(z => _link(nu * z) * _link(nv * rho * z), 0);
        // The inner integrand's argument crosses 0 at z₂ = −ρz₁/s: split there.
        return GaussianExpectation(z1 => _link(nu * z1) * GaussianExpectation(z2 => _link(nv * (rho * z1 + s * z2)), -rho * z1 / s), 0);
    }

    /// <summary>E h(ζ), ζ ~ N(0, 1), by Gauss–Legendre with <see cref="Nodes"/> nodes on each of [−12, c − 1], [c − 1, c],
    /// [c, c + 1], [c + 1, 12] (clamped into the range; empty pieces skipped): h may change steeply near c.</summary>
    private static double GaussianExpectation(Func<double, double> h, double split)
    {
        double c = Math.Clamp(split, -Range, Range), sum = 0;
        double[] edges = [-Range, Math.Max(-Range, c - 1), c, Math.Min(Range, c + 1), Range];
        for (int piece = 0; piece < 4; piece++)
        {
            double lo = edges[piece], hi = edges[piece + 1];
            if (hi <= lo) continue;
            double half = (hi - lo) / 2, mid = (hi + lo) / 2;
            for (int i = 0; i < StandardNodes.Length; i++)
            {
                double z = mid + half * StandardNodes[i];
                sum += half * StandardWeights[i] * Math.Exp(-z * z / 2) / Math.Sqrt(2 * Math.PI) * h(z);
            }
        }
        return sum;
    }

    private static readonly GaussLegendreRule StandardRule = new(-1, 1, Nodes);
    private static readonly double[] StandardNodes = StandardRule.Abscissas;
    private static readonly double[] StandardWeights = StandardRule.Weights;

    /// <summary>‖a‖, scaled by max |aᵢ| so that neither tiny nor huge entries under- or overflow.</summary>
    private static double Norm(double[] a)
    {
        double scale = a.Max(Math.Abs);
        if (scale == 0 || double.IsInfinity(scale)) return scale;
        double s = 0;
        foreach (double v in a) s += (v / scale) * (v / scale);
        return scale * Math.Sqrt(s);
    }
}
