using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Flatness.Numerics.Curvature;
using Flatness.Inputs;
using Flatness.Numerics.Measurement;
using Flatness.Numerics.Networks;
using Spectre.Console;

namespace Flatness.Cli.Commands;

/// <summary><c>flatness measure</c>: every flatness quantity of the user's network on the user's data.</summary>
internal static class MeasureCommand
{
    public static Command Create(CommandIO io)
    {
        var shared = new ModelAndDataOptions();
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table." };
        var spectrum = new Option<bool>("--spectrum") { Description = "Also compute all P Hessian eigenvalues (ascending)." };
        var scale = new ScaleOptions();
        var command = new Command("measure", "Exact Hessian trace, Gauss-Newton trace, extreme eigenvalues, orbit-minimal trace and kink distance.");
        shared.AddTo(command);
        command.Add(json);
        command.Add(spectrum);
        scale.AddTo(command);
        command.SetAction(parse =>
        {
            var (network, data, loss) = shared.Read(parse, io.Error);
            var options = scale.Apply(parse, new MeasurementOptions(loss, parse.GetValue(spectrum)));
            string modelPath = parse.GetRequiredValue(shared.Model);
            if (MeasurementPreflight.Check(network, data, options) is { } refusal)
                throw new InputException(shared.PathOf(parse, refusal.Source), refusal.Message);
            FlatnessReport report;
            StabilityBoundReport paperB;
            try
            {
                report = FlatnessMeasurement.Measure(network, data, options);
                paperB = StabilityBoundMeasurementFor(network, data, report);
            }
            catch (ArgumentException ex)
            {
                throw new InputException(modelPath, ex.Message);
            }
            RequireFinite(report, shared.PathOf(parse, MeasurementPreflight.Responsible(network, data)));
            if (parse.GetValue(json)) io.Out.WriteLine(ToJson(report, paperB, shared.LastRead?.Model));
            else WriteTable(report, io, paperB);
            shared.NoteRead(parse, io.Error);
            return Program.Success;
        });
        return command;
    }

    /// <summary>Paper B's quantities (|f|_{V_g}, Theorem 3.2, activation rates) when λ_max was asked for, else a report whose
    /// reason says why not. On the cached path Theorem 3.2 gets its own λ_max of the 1/(2n) loss (dense for small P);
    /// a streamed measurement reuses its Lanczos λ_max rescaled by ν/2, holding nothing more in memory.</summary>
    private static StabilityBoundReport StabilityBoundMeasurementFor(TwoLayerNetwork network, Dataset data, FlatnessReport report)
    {
        if ((report.Quantities & FlatnessQuantities.LambdaMax) == 0 || report.Extremes is null)
            return new StabilityBoundReport(null, null, null, null,
                "paper B's Theorem 3.2 needs the largest Hessian eigenvalue: include lambda-max in --quantities");
        if (report.Evaluation != EvaluationPath.Cached)
            return StabilityBoundMeasurement.Measure(network, data, report.Loss, report.Extremes.LambdaMax, report.LossValue);
        return StabilityBoundMeasurement.Measure(network, data);
    }

    /// <summary>A non-finite result is an error naming the file with the largest values (see
    /// <see cref="MeasurementPreflight.Responsible"/>), never a printed NaN or null.</summary>
    private static void RequireFinite(FlatnessReport r, string source)
    {
        Finite.Require([r.LossValue, r.MaxAbsResidual], source, "the loss");
        if (r.Trace is { } t) Finite.Require([t.Trace, t.GaussNewtonTrace, t.ResidualTrace], source, "the Hessian trace");
        if (r.Extremes is { } x) Finite.Require([x.LambdaMax, x.LambdaMin], source, "an extreme eigenvalue");
        if (r.Orbit is { } o) Finite.Require(o.Value, source, "the orbit-minimal trace");
        if (r.Eigenvalues is not null) Finite.Require(r.Eigenvalues.ToArray(), source, "an eigenvalue of the spectrum");
    }

    internal static string StatusName(OrbitMinimumStatus status) => status switch
    {
        OrbitMinimumStatus.Attained => "attained",
        OrbitMinimumStatus.NotAttained => "not-attained",
        _ => "unbounded-below",
    };

