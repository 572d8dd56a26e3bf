// How note 1's experiments look on a terminal and in SVG. Only formatting: the numbers come from
// the result values of the JSDivergence module.
import Foundation
import Autodiff
import JSDivergence
import Metrics
import NeuralNet
import Plots
import ToyData
import Training

enum Note1Reports {
    typealias Output = Report

    // MARK: optimal-discriminator

    static func optimalDiscriminator(_ r: OptimalDiscriminatorExperiment.Result, report: ReportStyle) -> Output {
        let s = r.settings
        let densities = LineChart(series: [
            LineSeries(name: "p_data", points: [PlotPoint](x: r.x, y: r.dataDensity), glyph: "."),
            LineSeries(name: "p_g", points: [PlotPoint](x: r.x, y: r.generatorDensity), glyph: ":"),
        ], title: "the two fixed densities", xName: "x", yName: "density", width: report.figureWidth(preferred: 64), height: 8)
        let discriminators = LineChart(series: [
            LineSeries(name: "D* = p_data / (p_data + p_g)", points: [PlotPoint](x: r.x, y: r.optimal), glyph: "o"),
            LineSeries(name: "trained D", points: [PlotPoint](x: r.x, y: r.learned), glyph: "*"),
        ], title: "trained D against the optimal D*", xName: "x", yName: "D(x)", width: report.figureWidth(preferred: 64), height: 14,
           yRange: AxisRange(0, 1))
        let loss = LineChart(series: [
            LineSeries(name: "D loss (window mean)", points: zip(r.lossSteps, r.loss).map { PlotPoint(x: Double($0), y: $1) }),
        ], title: "discriminator loss", yName: "loss", width: report.figureWidth(preferred: 64), height: 8)
        let style = report.terminal
        var lines = [
            "Learned D against D*(x) = p_data(x) / (p_data(x) + p_g(x))",
            "  data       p_data = \(describe(r.data))",
            "  generator  p_g    = \(describe(r.generator))  (fixed)",
            "  D: MLP 1-\(Array(repeating: String(s.width), count: s.depth).joined(separator: "-"))-1 tanh, "
                + "\(s.steps) Adam steps on fresh batches of \(s.batchSize) + \(s.batchSize), "
                + "lr \(short(s.learningRate)) decaying to \(short(s.learningRate * s.finalLearningRateFraction)), seed \(r.seed)",
            "",
            densities.render(style: style),
            "",
            discriminators.render(style: style),
            "",
            loss.render(style: style),
            "",
            String(format: "max |D - D*|            %.4f at x = %.2f  (over the grid where (p_data + p_g)/2 >= %@)",
                   r.maxError, r.maxErrorAt, short(s.massThreshold)),
            String(format: "mean |D - D*|           %.4f  (weighted by (p_data + p_g)/2, by quadrature)", r.meanError),
            String(format: "JS(p_data, p_g)         %.6f nats  (quadrature error ~%.0e)", r.js.value, r.js.errorEstimate),
            String(format: "V(D*, G) = 2 JS - log 4 %.6f", r.optimalValue.value),
            String(format: "V(D, G), trained D      %.6f  (%@ V(D*, G) by %.2e)", r.learnedValue.value,
                   r.learnedValue.value <= r.optimalValue.value ? "below" : "ABOVE",
                   Swift.abs(r.optimalValue.value - r.learnedValue.value)),
        ]
        if r.learnedValue.value > r.optimalValue.value + r.optimalValue.errorEstimate + 1e-12 {
            lines.append("  (a discriminator above V(D*, G) contradicts Proposition 1: please report this)")
        }
        return Output(text: lines.joined(separator: "\n"),
                      figures: [densities, discriminators, loss], title: "optimal-discriminator, seed \(r.seed)")
    }

    // MARK: js-vs-distance

