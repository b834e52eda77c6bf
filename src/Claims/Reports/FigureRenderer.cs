using System.Globalization;
using System.Text;
using Flatness.Claims.Model;

namespace Flatness.Claims.Reports;

/// <summary>Renders a <see cref="Figure"/> to SVG with ScottPlot (headless) and its data to CSV.</summary>
/// <remarks>Two renders of the same figure are byte-identical (fixed size, fixed palette order, no timestamps).</remarks>
public static partial class FigureRenderer
{
    /// <summary>Width of every figure in pixels.</summary>
    public const int Width = 720;

    /// <summary>Height of every figure in pixels.</summary>
    public const int Height = 440;

    private static readonly Lock s_lock = new();

    /// <summary>The figure as SVG text.</summary>
    public static string Svg(Figure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        // ScottPlot's renderer is not documented as thread-safe; figures are rendered one at a time.
        lock (s_lock)
        {
            var plot = new ScottPlot.Plot();
            foreach (var s in figure.Series)
            {
                var xs = s.X.ToArray();
                var ys = s.Y.ToArray();
                var scatter = plot.Add.Scatter(xs, ys);
                scatter.LegendText = s.Name;
                switch (s.Style)
                {
                    case SeriesStyle.Markers:
                        scatter.LineWidth = 0;
                        scatter.MarkerSize = 6;
                        break;
                    case SeriesStyle.Line:
                        scatter.MarkerSize = 0;
                        scatter.LineWidth = 2;
                        scatter.LinePattern = ScottPlot.LinePattern.Dashed;
                        break;
                    default:
                        scatter.MarkerSize = 5;
                        scatter.LineWidth = 1.5f;
                        break;
                }
            }
            foreach (var (label, y) in figure.HorizontalLines ?? [])
            {
                var line = plot.Add.HorizontalLine(y);
                line.LegendText = label;
                line.LinePattern = ScottPlot.LinePattern.Dotted;
            }
            foreach (var (label, x) in figure.VerticalLines ?? [])
            {
                var line = plot.Add.VerticalLine(x);
                line.LegendText = label;
                line.LinePattern = ScottPlot.LinePattern.Dotted;
            }
            plot.Title(figure.Title);
            plot.XLabel(figure.XLabel);
            plot.YLabel(figure.YLabel);
            plot.ShowLegend(ScottPlot.Edge.Bottom);
            return NormaliseIds(plot.GetSvgXml(Width, Height).Replace("\r\n", "\n", StringComparison.Ordinal));
        }
    }

    /// <summary>Renumbers the clip-path ids (Skia's SVG canvas draws them from a process-wide counter) in order of
    /// appearance, so the same figure gives the same bytes in every run.</summary>
    internal static string NormaliseIds(string svg)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        return ClipId().Replace(svg, m =>
        {
            if (!map.TryGetValue(m.Value, out var id))
            {
                id = "clip" + map.Count.ToString(CultureInfo.InvariantCulture);
                map[m.Value] = id;
            }
            return id;
        });
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\bcl_[0-9a-f]+\b")]
    private static partial System.Text.RegularExpressions.Regex ClipId();

    /// <summary>The figure's data in long format: series,x,y (numbers to 10 significant digits), plus reference lines.</summary>
    public static string Csv(Figure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var sb = new StringBuilder("series,x,y\n");
        foreach (var s in figure.Series)
            for (int i = 0; i < s.X.Count; i++)
                sb.Append(Quote(s.Name)).Append(',').Append(N(s.X[i])).Append(',').Append(N(s.Y[i])).Append('\n');
        foreach (var (label, y) in figure.HorizontalLines ?? [])
            sb.Append(Quote("reference: " + label)).Append(",,").Append(N(y)).Append('\n');
        foreach (var (label, x) in figure.VerticalLines ?? [])
            sb.Append(Quote("reference: " + label)).Append(',').Append(N(x)).Append(",\n");
        return sb.ToString();
    }

    private static string N(double v) => Numbers.Format(v, 10);

    private static string Quote(string s) =>
        s.Contains(',', StringComparison.Ordinal) || s.Contains('"', StringComparison.Ordinal)
            ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
