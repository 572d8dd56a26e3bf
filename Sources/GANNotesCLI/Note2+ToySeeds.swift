// `experiment toy-seeds`: WGAN-GP with the toy code's settings against the paper's, over seeds.
import Foundation
import Metrics
import NeuralNet
import Plots
import Training
import WassersteinBounds

extension ExperimentCatalogue {
    /// `gan-notes experiment toy-seeds`: does WGAN-GP learn gan_toy.py's three data sets, and
    /// which of its settings make the difference? Both arms on the same seeds, with p-values.
    static let toySeeds = Experiment(
        name: "toy-seeds", note: 2,
        summary: "WGAN-GP with the toy code's settings against the paper's on the same seeds: modes, quality, W1 and p-values",
        options: [
            .option("data", .choice(["8gaussians", "25gaussians", "swissroll", "ring8", "grid25"], noun: "dataset"),
                    help: "one data set instead of gan_toy.py's three"),
            .option("width", .integer(in: 1...4096), help: "hidden units per layer of both networks (default 64; --quick 16)"),
            .option("lr", .positiveNumber, help: "Adam's learning rate, both arms (default 1e-3; both papers: 1e-4)"),
            .option("batch", .integer(in: 2...4096), help: "batch of both arms (default 64, the paper's; the toy code's is 256)"),
            .option("init", .initialization, help: "initialisation of both networks: he (default), pytorch, xavier or normal:SD"),
        ],
        budget: .init(steps: .init(1000, quick: 30), stepsMeaning: "generator updates per run",
                      seeds: .init(4, quick: 2), jobs: true)
    ) { run in
        var settings = ToyDemonstrationSettings()
        settings.seeds = run.seeds; settings.steps = run.steps; settings.jobs = run.jobs
        if run.quick { settings.width = 16; settings.evaluationSamples = 300 }
        run.apply("width", to: &settings.width)
        run.apply("lr", to: &settings.learningRate)
        if let batch = run.arguments.optionalInt("batch") { settings.batchSize = batch }
        if let name = run.arguments.optionalString("data") { settings.datasets = [name] }
        if let name = run.arguments.optionalString("init"), let i = Initialization(name: name) { settings.initialization = i }
        let result = try toyDemonstration(settings, progress: run.progress)
        return try toySeedsReport(result, report: run.style).output(result)
    }

    static func toySeedsReport(_ r: ToyDemonstration, report: ReportStyle) -> Report {
        let s = r.settings, a = s.baseline, b = s.treatment
        func arm(_ x: WGANGPArm) -> String {
            "\(x.label): lambda \(Note2Format.number(x.penaltyWeight, "%g")), beta1 \(Note2Format.number(x.beta1, "%g"))"
                + (s.batchSize == nil ? ", batch \(x.batchSize)" : "")
        }
        var lines = ["WGAN-GP, \(arm(a)) (Algorithm 1), against \(arm(b)) (gan_toy.py);",
                     "both: " + (s.batchSize.map { "batch \($0), " } ?? "") + "5 critic steps, Adam lr \(Note2Format.number(s.learningRate, "%g")), beta2 0.9, "
                     + "\(s.depth)x\(s.width) ReLU, \(s.initialization) init, \(s.steps) generator steps, seeds "
                     + "\(s.seeds.first ?? 0) to \(s.seeds.last ?? 0).",
                     "Mean ± standard error over seeds; p: two-sided permutation test of the difference.",
                     "floor: W1 between two independent 512-point samples of the data.", ""]
        var figures: [any Figure] = []
        for d in r.datasets {
            lines.append(d.data + ", W1 floor " + Note2Format.number(d.floorW1.mean, "%.3f") + ":")
            lines.append(toySeedsTable(d, a: a.label, b: b.label))
            lines.append("")
            let chart = LineChart(series: [
                LineSeries(name: a.label, points: zip(s.seeds, d.baseline).map { PlotPoint(x: Double($0), y: $1.w1) }, glyph: "*"),
                LineSeries(name: b.label, points: zip(s.seeds, d.treatment).map { PlotPoint(x: Double($0), y: $1.w1) }, glyph: "o"),
                LineSeries(name: "floor", points: s.seeds.map { PlotPoint(x: Double($0), y: d.floorW1.mean) }, glyph: "."),
            ], title: "\(d.data): final W1 by seed", xName: "seed", yName: "W1", width: report.figureWidth(preferred: 56), height: 8)
            figures.append(chart)
        }
        if let chart = figures.first as? LineChart { lines.append(chart.render(style: report.terminal)); lines.append("") }
        lines.append("Departures from gan_toy.py (both arms):")
        lines += r.departures.map { "  - " + $0 }
        return Report(text: lines.joined(separator: "\n"), figures: figures, title: "toy-seeds", columns: 1)
    }

    /// Modes, high-quality share (mixtures only) and W1 of one data set, one row each.
    static func toySeedsTable(_ d: ToyDatasetComparison, a: String, b: String) -> String {
        func row(_ name: String, _ c: SeedComparison, scale: Double, digits: Int) -> [String] {
            [name] + c.cells(scale: scale, digits: digits, pDigits: 4)
        }
        var rows: [[String]] = []
        if let m = d.modes { rows.append(row("modes", m, scale: 1, digits: 2)) }
        if let h = d.highQualityShare { rows.append(row("high quality %", h, scale: 100, digits: 1)) }
        rows.append(row("W1", d.w1, scale: 1, digits: 3))
        return table(["", a, b, "difference", "p"], rows)
    }
}