    static func jsVersusDistance(_ r: JSVersusDistance.Result, report: ReportStyle) -> Output {
        let s = r.settings
        let log2 = Foundation.log(2.0)
        let distances = r.rows.map(\.distance)
        let js = LineChart(series: [
            LineSeries(name: "JS, quadrature", points: [PlotPoint](x: distances, y: r.rows.map(\.js)), glyph: "*"),
            LineSeries(name: "JS, histograms of \(s.samples) samples", points: r.rows.compactMap { row in
                row.histogramJS.map { PlotPoint(x: row.distance, y: $0) } }, glyph: "o"),
            LineSeries(name: "log 2", points: [PlotPoint(x: 0, y: log2), PlotPoint(x: s.maxDistance, y: log2)], glyph: "-"),
        ], title: "JS(N(0, s^2), N(t, s^2)) against the distance t", xName: "t", yName: "nats", width: report.figureWidth(preferred: 64), height: 12)
        let slopes = LineChart(series: [
            LineSeries(name: "dJS/dt", points: [PlotPoint](x: distances, y: r.rows.map(\.jsSlope)), glyph: "*"),
            LineSeries(name: "dW1/dt = 1", points: [PlotPoint](x: distances, y: distances.map { _ in 1 }), glyph: "-"),
        ], title: "how much each distance still says about which way to move", xName: "t", yName: "slope",
           width: report.figureWidth(preferred: 64), height: 10)
        let atOptimum = LineChart(series: [
            LineSeries(name: "minimax", points: [PlotPoint](x: distances, y: r.rows.map(\.minimaxGradientAtOptimum)), glyph: "*"),
            LineSeries(name: "non-saturating", points: [PlotPoint](x: distances, y: r.rows.map(\.nonSaturatingGradientAtOptimum)),
                       glyph: "o"),
        ], title: "the generator's gradient against D*, G(z) = theta + s z", xName: "t", yName: "|dL_G/dtheta|",
           width: report.figureWidth(preferred: 64), height: 10, yScale: .log10(floor: 1e-12))
        let style = report.terminal
        let every = Swift.max(1, r.rows.count / 8)
        let shown = r.rows.enumerated().filter { $0.offset % every == 0 || $0.offset == r.rows.count - 1 }.map(\.element)
        func tableRows(_ rows: [JSVersusDistance.Row]) -> [[String]] {
            rows.map { row in
                [short(row.distance), String(format: "%.6f", row.js), String(format: "%.2e", row.jsSlope),
                 short(row.kl), short(row.klClosedForm), short(row.w1), row.histogramJS.map { String(format: "%.4f", $0) } ?? "-",
                 String(format: "%.2e", row.minimaxGradientAtOptimum), String(format: "%.3g", row.nonSaturatingGradientAtOptimum)]
            }
        }
        let header = ["t", "JS", "dJS/dt", "KL", "t^2/2s^2", "W1", "JS hist.", "grad mm at D*", "grad ns at D*"]
        let worstKL = (r.rows + r.farRows).map { Swift.abs($0.kl - $0.klClosedForm) / Swift.max(1, $0.klClosedForm) }.max() ?? 0
        let text = [
            "JS divergence between p = N(0, \(short(s.std))^2) and q = N(t, \(short(s.std))^2), the data and a moved copy",
            "",
            js.render(style: style),
            "",
            slopes.render(style: style),
            "",
            atOptimum.render(style: style),
            "",
            table(header, tableRows(shown)),
            "",
            "Far apart (numerically disjoint supports):",
            table(header, tableRows(r.farRows)),
            "",
            String(format: "log 2 = %.6f. KL by quadrature matches t^2 / (2 s^2) to %.1e (relative).", log2, worstKL),
            "JS stops at log 2 with slope 0 once the bumps part; W1 = t keeps slope 1 at every distance.",
            "Against D*, the minimax gradient is |t|/s^2 E_q[D*] (values below 1e-12 drawn at the floor); the non-saturating one |t|/s^2 (1 - E_q[D*]).",
        ].joined(separator: "\n")
        return Output(text: text, figures: [js, slopes, atOptimum], title: "js-vs-distance")
    }

    // MARK: vanishing-gradients

