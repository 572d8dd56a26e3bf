// Note 4's reports: the experiments' result values as tables, terminal charts and character images.
import Foundation
import EqualizedLearningRate
import Metrics
import MinibatchStdDev
import Plots

enum Note4Reports {
    static func minibatchStdDev(_ r: MinibatchStdDevExperiment.Result, report: ReportStyle) -> Report {
        let s = r.settings
        let seeds = Array(Set(r.runs.map(\.seed))).sorted()
        var lines = ["Minibatch stddev in D: \(r.objective) on \(s.datasets.joined(separator: ", ")), "
                     + "\(seeds.count) seed\(seeds.count == 1 ? "" : "s") each (\(seeds.first ?? 0) to \(seeds.last ?? 0)), "
                     + "\(s.steps) updates, batch \(s.batchSize), \(s.depth) x \(s.width) ReLU MLPs, group size \(s.groupSize), "
                     + "\(s.initialization) initialisation, \(s.evaluationSamples) samples scored. "
                     + "Mean ± standard error over seeds; p: two-sided permutation test of the difference in means.", ""]
        lines.append(table(["data", "measure", "without", "with", "difference", "p"], minibatchStdDevRows(r.comparisons)))
        lines.append("")
        lines.append("Runs with the same seed start from the same generator; only D differs. A mode is covered "
                     + "when a sample lands within 3 standard deviations of it; reverse KL is KL(q || p) of the "
                     + "mode histogram of those samples (0: every mode equally often; lower is more varied); W1 is the exact "
                     + "Wasserstein-1 distance between the generated and as many real samples.")
        for run in r.runs where run.failure != nil {
            lines.append("\(run.dataset) seed \(run.seed)\(run.withStdDev ? " with the layer" : ""): \(run.failure!)")
        }
        lines.append("")
        lines.append("Departures from ProGAN:")
        lines += r.departures.map { "  - " + $0 }
        let charts = s.datasets.map { dataset in
            LineChart(series: [false, true].map { with in
                LineSeries(name: with ? "MLP + minibatch stddev" : "MLP",
                           points: r.runs.filter { $0.dataset == dataset && $0.withStdDev == with }
                               .map { PlotPoint(x: Double($0.seed), y: Double($0.modesCovered ?? 0)) }, glyph: with ? "o" : "*")
            }, title: "\(dataset): modes covered by seed", xName: "seed", yName: "modes covered",
               width: report.figureWidth(preferred: 56), height: 8)
        }
        lines.append("")
        lines.append(charts.map { $0.render(style: report.terminal) }.joined(separator: "\n\n"))
        return Report(text: lines.joined(separator: "\n"), figures: charts, title: "minibatch stddev, \(r.objective)")
    }

    /// Three rows per dataset: modes, high-quality share (in %) and reverse KL, each as
    /// `mean ± SE` without and with the layer, the difference and its p-value.
    static func minibatchStdDevRows(_ comparisons: [MinibatchStdDevExperiment.Comparison]) -> [[String]] {
        func row(_ data: String, _ name: String, _ c: SeedComparison?, scale: Double, digits: Int) -> [String]? {
            guard let c else { return nil }   // W1 is absent when every run failed
            return [data, name] + c.cells(scale: scale, digits: digits)
        }
        return comparisons.flatMap { c in
            [row(c.dataset, "modes covered", c.modes, scale: 1, digits: 2),
             row("", "high-quality %", c.highQualityShare, scale: 100, digits: 1),
             row("", "reverse KL", c.reverseKL, scale: 1, digits: 3),
             row("", "W1 to the data", c.w1, scale: 1, digits: 3)].compactMap { $0 }
        }
    }

