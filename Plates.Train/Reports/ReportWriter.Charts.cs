using System.Globalization;
using ScottPlot;

namespace Plates.Train.Reports;

/// <summary>The charts of a report: confusion.png (row-normalised heat map) and f1.png (per-class F1 with support).</summary>
public static partial class ReportWriter
{
    private const int CellPixels = 30;

    private static byte[] RenderConfusionPng(EvaluationReport report, ChartFont font)
    {
        int n = report.Labels.Count;
        using var plot = new Plot();

        // Colour shows the share of each true class that went to each prediction, so rare classes read as clearly
        // as common ones; the cell text keeps the raw count.
        var shares = new double[n, n];
        for (int truth = 0; truth < n; truth++)
        {
            int support = report.Confusion[truth].Sum();
            for (int predicted = 0; predicted < n; predicted++)
            {
                shares[truth, predicted] = support == 0 ? double.NaN : (double)report.Confusion[truth][predicted] / support;
            }
        }

        if (n > 0)
        {
            // Row 0 of the array is drawn at the top, centred on y = n - 1; column c is centred on x = c.
            var heatmap = plot.Add.Heatmap(shares);
            heatmap.Colormap = new ScottPlot.Colormaps.Reversed(new ScottPlot.Colormaps.Blues());
            heatmap.ManualRange = new ScottPlot.Range(0, 1);
            heatmap.NaNCellColor = Colors.LightGray;
            var colorBar = plot.Add.ColorBar(heatmap);
            colorBar.Label = "share of the true class";
            colorBar.LabelStyle.FontName = font.Text;
            colorBar.LabelStyle.FontSize = 14;
            colorBar.LabelStyle.Bold = false;
            colorBar.Axis.SetTicks([0, 0.25, 0.5, 0.75, 1], ["0 %", "25 %", "50 %", "75 %", "100 %"]);
            colorBar.Axis.TickLabelStyle.FontName = font.Text;

            float countFontSize = n <= 12 ? 14 : n <= 24 ? 11 : 9;
            for (int truth = 0; truth < n; truth++)
            {
                for (int predicted = 0; predicted < n; predicted++)
                {
                    int count = report.Confusion[truth][predicted];
                    if (count == 0)
                    {
                        continue;
                    }

                    var text = plot.Add.Text(count.ToString(CultureInfo.InvariantCulture), predicted, n - 1 - truth);
                    text.LabelStyle.Alignment = Alignment.MiddleCenter;
                    text.LabelStyle.FontSize = countFontSize;
                    text.LabelStyle.FontName = font.Text;
                    text.LabelStyle.ForeColor = shares[truth, predicted] > 0.55 ? Colors.White : Colors.Black;
                }
            }

            string[] tickLabels = Enumerable.Range(0, n).Select(font.AxisLabel(report.Labels)).ToArray();
            plot.Axes.Bottom.SetTicks(Enumerable.Range(0, n).Select(i => (double)i).ToArray(), tickLabels);
            plot.Axes.Left.SetTicks(Enumerable.Range(0, n).Select(i => (double)(n - 1 - i)).ToArray(), tickLabels);
            plot.Axes.SetLimits(-0.5, n - 0.5, -0.5, n - 0.5);
        }

        plot.HideGrid();
        string emptyRows = report.Confusion.Any(row => row.Sum() == 0) ? "; grey row = no samples" : "";
        plot.Title($"{report.Model} · {report.Split}: confusion ({report.Samples.ToString(CultureInfo.InvariantCulture)} samples, micro accuracy {Percent(report.MicroAccuracy)}{emptyRows})");
        plot.XLabel("predicted");
        plot.YLabel("truth");
        ApplyFonts(plot, font, plot.Axes.Bottom, plot.Axes.Left);
        plot.Axes.Bottom.TickLabelStyle.FontSize = plot.Axes.Left.TickLabelStyle.FontSize = n <= 24 ? 16 : 14;

        int side = Math.Max(n, 4) * CellPixels;
        return plot.GetImageBytes(side + 220, side + 170, ImageFormat.Png);
    }