    static func vanishingGradients(_ r: VanishingGradients.Result, report: ReportStyle) -> Output {
        let s = r.settings
        let steps = r.steps.map(Double.init)
        let chart = LineChart(series: [
            LineSeries(name: "minimax  log(1 - D(G(z)))", points: [PlotPoint](x: steps, y: r.minimax), glyph: "*"),
            LineSeries(name: "non-saturating  -log D(G(z))", points: [PlotPoint](x: steps, y: r.nonSaturating), glyph: "o"),
        ], title: "||grad_theta L_G|| while D trains against a fixed G", xName: "discriminator step",
           yName: "gradient norm", width: report.figureWidth(preferred: 64), height: 16, yScale: .log10())
        let dFake = LineChart(series: [
            LineSeries(name: "mean D(G(z))", points: [PlotPoint](x: steps, y: r.dFake), glyph: "+"),
        ], title: "the discriminator rejects the fakes", xName: "discriminator step", yName: "D(G(z))",
           width: report.figureWidth(preferred: 64), height: 8, yScale: .log10())
        var marks: [Int] = [0]
        var m = 1
        while m <= s.steps { marks.append(m); marks.append(3 * m); m *= 10 }
        marks = marks.filter { $0 <= s.steps }
        if marks.last != s.steps { marks.append(s.steps) }
        let rows = marks.map { i in
            [String(i), String(format: "%.3e", r.minimax[i]), String(format: "%.3e", r.nonSaturating[i]),
             String(format: "%.2e", r.dFake[i])]
        }
        let style = report.terminal
        let centre = s.generatorCentre.map(short).joined(separator: ", ")
        let text = [
            "Vanishing gradients (after Arjovsky and Bottou 2017): a fixed generator centred at (\(centre)), "
                + String(format: "%.2f", r.meanDistanceToData) + " from \(s.data) on average;",
            "D: MLP 2-\(Array(repeating: String(s.width), count: s.depth).joined(separator: "-"))-1 \(s.activation.name), "
                + describe(s.optimizer) + ", batches of \(s.batchSize); "
                + "gradients on a fixed batch of \(s.gradientBatchSize) noise vectors; seed \(r.seed)",
            "",
            vanishingSetup(r),
            "",
            chart.render(style: style),
            "",
            dFake.render(style: style),
            "",
            table(["D step", "minimax", "non-saturating", "D(G(z))"], rows),
            "",
            String(format: "The minimax gradient fell %.3g-fold; the non-saturating one changed by a factor of %.3g "
                   + "(between %.3g and %.3g times its start during the run).",
                   r.minimaxFall, r.nonSaturatingChange, r.nonSaturatingRange[0], r.nonSaturatingRange[1]),
            r.hundredfoldFallStep.map { "The minimax gradient was down a hundredfold after \($0) discriminator steps." }
                ?? "The minimax gradient did not fall a hundredfold within the run.",
            "grad log(1 - sigmoid(l)) = -sigmoid(l) grad l vanishes as D(G(z)) -> 0; grad -log sigmoid(l) = -(1 - sigmoid(l)) grad l does not.",
        ].joined(separator: "\n") + (r.acrossSeeds.map { "\n\n" + vanishingSeeds($0) } ?? "")
        return Output(text: text, figures: [chart, dFake], title: "vanishing-gradients, seed \(r.seed)")
    }

    /// Where the generator sits and why, and how the run departs from the paper's.
    static func vanishingSetup(_ r: VanishingGradients.Result) -> String {
        let s = r.settings
        var scale = String(format: "%.1f times the data's standard deviation (its rms distance from its mean, %.2f)",
                           r.meanDistanceToData / r.dataSpread, r.dataSpread)
        if let sd = r.modeStd {
            scale += String(format: " and %.0f times its modes' sd (%g)", r.meanDistanceToData / sd, sd)
        }
        return [
            "Setup: G's samples are " + String(format: "%.2f", r.meanDistanceToData) + " units from the nearest data point on "
                + "average, \(scale). They are put there on purpose: the two supports are disjoint, the case of the "
                + "notes' argument (JS stuck at log 2), so a discriminator can separate them perfectly.",
            "Departures from Arjovsky and Bottou's Figure 2: 2-D toy data (\(s.data)), not images; a generator placed by "
                + "hand (its output bias moved to the centre, its last weights scaled by \(short(s.generatorSpread))), not a "
                + "DCGAN trained for 1, 10 or 25 epochs; D an MLP, not DCGAN's convolutional discriminator, started "
                + (s.undecidedStart ? "undecided (output bias shifted so D(G(z)) = 1/2), " : "from a random initialisation, ")
                + "not from scratch; \(s.steps) discriminator steps.",
        ].joined(separator: "\n")
    }

