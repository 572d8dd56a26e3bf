// How note 2's experiment results read in a terminal: tables and plots, nothing computed here.
import Foundation
import Metrics
import Plots
import Training
import WassersteinBounds

enum Note2Format {
    /// `0.6931`, `inf`, `-`; four decimals.
    static func number(_ x: Double?, _ format: String = "%.4f") -> String {
        guard let x else { return "-" }
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        return String(format: format, x)
    }

    // MARK: parallel-lines

    static func parallelLines(_ r: ParallelLinesResult, report: ReportStyle) -> Report {
        var text = "P_0 = (0, Z) and P_theta = (theta, Z), Z ~ U[0, 1] (WGAN, Example 1): closed forms\n\n"
        text += table(["theta", "W1", "JS", "KL", "reverse KL", "TV", "dW1/dtheta", "dJS/dtheta"], r.rows.map { row in
            let e = row.exact
            return [number(e.theta, "%g"), number(e.w1), number(e.js), number(e.kl), number(e.reverseKL),
                    number(e.totalVariation, "%g"), number(e.w1Slope, "%g"), e.jsSlope.map { number($0, "%g") } ?? "jump"]
        })
        let thetas = r.rows.map(\.exact.theta)
        var series = [
            LineSeries(name: "W1 = |theta|", points: [PlotPoint](x: thetas, y: r.rows.map(\.exact.w1)), glyph: "*"),
            LineSeries(name: "JS (log 2 once apart)", points: [PlotPoint](x: thetas, y: r.rows.map(\.exact.js)), glyph: "o"),
        ]
        let learned = r.rows.compactMap { row in row.learned.map { (row.exact.theta, $0) } }
        if !learned.isEmpty {
            series.append(LineSeries(name: "critic estimate", points: learned.map { PlotPoint(x: $0.0, y: $0.1.criticEstimate) }, glyph: "+"))
        }
        let chart = LineChart(series: series, title: "distances between P_0 and P_theta", xName: "theta", yName: "distance",
                              width: report.figureWidth(preferred: 56), height: 10)
        text += "\n\n" + chart.render(style: report.terminal)
        guard r.criticSteps > 0 else { return Report(text: text, figures: [chart], title: "parallel-lines") }
        text += "\n\nTrained for \(r.criticSteps) steps on the two lines; estimates and generator gradients on \(r.sampleSize) points per line\n"
        text += "(critic: WGAN-GP, lambda 10; classifier: the original GAN's loss; slope = d(generator loss)/dtheta)\n\n"
        text += table(["theta", "exact W1 (sample)", "critic estimate", "critic slope", "JS estimate", "minimax slope"],
                      r.rows.compactMap { row in
            guard let l = row.learned else { return nil }
            return [number(row.exact.theta, "%g"), number(l.empiricalW1), number(l.criticEstimate), number(l.criticSlope),
                    number(l.jsEstimate), number(l.classifierSlope, "%.2e")]
        })
        text += "\n\nThe critic's slope keeps the sign of theta at every distance; the classifier's estimate sits at log 2 = 0.6931"
        text += "\nonce the lines are apart, and the gradient it hands the generator is close to 0."
        return Report(text: text, figures: [chart], title: "parallel-lines")
    }

    // MARK: loss-meter

