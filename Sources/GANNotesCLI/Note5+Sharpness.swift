import Foundation
import LossZoo
import Metrics
import Plots
import Training

extension ExperimentCatalogue {
    /// `gan-notes experiment sharpness`: one GAN per seed, scored at a tenth, a fifth, half and
    /// all of its updates, so the high-quality share of PacGAN's Table 1 can be seen to come with
    /// training length.
    static let sharpnessEntry = Experiment(
        name: "sharpness", note: 5,
        summary: "the GAN's high-quality share over its training, on the same seeds, with the permutation p-value of first against last",
        options: [
            .option("data", .choice(["ring8", "grid25", "8gaussians", "25gaussians"], noun: "dataset"), default: "ring8",
                    help: "the toy mixture"),
        ],
        budget: .init(steps: .init(10_000, quick: 60), stepsMeaning: "generator updates per run (read at 1/10, 1/5, 1/2 and all)",
                      seeds: .init(8, quick: 2), jobs: true)
    ) { run in
        let steps = run.steps
        let readings = Array(Set([steps / 10, steps / 5, steps / 2, steps].filter { $0 >= 1 })).sorted()
        var settings = SharpnessSettings(data: run.arguments.string("data"), seeds: run.seeds, readings: readings, jobs: run.jobs)
        if run.quick { settings.width = 16; settings.batchSize = 32; settings.evaluationSamples = 500 }
        let result = try runSharpness(settings, makeObjective: { ObjectiveCatalogue.make($0) }, progress: run.progress)
        return try sharpnessReport(result, report: run.style).output(result)
    }

    static func sharpnessReport(_ r: Sharpness, report: ReportStyle) -> Report {
        let s = r.settings
        var lines = ["The \(s.objective) on \(s.data), \(s.seeds.count) seeds (\(s.seeds.first ?? 0) to \(s.seeds.last ?? 0)), "
                     + "\(s.depth)x\(s.width) ReLU, batch \(s.batchSize), each run scored at every reading on "
                     + "\(s.evaluationSamples) samples. Mean ± standard error over seeds; PacGAN's Table 1 reports 93-98% high quality.", ""]
        lines.append(table(["updates", "modes covered", "high-quality %", "seeds >= 93%"], r.readings.map { reading in
            [String(reading.step), reading.modes.cell(digits: 2), reading.highQualityShare.cell(scale: 100, digits: 1),
             "\(reading.seedsAtPaperLevel) of \(reading.metrics.count)"]
        }))
        lines.append("")
        let first = r.readings.first!.step, last = r.readings.last!.step
        lines.append(String(format: "%d against %d updates: high quality %+.1f points (p = %.4f), modes %+.2f (p = %.4f)",
                            last, first, 100 * r.highQualityShare.difference, r.highQualityShare.pValue,
                            r.modes.difference, r.modes.pValue))
        lines.append("(p: two-sided permutation test of the difference in means over the seeds).")
        lines.append("")
        lines.append("Departures from PacGAN's Table 1 protocol (gan-notes reproduce pacgan runs it):")
        lines += r.departures.map { "  - " + $0 }
        let chart = LineChart(series: [
            LineSeries(name: "mean high-quality %", points: r.readings.map { PlotPoint(x: Double($0.step), y: 100 * $0.highQualityShare.mean) }, glyph: "o"),
        ], title: "high-quality share by updates", xName: "updates", yName: "%", width: report.figureWidth(preferred: 56), height: 8)
        lines.append("")
        lines.append(chart.render(style: report.terminal))
        return Report(text: lines.joined(separator: "\n"), figures: [chart], title: "sharpness on \(s.data)")
    }
}