    /// The falls of every seed and their spread.
    static func vanishingSeeds(_ a: VanishingGradients.AcrossSeeds) -> String {
        let rows = a.seeds.indices.map { i in
            [String(a.seeds[i]), String(format: "%.3g", a.minimaxFall[i]),
             String(format: "%.3g (lowest %.3g)", a.nonSaturatingChange[i], a.nonSaturatingLowest[i]),
             a.hundredfoldFallStep[i].map(String.init) ?? "never", String(format: "%.2e", a.finalDFake[i])]
        }
        let m = a.log10MinimaxFall, n = a.log10NonSaturatingChange
        return [
            "Over \(a.seeds.count) seeds (\(a.seeds.first ?? 0) to \(a.seeds.last ?? 0); the charts above are the first):",
            table(["seed", "minimax fell", "non-sat. changed", "100x fall at step", "final D(G(z))"], rows),
            String(format: "log10 of the minimax fall: %.2f ± %.2f (mean ± SE); of the non-saturating change: %+.2f ± %.2f.",
                   m.mean, m.standardError, n.mean, n.standardError),
        ].joined(separator: "\n")
    }

    // MARK: optimizers and objectives-on-ring8

    static func optimizers(_ r: OptimizerComparison.Result, report: ReportStyle) -> Output {
        let s = r.settings
        let arch = s.architecture == .toy ? "ReLU MLPs, 2-D noise"
            : "LeakyReLU MLPs, BatchNorm in G, 100-D noise (note 004's recipe)"
        let intro = "The same toy GAN (non-saturating loss) on \(s.data) with three optimizers: \(s.steps) steps, "
            + "batch \(s.batchSize), G and D \(s.depth)x\(s.width) \(arch); the same initial weights and batches; seed \(r.seed)"
        let settings = r.runs.map { "  " + $0.label + ": " + describe($0.config.generatorOptimizer) }
        return toyRuns(r.runs, intro: ([intro] + settings).joined(separator: "\n"),
                       title: "optimizers on \(s.data), seed \(r.seed)", report: report)
    }

    static func objectives(_ r: ObjectivesOnRing8.Result, report: ReportStyle) -> Output {
        let s = r.settings
        let intro = "gan (non-saturating) and minimax-gan on ring8: \(s.steps) steps, batch \(s.batchSize), "
            + "G and D \(s.depth)x\(s.width) ReLU, \(describe(r.runs.first?.config.generatorOptimizer ?? .adam(1e-3, beta1: 0.5))); "
            + "the same initial weights and batches; seed \(r.seed)"
        return toyRuns(r.runs, intro: intro, title: "objectives on ring8, seed \(r.seed)", report: report)
    }