    private static byte[] RenderF1Png(EvaluationReport report, ChartFont font)
    {
        int n = report.Classes.Count;
        using var plot = new Plot();

        // Worst class at the top: that is where the next round of data collection should go.
        var order = Enumerable.Range(0, n)
            .OrderBy(i => report.Classes[i].F1)
            .ThenBy(i => report.Classes[i].Support)
            .ThenBy(i => i)
            .ToArray();

        var bars = new List<Bar>(n);
        for (int rank = 0; rank < n; rank++)
        {
            var c = report.Classes[order[rank]];
            bars.Add(new Bar
            {
                Position = n - 1 - rank,
                Value = c.F1,
                FillColor = c.Support == 0 ? Colors.LightGray : Colors.SteelBlue,
                LineWidth = 0,
                // Support next to the score: an F1 of 1.00 on 2 samples says little.
                Label = $"{c.F1.ToString("0.00", CultureInfo.InvariantCulture)}  (n={c.Support.ToString(CultureInfo.InvariantCulture)})",
                Orientation = Orientation.Horizontal,
                Size = 0.75,
            });
        }

        if (n > 0)
        {
            var barPlot = plot.Add.Bars(bars);
            barPlot.Horizontal = true;
            barPlot.ValueLabelStyle.FontName = font.Text;
            barPlot.ValueLabelStyle.FontSize = 12;

            double macroF1 = report.Classes.Average(c => c.F1);
            plot.Add.VerticalLine(macroF1, 1.5f, Colors.DarkOrange, LinePattern.Dashed);

            var labelOf = font.AxisLabel(report.Labels);
            plot.Axes.Left.SetTicks(
                Enumerable.Range(0, n).Select(rank => (double)(n - 1 - rank)).ToArray(),
                order.Select(labelOf).ToArray());
            double[] f1Ticks = Enumerable.Range(0, 11).Select(i => i / 10.0).ToArray();
            plot.Axes.Bottom.SetTicks(f1Ticks, f1Ticks.Select(t => t.ToString("0.0", CultureInfo.InvariantCulture)).ToArray());
            plot.Axes.SetLimits(0, 1.2, -0.75, n - 0.25);
        }

        plot.HideGrid();
        string macro = n == 0 ? "" : $" (dashed: macro F1 {report.Classes.Average(c => c.F1).ToString("0.00", CultureInfo.InvariantCulture)})";
        plot.Title($"{report.Model} · {report.Split}: F1 per class, worst first{macro}");
        plot.XLabel("F1 (bar text: F1 and support n)");
        ApplyFonts(plot, font, plot.Axes.Left);
        plot.Axes.Left.TickLabelStyle.FontSize = 15;

        return plot.GetImageBytes(900, Math.Max(n, 4) * 26 + 150, ImageFormat.Png);
    }

    /// <summary>Plain text in the text font; the tick labels of the axes that list classes in the label font.</summary>
    /// <remarks>
    /// Not <c>plot.Font.Set</c>: it also overwrites the process-wide <see cref="Fonts.Default"/>, after which CJK
    /// glyphs stopped rendering in later plots of the same process (ScottPlot 5.1.59).
    /// </remarks>
    private static void ApplyFonts(Plot plot, ChartFont font, params IAxis[] labelAxes)
    {
        plot.Axes.Title.Label.FontName = font.Text;
        foreach (var axis in plot.Axes.GetAxes())
        {
            axis.Label.FontName = font.Text;
            axis.TickLabelStyle.FontName = labelAxes.Contains(axis) ? font.Labels : font.Text;
        }
    }

    /// <summary>
    /// The fonts the charts are drawn with. Province labels are Chinese characters, which Latin fonts lack, while CJK
    /// fallback fonts (Droid Sans Fallback) can lack Latin letters and digits: so class labels get a font of their own,
    /// and everything else (titles, counts, scores) a plain sans font. ScottPlot's own detection only knows a few font
    /// names, so the label font is the first installed font with every glyph of the labels, from ScottPlot's pick, a
    /// list of common CJK fonts, then every installed family. When there is none, axes show class indexes and
    /// metrics.md carries the legend.
    /// </summary>
    private sealed record ChartFont(string Text, string Labels, bool LabelsRender)
    {
        private static readonly string[] s_sansFonts = ["DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica"];

        private static readonly string[] s_cjkFonts =
        [
            "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
            "Droid Sans Fallback", "Microsoft YaHei", "SimHei", "PingFang SC", "Heiti SC", "Arial Unicode MS",
        ];

        public static ChartFont For(EvaluationReport report)
        {
            string text = s_sansFonts.FirstOrDefault(IsInstalled) ?? Fonts.Default;

            var codePoints = Fonts.GetStandaloneCodePoints(string.Concat(report.Labels));
            if (codePoints.Count == 0 || Fonts.CountMissingGlyphs(text, codePoints) == 0)
            {
                return new ChartFont(text, text, LabelsRender: true);
            }

            string? labels = new[] { Fonts.Detect(string.Concat(report.Labels)) }
                .Concat(s_cjkFonts)
                .Concat(SkiaSharp.SKFontManager.Default.GetFontFamilies().Order(StringComparer.Ordinal))
                .Where(name => !string.IsNullOrWhiteSpace(name))
                .FirstOrDefault(name => Fonts.CountMissingGlyphs(name, codePoints) == 0);
            return labels is null ? new ChartFont(text, text, LabelsRender: false) : new ChartFont(text, labels, LabelsRender: true);
        }

        public Func<int, string> AxisLabel(IReadOnlyList<string> labels) =>
            LabelsRender ? i => labels[i] : i => i.ToString(CultureInfo.InvariantCulture);

        // GetTypeface falls back to a default family for unknown names, so compare what came back.
        private static bool IsInstalled(string name) =>
            string.Equals(Fonts.GetTypeface(name, bold: false, italic: false)?.FamilyName, name, StringComparison.OrdinalIgnoreCase);
    }
}