    static func lossMeter(_ r: LossMeterSeedsResult, lambda: Double, report: ReportStyle) -> Report {
        let s = r.settings
        let nCritic = r.groups.first?.runs.first?.nCritic ?? 5
        var text = "WGAN-GP (lambda \(number(lambda, "%g")), \(nCritic) critic steps) and the original GAN (1 D step), "
        text += "\(s.steps) steps, seeds \(r.seeds.first ?? 0) to \(r.seeds.last ?? 0); a reading every \(s.readEvery) steps "
        text += "on \(s.sampleSize) points per side.\n"
        text += "estimate: E f(real) - E f(fake) for WGAN-GP, -L_D for the GAN; W1: the exact distance between the same points.\n"
        text += "rho: each seed's rank correlation of estimate and W1 over its run; mean ± SE over seeds;\n"
        text += "p: one-sided sign-flip test over the seeds that the mean is above 0 (the smallest "
        text += "\(r.seeds.count) seeds can give is \(number(1 / Foundation.pow(2, Double(r.seeds.count)), "%.4f"))).\n\n"
        func pm(_ t: SignFlipTest) -> String { number(t.summary.mean, "%+.2f") + " ± " + number(t.summary.standardError, "%.2f") }
        text += table(["objective", "data", "rho (run)", "p", "rho (after warm-up)", "p", "modes"], r.groups.map { g in
            let modes = g.runs.compactMap(\.modesCovered).map(Double.init)
            return [g.objective, g.data, pm(g.meter), number(g.meter.pValue, "%.3f"), pm(g.meterAfterWarmup),
                    number(g.meterAfterWarmup.pValue, "%.3f"),
                    modes.isEmpty ? "-" : number(modes.reduce(0, +) / Double(modes.count), "%.1f") + "/\(g.runs[0].modesTotal ?? 0)"]
        })
        text += "\n(after warm-up: the readings after the first \(Int(s.warmupFraction * 100))% of the steps)\n"
        let datasets = r.groups.map(\.data).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        for (data, c) in zip(datasets, r.comparisons) {
            text += "\(data): WGAN-GP's rho minus the GAN's \(number(c.difference, "%+.2f")), "
            text += "two-sided permutation p = \(number(c.pValue, "%.4f"))\n"
        }
        text += "\nDepartures from WGAN-GP's Algorithm 1:\n" + s.departures(penaltyWeight: lambda, nCritic: nCritic).map { "  - " + $0 }.joined(separator: "\n")
        let charts = r.groups.map { lossMeterChart($0, report: report) }
        for (g, chart) in zip(r.groups, charts) where g.objective != "gan" { text += "\n\n" + chart.render(style: report.terminal) }
        return Report(text: text, figures: charts, title: "loss-meter")
    }

    /// The first seed's readings of one group: the estimate and the exact W1 by step.
    static func lossMeterChart(_ g: LossMeterGroup, report: ReportStyle) -> LineChart {
        let run = g.runs[0]
        return LineChart(series: [
            LineSeries(name: run.objective == "gan" ? "-L_D" : "critic estimate",
                       points: run.readings.map { PlotPoint(x: Double($0.step), y: $0.estimate) }),
            LineSeries(name: "exact W1", points: run.readings.map { PlotPoint(x: Double($0.step), y: $0.w1) }),
        ], title: "\(run.objective) on \(run.data), first seed", yName: "value",
           width: report.figureWidth(preferred: 56), height: 8)
    }

    // MARK: clipping

