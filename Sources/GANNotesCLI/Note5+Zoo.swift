import Foundation
import LossZoo
import Training

extension ExperimentCatalogue {
    /// `gan-notes experiment zoo`: the table of unconditional objectives.
    static let zooEntry = ExperimentEntry(
        name: "zoo", note: 5,
        summary: "every unconditional objective on ring8 and grid25: modes, high-quality share, W1, time (PacGAN protocol)",
        options: [
            .option("data", .text, help: "datasets, comma separated (default ring8,grid25)"),
            .option("seeds", .integer(in: 1...100), help: "runs per objective and dataset (default 10; --quick 1)"),
            .option("steps", .integer(in: 1...1_000_000), help: "generator steps per run (default 2000; --quick 25)"),
            .option("objectives", .text, help: "only these objectives, comma separated (default: all)"),
            .option("jobs", .integer(in: 1...64), default: 1, help: "runs trained at once, on separate threads"),
            .flag("pacgan-same-samples", help: "give PacGAN the same number of samples as the others (default: the paper's, m times as many)"),
            .option("save", .path, help: "also write the result value as JSON to this file (the table stays on screen)"),
        ]
    ) { args, seed, quick, context in
        var settings = quick ? ZooSettings.quick : ZooSettings.standard
        settings.firstSeed = seed
        if let data = args.optionalString("data") { settings.datasets = data.split(separator: ",").map(String.init) }
        if let n = args.optionalInt("seeds") { settings.seeds = n }
        if let n = args.optionalInt("steps") { settings.steps = n }
        if quick {
            // --quick caps the budget even when a lesson asks for more, as train --quick does.
            settings.seeds = min(settings.seeds, ZooSettings.quick.seeds)
            settings.steps = min(settings.steps, ZooSettings.quick.steps)
        }
        settings.jobs = args.int("jobs")
        settings.pacGANFullPacks = !args.flag("pacgan-same-samples")
        var makers = ObjectiveCatalogue.zooMakers
        if let wanted = args.optionalString("objectives") {
            let names = wanted.split(separator: ",").map(String.init)
            for name in names where ObjectiveCatalogue.make(name) == nil {
                throw UsageError.invalidValue("unknown objective '\(name)' in --objectives; accepted: \(ObjectiveCatalogue.names.joined(separator: ", "))", command: "experiment zoo")
            }
            makers = names.compactMap { name in ObjectiveCatalogue.makers.first { $0().name == name } }
        }
        let result: ZooResult
        do { result = try runZoo(objectives: makers, settings: settings) } catch let ZooError.invalidSettings(m) {
            throw UsageError.invalidValue(m, command: "experiment zoo")
        }
        let report = try ExperimentReport(text: zooReport(result), result: result)
        if let path = args.optionalString("save") {
            try AtomicFile.write(String(decoding: report.json, as: UTF8.self) + "\n", to: path)
        }
        return report
    }

    /// The table as text: one block per dataset, mean +- standard error over the seeds.
    static func zooReport(_ r: ZooResult) -> String {
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
        return lines.joined(separator: "\n")
    }

    /// `6.3 +- 0.5`, `6.3` with one run, `-` with none.
    static func pm(_ m: MeanAndError, digits: Int, scale: Double = 1) -> String {
        guard let mean = m.mean else { return "-" }
        let f = "%.\(digits)f"
        guard let se = m.standardError else { return String(format: f, mean * scale) }
        return String(format: f, mean * scale) + " +- " + String(format: f, se * scale)
    }
}