    static func equalizedLearningRate(_ r: EqualizedLearningRateExperiment.Result, report: ReportStyle) -> Report {
        let style = report.terminal
        let s = r.settings
        let ordinary = r.variants.first { !$0.equalized }!, equalized = r.variants.first { $0.equalized }!
        var out = """
            Equalized learning rate: Adam (lr \(s.learningRate), betas \(s.beta1), \(s.beta2)), \(s.steps) steps of batch \(s.batchSize), \
            network \(s.widths.map(String.init).joined(separator: " -> ")), fitting sin(2 x1) + 0.5 cos(3 x2).
            Both variants start as the same function (largest output difference \(sci(r.initialOutputDifference))).

            Mean relative update of each layer's effective weight per step, ||c W(t+1) - c W(t)|| / ||c W(t)||:

            """
        var rows: [[String]] = []
        for l in ordinary.layers.indices {
            let o = ordinary.layers[l], e = equalized.layers[l]
            rows.append(["\(l + 1)", "\(o.fanIn)", sci(o.meanRelativeUpdate), sci(e.meanRelativeUpdate),
                         String(format: "%.2f", o.storedWeightRMS), String(format: "%.2f", e.storedWeightRMS)])
        }
        rows.append(["", "spread", String(format: "%.1fx", ordinary.spread), String(format: "%.1fx", equalized.spread), "", ""])
        out += table(["layer", "fan-in", "ordinary", "equalized", "RMS of stored W (ord.)", "(eq.)"], rows)
        out += "\n\nspread: the largest layer's mean relative update over the smallest's (1x is equal speed).\n"
        out += "final mean squared error: ordinary \(sci(ordinary.losses.last ?? .nan)), equalized \(sci(equalized.losses.last ?? .nan))\n"
        let all = (ordinary.layers + equalized.layers).flatMap(\.relativeUpdates).filter { $0 > 0 && $0.isFinite }
        let range = AxisRange((all.min() ?? 1e-4) / 1.5, (all.max() ?? 1e-2) * 1.5)
        func chart(_ v: EqualizedLearningRateExperiment.Variant, _ title: String) -> LineChart {
            LineChart(series: v.layers.map { layer in
                LineSeries(name: "fan-in \(layer.fanIn)", points: zip(r.windowEnds, layer.relativeUpdates).map { PlotPoint(x: Double($0), y: $1) })
            }, title: title, xName: "Adam step", yName: "relative update", width: report.figureWidth(preferred: 56), height: 10,
               yScale: .log10(), yRange: range)
        }
        let charts = [chart(ordinary, "ordinary layers (He initialisation)"),
                      chart(equalized, "equalized layers (N(0,1), scaled by gain/sqrt(fan_in) at run time)")]
        out += "\n" + charts.map { $0.render(style: style) }.joined(separator: "\n\n")
        return Report(text: out, figures: charts, title: "equalized learning rate")
    }

    static func pixelNorm(_ r: PixelNormExperiment.Result, report: ReportStyle) -> Report {
        let s = r.settings
        let without = r.variants.first { !$0.pixelNorm }!, with = r.variants.first { $0.pixelNorm }!
        var lines = ["Pixel norm: \(r.objective) on \(s.data), \(s.steps) steps, batch \(s.batchSize), G and D "
                     + "\(s.depth) x \(s.width) (equalized layers in G), Adam lr \(s.learningRate), betas \(s.beta1), \(s.beta2).",
                     "Root-mean-square of each hidden activation of G (after leaky ReLU, before pixel norm) on a fixed "
                     + "noise batch, seed \(without.seed):", ""]
        lines.append(pixelNormTrace(without, with))
        lines.append("")
        lines.append("peak hidden RMS: without pixel norm \(String(format: "%.3g", without.peakRMS)), with \(String(format: "%.3g", with.peakRMS))")
        let seeds = r.variants.map(\.seed)
        lines.append("")
        lines.append("Over \(r.escalation.a.count) seed\(r.escalation.a.count == 1 ? "" : "s") (\(seeds.min() ?? 0) to \(seeds.max() ?? 0)): "
                     + "mean ± standard error; p: two-sided permutation test of the difference in means. "
                     + "Growth is the deepest layer's final RMS over its RMS before training.")
        lines.append("")
        func row(_ name: String, _ c: SeedComparison?, scale: Double, digits: Int) -> [String]? {
            guard let c else { return nil }
            return [name] + c.cells(scale: scale, digits: digits)
        }
        lines.append(table(["", "without PN", "with PN", "difference", "p"], [
            row("h\(s.depth) RMS growth", r.escalation, scale: 1, digits: 2),
            row("modes covered", r.modes, scale: 1, digits: 2),
            row("high-quality %", r.highQualityShare, scale: 100, digits: 1),
        ].compactMap { $0 }))
        for v in r.variants where v.failure != nil {
            lines.append("seed \(v.seed)\(v.pixelNorm ? " with pixel norm" : ""): \(v.failure!)")
        }
        lines.append("")
        lines.append("Departures from ProGAN:")
        lines += s.departures.map { "  - " + $0 }
        func mean(_ xs: [Double]) -> Double { xs.isEmpty ? 0 : xs.reduce(0, +) / Double(xs.count) }
        let chart = LineChart(series: [
            LineSeries(name: "without pixel norm", points: zip(without.steps, without.rms).map { PlotPoint(x: Double($0), y: mean($1)) }),
            LineSeries(name: "with pixel norm", points: zip(with.steps, with.rms).map { PlotPoint(x: Double($0), y: mean($1)) }),
        ], title: "mean hidden RMS of G, seed \(without.seed)", xName: "generator step", yName: "RMS",
           width: report.figureWidth(preferred: 56), height: 10, yScale: .log10())
        lines.append("")
        lines.append(chart.render(style: report.terminal))
        return Report(text: lines.joined(separator: "\n"), figures: [chart], title: "pixel norm, \(r.objective) on \(s.data)")
    }