    /// Loss curves per run, the samples side by side and the metrics as a table.
    static func toyRuns(_ runs: [ToyRun], intro: String, title: String, report: ReportStyle) -> Output {
        let style = report.terminal
        let curves: [LineChart] = runs.map { run in
            let steps = run.steps.map(Double.init)
            var series = [LineSeries(name: "G loss", points: [PlotPoint](x: steps, y: run.generatorLoss), glyph: "*")]
            if let real = run.figures["d_loss_real"], let fake = run.figures["d_loss_fake"] {
                series.append(LineSeries(name: "D loss on real", points: [PlotPoint](x: steps, y: real), glyph: "o"))
                series.append(LineSeries(name: "D loss on fake", points: [PlotPoint](x: steps, y: fake), glyph: "+"))
            } else {
                series.append(LineSeries(name: "D loss", points: [PlotPoint](x: steps, y: run.discriminatorLoss), glyph: "o"))
            }
            return LineChart(series: series, title: "\(run.label): losses (window means)", yName: "loss", width: report.figureWidth(preferred: 64), height: 8)
        }
        let real = realPoints(for: runs.first?.config.data ?? "ring8", count: 300)
        let scatters: [ScatterPlot] = runs.map { run in
            ScatterPlot(real: real, generated: run.samples.map { PlotPoint(x: $0[0], y: $0.count > 1 ? $0[1] : 0) },
                        title: run.label, width: 22, height: 10, equalAspect: true)
        }
        var rows: [[String]] = []
        for run in runs {
            let m = run.final
            let modes = m.modesCovered.map { "\($0)/\(m.modesTotal ?? 0)" } ?? "-"
            let hq = m.highQualityShare.map { String(format: "%.1f%%", $0 * 100) } ?? "-"
            let dReal = run.figures["d_real"]?.last.map { String(format: "%.2f", $0) } ?? "-"
            let dFake = run.figures["d_fake"]?.last.map { String(format: "%.2f", $0) } ?? "-"
            rows.append([run.label, modes, hq, String(format: "%.4f", m.w1), String(format: "%.2e", m.mmd), dReal, dFake]
                        + (runs.contains { $0.failure != nil } ? [run.failure.map { "stopped: " + $0 } ?? ""] : []))
        }
        var text = [intro, ""]
        for chart in curves { text += [chart.render(style: style), ""] }
        text += [FigureGrid(scatters).render(style: style, spacing: 3, maxWidth: report.columns), "",
                 "final metrics (. real, o generated above; D(x) and D(G(z)) are the last window's means):",
                 table(["run", "modes", "high-quality", "W1", "MMD", "D(x)", "D(G(z))"]
                       + (runs.contains { $0.failure != nil } ? ["note"] : []), rows)]
        let history = runs.filter { $0.metrics.count > 1 }
        if !history.isEmpty {
            text += ["", "modes covered during training (at steps \(history[0].metricSteps.map(String.init).joined(separator: ", "))):"]
            text += history.map { run in
                "  \(run.label): " + run.metrics.map { m in m.modesCovered.map { "\($0)/\(m.modesTotal ?? 0)" } ?? "-" }
                    .joined(separator: "  ")
            }
        }
        return Output(text: text.joined(separator: "\n"),
                      figures: curves + scatters, title: title, columns: runs.count)
    }

    // MARK: helpers


    /// `0.5 N(-2, 0.5^2) + 0.5 N(2, 0.5^2)`
    static func describe(_ modes: [Mode]) -> String {
        modes.map { m in
            let weight = modes.count > 1 ? short(m.weight) + " " : ""
            return weight + "N(\(m.mean.map(short).joined(separator: ", ")), \(short(m.std))^2)"
        }.joined(separator: " + ")
    }

    /// `adam lr 0.001 betas (0.9, 0.999)`
    static func describe(_ o: OptimizerConfig) -> String {
        switch o.kind {
        case .sgd: "sgd lr \(short(o.learningRate))" + (o.momentum > 0 ? " momentum \(short(o.momentum))" : ", no momentum")
        case .rmsprop: "rmsprop lr \(short(o.learningRate)) decay \(short(o.alpha))"
        case .adam: "adam lr \(short(o.learningRate)) betas (\(short(o.beta1)), \(short(o.beta2)))"
        }
    }

    /// A number in at most 4 significant digits, without trailing zeros: 0.001, 2.5, 1e+06.
    static func short(_ x: Double) -> String { String(format: "%.4g", x) }

    /// Points of a named toy data set for the scatters (seeded, so reports are reproducible).
    static func realPoints(for name: String, count: Int) -> [PlotPoint] {
        guard let data = try? ToyDatasets.named(name) else { return [] }
        var rng = SeededGenerator(seed: 0xDA7A)
        return data.sample(count: count, using: &rng).points.rows.map { PlotPoint(x: $0[0], y: $0.count > 1 ? $0[1] : 0) }
    }
}
