import Foundation
import LossZoo
import Plots
import Training

extension ExperimentCatalogue {
    /// `gan-notes experiment zoo`: the table of unconditional objectives.
    static let zooEntry = Experiment(
        name: "zoo", note: 5,
        summary: "one objective per family on ring8 and grid25: modes, high-quality share, W1, time (PacGAN protocol)",
        options: [
            .option("data", .text, help: "datasets, comma separated (default ring8,grid25)"),
            .option("objectives", .text, help: "only these objectives, comma separated (default: the zoo's twelve; any of gan-notes objectives)"),
            .flag("pacgan-same-samples", help: "give PacGAN the same number of samples as the others (default: the paper's, m times as many)"),
        ],
        budget: .init(steps: .init(ZooSettings.standard.steps, quick: ZooSettings.quick.steps), stepsMeaning: "generator steps per run",
                      seeds: .init(ZooSettings.standard.seeds, quick: ZooSettings.quick.seeds), jobs: true)
    ) { run in
        var settings = run.quick ? ZooSettings.quick : ZooSettings.standard
        settings.firstSeed = run.seed
        if let data = run.arguments.optionalString("data") { settings.datasets = data.split(separator: ",").map(String.init) }
        settings.seeds = run.seedCount
        settings.steps = run.steps
        settings.jobs = run.jobs
        settings.pacGANFullPacks = !run.arguments.flag("pacgan-same-samples")
        let makers = try zooObjectives(run.arguments.optionalString("objectives"))
        let result: ZooResult
        do { result = try runZoo(objectives: makers, settings: settings, progress: run.progress) } catch let ZooError.invalidSettings(m) {
            throw UsageError.invalidValue(m, command: "experiment zoo")
        }
        return try zooReport(result, report: run.style).output(result)
    }

    /// The zoo's objectives, or the ones `--objectives` names.
    private static func zooObjectives(_ wanted: String?) throws -> [@Sendable () -> any GANObjective] {
        guard let wanted else { return ObjectiveCatalogue.zooMakers }
        let names = wanted.split(separator: ",").map(String.init)
        for name in names where ObjectiveCatalogue.make(name) == nil {
            throw UsageError.invalidValue("unknown objective '\(name)' in --objectives; accepted: \(ObjectiveCatalogue.names.joined(separator: ", "))", command: "experiment zoo")
        }
        return names.compactMap { name in ObjectiveCatalogue.makers.first { $0().name == name } }
    }

    /// Which of the catalogue's objectives the zoo leaves out by default, and where each is compared instead.
    static let zooLeavesOut = [
        "minimax-gan": "note 1's objectives-on-ring8", "wgan": "note 2's toy-runs", "wgan-gp-toy": "note 2's toy-runs",
        "wgan-div": "note 2's toy-runs", "r1": "note 3's dirac-gan", "r2": "note 3's dirac-gan",
        "gan-mbstd": "note 4's minibatch-stddev",
    ]

    /// The table as text: one block per dataset, mean +- standard error over the seeds.
    static func zooReport(_ r: ZooResult, report: ReportStyle) -> Report {
        let s = r.settings
        var lines = ["Zoo: \(s.seeds) seed\(s.seeds == 1 ? "" : "s") (from \(s.firstSeed)), \(s.steps) generator steps, batch \(s.batchSize), "
                     + "G and D \(s.depth)x\(s.width) ReLU, noise \(s.noiseDimension)-D, \(s.evaluationSamples) samples; "
                     + "each objective with its own optimizer and n_critic. Mean +- standard error."]
        let larger = Set(r.rows.filter { $0.runs.first.map { $0.batchSize != s.batchSize } ?? false }.map { row in
            "\(row.objective) draws \(row.runs[0].batchSize) samples per step"
        })
        if !larger.isEmpty {
            lines.append(larger.sorted().joined(separator: "; ") + " (its discriminator sees \(s.batchSize) packs, as in the PacGAN paper).")
        }
        for dataset in s.datasets {
            lines.append("")
            let rows = r.rows.filter { $0.dataset == dataset }
            var cells = rows.map { row -> [String] in
                [row.objective, pm(row.modesCovered, digits: 1) + " / \(row.modesTotal)", pm(row.highQualityShare, digits: 1, scale: 100),
                 pm(row.w1, digits: 3), pm(row.cpuSeconds, digits: 1), pm(row.wallSeconds, digits: 1),
                 row.diverged == 0 ? "" : "\(row.diverged) diverged"]
            }
            if let ref = r.dataReference.first(where: { $0.dataset == dataset }) {
                cells.append(["(the data itself)", "\(ref.modesCovered) / \(ref.modesTotal)", String(format: "%.1f", 100 * ref.highQualityShare),
                              String(format: "%.3f", ref.w1), "", "", ""])
            }
            for p in r.published where p.dataset == dataset {
                cells.append(["\(p.method), published", String(format: "%.1f", p.modesCovered), String(format: "%.1f", p.highQualityPercent),
                              "", "", "", p.source])
            }
            lines.append(dataset)
            lines.append(table(["objective", "modes", "HQ %", "W1", "CPU s", "wall s", ""], cells))
        }
        let run = Set(r.rows.map(\.objective))
        let left = zooLeavesOut.filter { !run.contains($0.key) }.sorted { $0.key < $1.key }
        if !left.isEmpty {
            lines.append("")
            lines.append("Not in this table (add any with --objectives): " + left.map { "\($0.key) (see \($0.value))" }.joined(separator: ", ") + ".")
        }
        let charts = s.datasets.map { dataset -> ScatterPlot in
            let rows = r.rows.filter { $0.dataset == dataset }
            return ScatterPlot(series: rows.map { row in
                ScatterSeries(name: row.objective, points: row.runs.compactMap { run in
                    guard let modes = run.modesCovered, let hq = run.highQualityShare else { return nil }
                    return PlotPoint(x: 100 * hq, y: Double(modes))
                })
            }, title: "\(dataset): each run's modes covered against its high-quality share", xName: "high-quality %",
               yName: "modes covered", width: report.figureWidth(preferred: 60), height: 16)
        }
        return Report(text: lines.joined(separator: "\n"), figures: charts, title: "the zoo, \(s.seeds) seed\(s.seeds == 1 ? "" : "s")", columns: 1)
    }

    /// `6.3 +- 0.5`, `6.3` with one run, `-` with none.
    static func pm(_ m: MeanAndError, digits: Int, scale: Double = 1) -> String {
        guard let mean = m.mean else { return "-" }
        let f = "%.\(digits)f"
        guard let se = m.standardError else { return String(format: f, mean * scale) }
        return String(format: f, mean * scale) + " +- " + String(format: f, se * scale)
    }
}