    static func clipping(_ r: ClippingResult, report: ReportStyle) -> Report {
        let style = report.terminal
        var figures: [any Figure] = []
        let layers = r.profiles.first?.backwardSignalNorms.count ?? 0
        var text = "Deep critics (\(r.settings.deepCriticDepth) hidden layers of \(r.settings.deepCriticWidth) ReLU) on the swiss roll "
        text += "against the data plus N(0, I) noise, \(r.settings.depthSteps) updates each.\n"
        text += "log10 of the backward signal ||d gap / d h_l|| at each layer's output (1 = next to the input):\n\n"
        text += table(["method"] + (1...Swift.max(layers, 1)).map { "\($0)" } + ["per layer"], r.profiles.map { p in
            let s = p.backwardSignalNorms
            let ratio = s.count > 1 ? Foundation.pow(s[0] / s[s.count - 1], 1 / Double(s.count - 1)) : .nan
            return [p.method.description] + s.map { number(Foundation.log10($0), "%.1f") } + [number(ratio, "x%.2f")]
        })
        text += "\n(per layer: the geometric mean factor by which the signal grows from the output layer down to the input)\n\n"
        text += table(["method", "log10 ||dL/dW_l||, min to max over layers", "slope ||grad_x f||", "Lipschitz bound"], r.profiles.map { p in
            let logs = p.weightGradientNorms.map { Foundation.log10($0) }
            return [p.method.description, number(logs.min(), "%.1f") + " to " + number(logs.max(), "%.1f"),
                    number(p.inputSlope, "%.3g"), number(p.clippingBound ?? p.spectralBound, "%.3g")]
        })
        text += "\n(slope: mean at real and noisy points; bound: the clipping guarantee prod_l c sqrt(n_in n_out),"
        text += " or prod_l ||W_l||_2 for the penalty)\n\n"
        let chart = LineChart(series: r.profiles.map { p in
            LineSeries(name: p.method.description,
                       points: p.backwardSignalNorms.enumerated().map { PlotPoint(x: Double($0.offset + 1), y: $0.element) })
        }, title: "backward signal by layer (log scale)", xName: "layer (1 = input side)", yName: "||d gap/d h||",
           width: report.figureWidth(preferred: 56), height: 12, yScale: .log10())
        figures.append(chart)
        text += chart.render(style: style) + "\n"

        text += "\nValue surfaces of critics trained against the data plus N(0, I) noise (brighter = higher = more real):\n\n"
        let datasets = r.surfaces.map(\.data).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        for data in datasets {
            let panels: [any Figure] = r.surfaces.filter { $0.data == data }.map { s in
                HeatMap(grid: ScalarGrid(xRange: AxisRange(s.xMin, s.xMax), yRange: AxisRange(s.yMin, s.yMax),
                                         columns: s.columns, rows: s.rows, values: s.values),
                        title: "\(s.data), \(s.method)")
            }
            figures += panels
            text += FigureGrid(panels, columns: 2).render(style: style, spacing: 3, maxWidth: report.columns) + "\n\n"
        }
        text += table(["data", "method", "estimate", "exact W1", "estimate / max slope", "mean slope"], r.surfaces.map { s in
            [s.data, s.method.description, number(s.estimate), number(s.exactW1), number(s.normalizedEstimate), number(s.meanSlope, "%.3g")]
        })
        return Report(text: text, figures: figures, title: "clipping, seed \(r.seed)")
    }

    // MARK: toy-runs

    static func toyRuns(_ r: ToyRunsResult, report: ReportStyle) -> Report {
        var text = "\(r.settings.steps) generator steps each, networks \(r.settings.depth)x\(r.settings.width) ReLU"
        if let w = r.settings.toyWidth { text += " (wgan-gp-toy: \(r.settings.depth)x\(w))" }
        text += ", each objective with its paper's optimizer, n_critic and batch; seed \(r.seed).\n\n"
        text += table(["objective", "data", "optimizer", "n_critic", "batch", "modes", "high quality", "W1", "MMD", "seconds"],
                      r.runs.map { run in
            let m = run.final
            return [run.objective, run.data, describe(run.config.discriminatorOptimizer), "\(run.config.nCritic)",
                    "\(run.config.batchSize)", m.modesCovered.map { "\($0)/\(m.modesTotal ?? 0)" } ?? "-",
                    m.highQualityShare.map { number($0 * 100, "%.1f%%") } ?? "-", number(m.w1), number(m.mmd, "%.2e"),
                    number(run.seconds, "%.1f")]
        })
        let panels = r.runs.map { run in
            ScatterPlot(real: Note1Reports.realPoints(for: run.data, count: 300),
                        generated: run.samples.map { PlotPoint(x: $0[0], y: $0.count > 1 ? $0[1] : 0) },
                        title: "\(run.objective), \(run.data)", width: 22, height: 10, equalAspect: true)
        }
        text += "\n\n" + FigureGrid(panels).render(style: report.terminal, spacing: 3, maxWidth: report.columns)
        text += "\n(. real, o generated)"
        let objectives = Set(r.runs.map(\.objective)).count
        return Report(text: text, figures: panels, title: "toy-runs, seed \(r.seed)", columns: max(objectives, 1))
    }
}
