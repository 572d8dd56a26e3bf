import Foundation
import LossZoo
import Metrics
import NeuralNet
import Plots
import Training

extension ExperimentCatalogue {
    /// `gan-notes experiment packing`: PacGAN against the GAN on the same seeds, with the
    /// difference in modes and in sample quality and its permutation p-value.
    static let packingEntry = Experiment(
        name: "packing", note: 5,
        summary: "PacGAN4 against the GAN on the same seeds: modes and high-quality share, with permutation p-values",
        options: [
            .option("data", .choice(["ring8", "grid25", "8gaussians", "25gaussians"], noun: "dataset"), default: "grid25",
                    help: "the toy mixture"),
            .option("init", .initialization, help: "the initialisation of both arms: he (default), pytorch, xavier or normal:SD"),
            .flag("full-packs", help: "give PacGAN's discriminator as many packs as the GAN's sees samples (the paper's; default: the same samples)"),
            .option("width", .integer(in: 1...1024), help: "hidden units per layer of every network (default 128; --quick 32)"),
            .option("batch", .integer(in: 8...4096), help: "samples per batch (default 256; PacGAN4 packs them in fours)"),
        ],
        budget: .init(steps: .init(2000, quick: 60), stepsMeaning: "generator updates per run",
                      seeds: .init(8, quick: 2), jobs: true)
    ) { run in
        let initialization = run.arguments.optionalString("init").flatMap(Initialization.init(name:)) ?? .he()
        var settings = SeedDemonstrationSettings(
            data: run.arguments.string("data"),
            baseline: DemonstrationArm(label: "GAN", objective: "gan", initialization: initialization),
            treatment: DemonstrationArm(label: "PacGAN4", objective: "pacgan", initialization: initialization,
                                        fullPacks: run.arguments.flag("full-packs")),
            seeds: run.seeds, steps: run.steps, jobs: run.jobs)
        if run.quick { settings.width = 32; settings.evaluationSamples = 500 }
        run.apply("width", to: &settings.width)
        run.apply("batch", to: &settings.batchSize)
        let result = try runSeedDemonstration(settings, makeObjective: { ObjectiveCatalogue.make($0) }, progress: run.progress)
        return try packingReport(result, report: run.style).output(result)
    }

    static func packingReport(_ r: SeedDemonstration, report: ReportStyle) -> Report {
        let s = r.settings
        func row(_ name: String, _ c: SeedComparison, scale: Double, digits: Int) -> [String] {
            [name] + c.cells(scale: scale, digits: digits)
        }
        var lines = ["\(s.treatment.label) against \(s.baseline.label) on \(s.data): \(s.seeds.count) seeds each "
                     + "(\(s.seeds.first ?? 0) to \(s.seeds.last ?? 0)), \(s.steps) updates, batch \(s.batchSize), "
                     + "\(s.depth)x\(s.width) ReLU, \(s.baseline.initialization) initialisation"
                     + (s.treatment.fullPacks ? ", full packs (\(s.treatment.label) draws \(4 * s.batchSize) samples, "
                        + "\(s.batchSize) packs of 4)" : ", the same samples for both (\(s.batchSize / 4) packs of 4)")
                     + ". Mean ± standard error over seeds;",
                     "p: two-sided permutation test of the difference in means over the seeds.", ""]
        lines.append(table(["", s.baseline.label, s.treatment.label, "difference", "p"], [
            row("modes covered", r.modes, scale: 1, digits: 2),
            row("high-quality %", r.highQualityShare, scale: 100, digits: 1),
        ]))
        lines.append("")
        lines.append("Departures from PacGAN's Table 1 protocol (gan-notes reproduce pacgan runs it):")
        lines += r.departures.map { "  - " + $0 }
        let chart = LineChart(series: [
            LineSeries(name: s.baseline.label, points: zip(s.seeds, r.baseline).map { PlotPoint(x: Double($0), y: Double($1.modesCovered ?? 0)) }, glyph: "*"),
            LineSeries(name: s.treatment.label, points: zip(s.seeds, r.treatment).map { PlotPoint(x: Double($0), y: Double($1.modesCovered ?? 0)) }, glyph: "o"),
        ], title: "modes covered by seed", xName: "seed", yName: "modes", width: report.figureWidth(preferred: 56), height: 8)
        lines.append("")
        lines.append(chart.render(style: report.terminal))
        return Report(text: lines.joined(separator: "\n"), figures: [chart], title: "packing on \(s.data)")
    }
}