    /// The hidden RMS of both variants of one seed at five points of the run.
    static func pixelNormTrace(_ without: PixelNormExperiment.Variant, _ with: PixelNormExperiment.Variant) -> String {
        let depth = (without.rms.first ?? []).count, n = without.steps.count
        let picks = Array(Set([0, n / 4, n / 2, 3 * n / 4, n - 1])).filter { $0 >= 0 && $0 < n }.sorted()
        let rows = picks.map { k in
            ["\(without.steps[k])"] + (0..<depth).map { String(format: "%.3g", without.rms[k][$0]) }
                + (0..<depth).map { k < with.rms.count ? String(format: "%.3g", with.rms[k][$0]) : "-" }
        }
        return table(["step"] + (0..<depth).map { "h\($0 + 1)" } + (0..<depth).map { "h\($0 + 1) (PN)" }, rows)
    }

    static func progressive(_ r: ProgressiveExperiment.Result, report: ReportStyle) -> Report {
        let s = r.settings, a = s.gan.architecture
        let kinds = s.gan.kinds.map(\.rawValue).joined(separator: ", ")
        let full = r.reals.last?.first?.count ?? 0
        var out = """
            Progressive growing on synthetic \(kinds) images: \
            \(r.phases.count) phases of \(s.stepsPerPhase) steps, batch \(s.gan.batchSize), channels \(a.channels.map(String.init).joined(separator: "/")), \
            G \(r.parameterCounts["generator"] ?? 0) and D \(r.parameterCounts["discriminator"] ?? 0) parameters, \
            equalized lr \(a.equalized ? "on" : "off"), pixel norm \(a.pixelNorm ? "on" : "off"), minibatch stddev group \(a.stddevGroupSize)

            Three real images at \(full)x\(full), and the first of them average-pooled to each stage's size:

            """
        if let last = r.reals.last { out += CharacterImage.row(last) + "\n\n" }
        out += CharacterImage.row(r.reals.compactMap(\.first), captions: r.reals.map { "\($0.first?.count ?? 0)x\($0.first?.count ?? 0)" }) + "\n"
        out += "\nThe generator's images of three fixed latent vectors as it grows. sliced W1 compares \(s.metricSamples) generated "
        out += "with \(s.metricSamples) real images at the same stage; the floor is two real batches against each other.\n"
        for snap in r.snapshots {
            let stage = snap.stage.isFading ? String(format: "%dx%d, alpha %.2f", snap.stage.resolution, snap.stage.resolution, snap.stage.alpha)
                                            : "\(snap.stage.resolution)x\(snap.stage.resolution)"
            out += "\n\(snap.label) (\(stage), step \(snap.step)): sliced W1 \(String(format: "%.3f", snap.slicedW1)) "
            out += "(floor \(String(format: "%.3f", snap.realFloor)))\n"
            out += CharacterImage.row(snap.images) + "\n"
        }
        let rows = r.phases.map { p in
            [p.phase == .fade ? "fade in \(p.resolution)x\(p.resolution)" : "train \(p.resolution)x\(p.resolution)", "\(p.steps)",
             String(format: "%.2f", p.seconds), String(format: "%.3f", p.meanDiscriminatorLoss), String(format: "%.3f", p.meanGeneratorLoss)]
        }
        out += "\n" + table(["phase", "steps", "seconds", "mean D loss", "mean G loss"], rows)
        out += String(format: "\n\ntotal %.1f s", r.totalSeconds)
        let last = r.snapshots.last
        let figures = (r.reals.last ?? []).prefix(3).enumerated().map { image("real \($0.offset + 1)", $0.element) }
            + (last?.images ?? []).enumerated().map { image("generated \($0.offset + 1), \(last?.label ?? "")", $0.element) }
        return Report(text: out, figures: figures, title: "progressive growing", columns: 3)
    }

    /// A grey-scale image (rows of values in about [-1, 1], row 0 at the top) as a heat map.
    static func image(_ title: String, _ pixels: [[Double]]) -> HeatMap {
        let rows = pixels.count, columns = pixels.first?.count ?? 0
        let grid = ScalarGrid(xRange: AxisRange(0, Double(max(columns, 1))), yRange: AxisRange(0, Double(max(rows, 1))),
                              columns: max(columns, 1), rows: max(rows, 1), values: pixels.flatMap { $0 })
        return HeatMap(grid: grid, title: title, xName: "pixel column", yName: "pixel row", colorRamp: .grays,
                       valueRange: AxisRange(-1, 1))
    }

    /// `1.23e-04`
    static func sci(_ x: Double) -> String { x == 0 ? "0" : String(format: "%.2e", x) }
}
