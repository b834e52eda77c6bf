using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Flatness.Numerics.Measurement;
using Flatness.Numerics.Spectral;

namespace Flatness.Cli.Commands;

/// <summary>The options of <c>measure</c> for large problems: <c>--quantities</c>, <c>--tolerance</c>, <c>--memory</c>
/// (issue #11), their validation (exit 2 at parse time) and their JSON fields.</summary>
internal sealed class ScaleOptions
{
    public Option<string> Quantities { get; } = new("--quantities")
    {
        Description = $"Comma-separated quantities to compute (default all): {FlatnessQuantityNames.Valid}. Fields of the others are omitted from the output.",
    };

    public Option<string> Tolerance { get; } = new("--tolerance")
    {
        Description = "Lanczos stops when the requested extremes' residuals are <= TOL * |lambda|max (relative; default 1e-10; 0 < TOL < 1).",
    };

    public Option<string> Memory { get; } = new("--memory")
    {
        Description = $"Memory budget (default 2GB; units B, KB, MB, GB, TB, KiB, MiB, GiB, TiB): cache the n x m forward pass when it fits, " +
            $"otherwise stream it (same results).",
    };

    public ScaleOptions()
    {
        Quantities.Validators.Add(result =>
        {
            if (!FlatnessQuantityNames.TryParse(result.GetValueOrDefault<string>(), out _, out string error))
                result.AddError($"--quantities: {error}");
        });
        Tolerance.Validators.Add(result =>
        {
            string text = result.GetValueOrDefault<string>() ?? "";
            if (ParseTolerance(text) is null)
                result.AddError($"--tolerance must be a number with 0 < TOL < 1 (e.g. 1e-6), got '{text}'");
        });
        Memory.Validators.Add(result =>
        {
            if (!MemoryBudget.TryParse(result.GetValueOrDefault<string>(), out _, out string error))
                result.AddError($"--memory: {error}");
        });
    }

    public void AddTo(Command command)
    {
        command.Add(Quantities);
        command.Add(Tolerance);
        command.Add(Memory);
    }

    /// <summary>The options with the user's quantities, tolerance and budget applied (already validated).</summary>
    public MeasurementOptions Apply(ParseResult parse, MeasurementOptions options)
    {
        var quantities = FlatnessQuantities.All;
        if (parse.GetValue(Quantities) is string q && !FlatnessQuantityNames.TryParse(q, out quantities, out string qError))
            throw new InvalidOperationException(qError); // unreachable: the validator rejected it at parse time
        long budget = MemoryBudget.DefaultBytes;
        if (parse.GetValue(Memory) is string mem && !MemoryBudget.TryParse(mem, out budget, out string mError))
            throw new InvalidOperationException(mError); // unreachable: the validator rejected it at parse time
        var lanczos = options.Lanczos ?? new LanczosOptions();
        if (parse.GetValue(Tolerance) is string text)
            lanczos = lanczos with { Tolerance = ParseTolerance(text) ?? throw new InvalidOperationException("unreachable: validated at parse time") };
        return options with { Quantities = quantities, MemoryBudgetBytes = budget, Lanczos = lanczos };
    }

    /// <summary>The tolerance, or null unless it is a number in (0, 1) (invariant culture).</summary>
    private static double? ParseTolerance(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v > 0 && v < 1 ? v : null;

    /// <summary>The "lanczos" object: iterations, convergence, the tolerance, absolute and relative residuals of the
    /// requested extremes.</summary>
    public static void WriteLanczos(Utf8JsonWriter w, FlatnessReport r, LanczosResult x)
    {
        w.WriteStartObject("lanczos");
        w.WriteNumber("iterations", x.Iterations);
        w.WriteBoolean("converged", x.Converged);
        if (r.LanczosTolerance is double tol) w.Number("tolerance", tol);
        if ((r.Quantities & FlatnessQuantities.LambdaMax) != 0)
        {
            w.Number("residualMax", x.ResidualMax);
            w.Number("relativeResidualMax", x.RelativeResidualMax);
        }
        if ((r.Quantities & FlatnessQuantities.LambdaMin) != 0)
        {
            w.Number("residualMin", x.ResidualMin);
            w.Number("relativeResidualMin", x.RelativeResidualMin);
        }
        w.WriteEndObject();
    }

    /// <summary>The "quantities" list and the "memory" object: path taken, budget and both estimates, in bytes.</summary>
    public static void WriteMemory(Utf8JsonWriter w, FlatnessReport r)
    {
        w.WriteStartArray("quantities");
        foreach (var (name, quantity) in FlatnessQuantityNames.Names)
            if (quantity != FlatnessQuantities.All && (r.Quantities & quantity) != 0) w.WriteStringValue(name);
        w.WriteEndArray();
        w.WriteStartObject("memory");
        w.WriteString("evaluation", r.Evaluation == EvaluationPath.Cached ? "cached" : "streaming");
        w.WriteNumber("budgetBytes", r.MemoryBudgetBytes);
        w.WriteNumber("estimatedCachedBytes", r.EstimatedCachedBytes);
        w.WriteNumber("estimatedStreamingBytes", r.EstimatedStreamingBytes);
        w.WriteEndObject();
    }
}
