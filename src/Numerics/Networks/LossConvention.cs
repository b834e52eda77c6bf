namespace Flatness.Numerics.Networks;

/// <summary>The normalisation ν of the squared loss L̂_ν(θ) = (1/(νn)) Σᵢ (f(xᵢ; θ) − yᵢ)².</summary>
/// <remarks>Paper A specification §2: ν = 1 (<c>mse</c>, paper A's default) or ν = 2 (<c>half-mse</c>, paper B's
/// 1/(2n)). Every Hessian, trace and eigenvalue carries the factor 2/ν.</remarks>
public enum LossConvention
{
    /// <summary>ν = 1: L̂ = (1/n) Σ rᵢ².</summary>
    Mse = 1,

    /// <summary>ν = 2: L̂ = (1/(2n)) Σ rᵢ².</summary>
    HalfMse = 2,
}

/// <summary>Helpers for <see cref="LossConvention"/>.</summary>
public static class LossConventions
{
    /// <summary>ν of the convention (1 or 2).</summary>
    public static int Nu(this LossConvention convention) => (int)convention;

    /// <summary>The command-line / report name: <c>mse</c> or <c>half-mse</c>.</summary>
    public static string Name(this LossConvention convention) => convention == LossConvention.Mse ? "mse" : "half-mse";

    /// <summary>The curvature factor 2/(νn) in front of Σᵢ[∇fᵢ∇fᵢᵀ + rᵢ∇²fᵢ] (spec F1).</summary>
    /// <param name="convention">The convention.</param>
    /// <param name="samples">n ≥ 1.</param>
    public static double CurvatureScale(this LossConvention convention, int samples) => 2.0 / (convention.Nu() * (double)samples);

    /// <summary>Parses <c>mse</c> or <c>half-mse</c>.</summary>
    /// <exception cref="ArgumentException">Any other text.</exception>
    public static LossConvention Parse(string text) => text switch
    {
        "mse" => LossConvention.Mse,
        "half-mse" => LossConvention.HalfMse,
        _ => throw new ArgumentException($"unknown loss \"{text}\" (known: mse, half-mse)"),
    };
}