    internal static string ToJson(FlatnessReport r, StabilityBoundReport? paperB = null, LoadedModel? model = null) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("activation", r.Activation.Describe());
        // A smooth activation is not positively homogeneous: it has no degree k.
        if (r.Activation.IsHomogeneous) w.WriteNumber("degree", r.Activation.Degree);
        else w.WriteNull("degree");
        w.WriteString("lossConvention", r.Loss.Name());
        w.WriteNumber("nu", r.Loss.Nu());
        w.WriteNumber("samples", r.Samples);
        w.WriteNumber("inputDimension", r.InputDimension);
        w.WriteNumber("width", r.Width);
        w.WriteNumber("parameters", r.Parameters);
        w.Number("loss", r.LossValue);
        w.Number("maxAbsResidual", r.MaxAbsResidual);
        w.WriteBoolean("interpolating", r.Interpolating);
        if (r.Trace is { } trace)
        {
            w.Number("hessianTrace", trace.Trace);
            w.Number("gaussNewtonTrace", trace.GaussNewtonTrace);
            w.Number("residualTrace", trace.ResidualTrace);
        }
        if (r.Extremes is { } x)
        {
            if ((r.Quantities & FlatnessQuantities.LambdaMax) != 0) w.Number("lambdaMax", x.LambdaMax);
            if ((r.Quantities & FlatnessQuantities.LambdaMin) != 0) w.Number("lambdaMin", x.LambdaMin);
            ScaleOptions.WriteLanczos(w, r, x);
            if ((r.Quantities & FlatnessQuantities.LambdaMax) != 0) w.Number("maxStableLearningRate", r.MaxStableLearningRate);
        }
        if (r.Orbit is { } orbit)
        {
            w.Number("orbitMinimalTrace", orbit.Value);
            w.WriteString("orbitMinimalTraceStatus", StatusName(orbit.Status));
            w.Number("orbitInfimum", orbit.Status == OrbitMinimumStatus.UnboundedBelow ? null : orbit.Infimum);
            w.WriteString("orbitNote", orbit.Reason);
        }
        else if (r.OrbitNote is string note)
        {
            // Asked for, but there is no rescaling orbit (σ not positively homogeneous): null values and the reason.
            w.WriteNull("orbitMinimalTrace");
            w.WriteNull("orbitMinimalTraceStatus");
            w.WriteNull("orbitInfimum");
            w.WriteString("orbitNote", note);
        }
        if (r.Kink is { } kink)
        {
            w.Number("minAbsPreactivation", kink.MinAbsPreactivation);
            w.WriteBoolean("onKink", kink.OnKink);
        }
        ScaleOptions.WriteMemory(w, r);
        if (r.Eigenvalues is not null)
        {
            w.WriteString("spectrumMethod", r.SpectrumMethod == SpectrumMethod.Dense ? "dense" : "gram");
            w.WriteStartArray("eigenvalues");
            foreach (double v in r.Eigenvalues) w.WriteNumberValue(v);
            w.WriteEndArray();
        }
        if (paperB is not null) WritePaperB(w, paperB);
        if (model is not null)
        {
            // How the model was stored: a safetensors file's dtype(s) were converted to double (issue #11).
            w.WriteStartObject("model");
            w.WriteString("format", model.Format == ModelFormat.Safetensors ? "safetensors" : "json");
            if (model.Safetensors is { } st) w.WriteString("dtype", st.DTypeSummary);
            else w.WriteNull("dtype");
            w.WriteEndObject();
        }
        w.WriteEndObject();
    });

    // Paper B (spec §3–§5, §8): |f|_{V_g}, the raw path norm, Theorem 3.2 with the 1/(2n) loss, activation rates.
    // "activationRates", not "activation": that key already names the activation function.
    private static void WritePaperB(Utf8JsonWriter w, StabilityBoundReport b)
    {
        w.Number("weightedVariation", b.WeightedVariation);
        w.Number("weightedPathNorm", b.WeightedPathNorm);
        if (b.Theorem32 is { } t)
        {
            w.WriteStartObject("theorem32");
            w.Number("radius", t.Radius);
            w.Number("lambdaMax", t.LambdaMax);
            w.Number("halfMseLoss", t.HalfMseLoss);
            w.Number("bound", t.Bound);
            w.Number("slack", t.Slack);
            w.WriteBoolean("holds", t.Holds);
            w.WriteString("lambdaMaxMethod", t.Method);
            w.WriteEndObject();
        }
        else w.WriteNull("theorem32");
        if (b.Activation is { } a)
        {
            w.WriteStartObject("activationRates");
            w.Number("activeShare", a.ActiveShare);
            w.Number("medianRate", a.MedianRate);
            w.WriteEndObject();
        }
        else w.WriteNull("activationRates");
        if (b.Reason is null) w.WriteNull("paperBNote");
        else w.WriteString("paperBNote", b.Reason);
    }

    private static string F(double v) => v.ToString("G10", CultureInfo.InvariantCulture);

    private static void WriteTable(FlatnessReport r, CommandIO io, StabilityBoundReport b)
    {
        var console = Terminal.Create(io);
        var table = new Table().AddColumn("quantity").AddColumn(new TableColumn("value").RightAligned()).AddColumn("note");
        table.AddRow("samples n / input d / width m", $"{r.Samples} / {r.InputDimension} / {r.Width}", "");
        table.AddRow("parameters P", r.Parameters.ToString(CultureInfo.InvariantCulture), "");
        table.AddRow("activation (degree k)", Markup.Escape($"{r.Activation.Describe()} " +
            $"({(r.Activation.IsHomogeneous ? r.Activation.Degree.ToString(CultureInfo.InvariantCulture) : "not homogeneous")})"), "");
        table.AddRow("loss", F(r.LossValue),
            Markup.Escape($"{r.Loss.Name()} (nu = {r.Loss.Nu()}), max |r_i| = {F(r.MaxAbsResidual)}{(r.Interpolating ? ", interpolating" : "")}"));
        if (r.Trace is { } trace)
        {
            table.AddRow("Hessian trace", F(trace.Trace), "exact, closed form (spec F1)");
            table.AddRow("Gauss-Newton trace", F(trace.GaussNewtonTrace), Markup.Escape($"residual part {F(trace.ResidualTrace)}"));
        }
        if (r.Extremes is { } x)
        {
            string converged = x.Converged ? "" : ", NOT converged";
            if ((r.Quantities & FlatnessQuantities.LambdaMax) != 0)
                table.AddRow("lambda_max", F(x.LambdaMax),
                    Markup.Escape($"Lanczos, {x.Iterations} products, residual {x.ResidualMax:G2} (relative {x.RelativeResidualMax:G2}){converged}"));
            if ((r.Quantities & FlatnessQuantities.LambdaMin) != 0)
                table.AddRow("lambda_min", F(x.LambdaMin), Markup.Escape($"residual {x.ResidualMin:G2} " +
                    $"(relative {x.RelativeResidualMin:G2}){((r.Quantities & FlatnessQuantities.LambdaMax) == 0 ? converged : "")}"));
            if ((r.Quantities & FlatnessQuantities.LambdaMax) != 0)
                table.AddRow("max stable learning rate 2/lambda_max", r.MaxStableLearningRate is double eta ? F(eta) : "none", "");
        }
        if (r.Orbit is { } orbit)
            table.AddRow("orbit-minimal trace", orbit.Value is double v ? F(v) : "does not exist", Markup.Escape(orbit.Reason));
        else if (r.OrbitNote is string note)
            table.AddRow("orbit-minimal trace", "n/a", Markup.Escape(note));
        if (r.Kink is { } kink)
            table.AddRow("min |w_j.x_i + b_j|", F(kink.MinAbsPreactivation),
                kink.OnKink ? "a sample lies on a kink: the Hessian is undefined there" : kink.ActivationHasKink ? "" : "smooth activation: no kink");
        table.AddRow("evaluation", r.Evaluation == EvaluationPath.Cached ? "cached" : "streaming",
            Markup.Escape($"cached path needs about {MemoryBudget.Format(r.EstimatedCachedBytes)}, " +
                $"streaming {MemoryBudget.Format(r.EstimatedStreamingBytes)}; budget {MemoryBudget.Format(r.MemoryBudgetBytes)}"));
        if (b.Theorem32 is { } t && b.Activation is { } a)
        {
            table.AddRow("|f|_Vg (paper B)", F(b.WeightedVariation!.Value),
                Markup.Escape($"reduced, empirical weight; raw weighted path norm {F(b.WeightedPathNorm!.Value)}"));
            table.AddRow("Theorem 3.2 bound", F(t.Bound), Markup.Escape($"lambda_max(1/(2n) loss) {F(t.LambdaMax)} ({t.Method}), R = {F(t.Radius)}; " +
                $"slack {F(t.Slack)}{(t.Holds ? ", holds" : ", VIOLATED")}"));
            table.AddRow("share of neurons with 0 < r_k < 1", F(a.ActiveShare), Markup.Escape($"median activation rate {F(a.MedianRate)}"));
        }
        else table.AddRow("paper B quantities", "n/a", Markup.Escape(b.Reason ?? ""));
        console.Write(table);
        if (r.Eigenvalues is not null)
            console.WriteLine(Markup.Escape($"eigenvalues ({(r.SpectrumMethod == SpectrumMethod.Dense ? "dense" : "Gram")}, ascending): "
                + string.Join(" ", r.Eigenvalues.Select(F))));
    }
}
