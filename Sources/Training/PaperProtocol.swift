import Foundation
import Metrics
import ToyData

/// A published experiment, runnable: its arms (the table's rows, one objective each), its data
/// sets, its budget and seeds, how each run is configured, and the paper's own numbers.
///
/// A protocol is run one seed at a time (`runProtocolSeed`), so a sweep splits across processes
/// or machines by seed range; each finished run leaves a `RunRecord` in a directory, and
/// `ProtocolTable(records:)` merges any set of records into the paper's table.
public struct PaperProtocol: Sendable {
    /// The command-line name: `pacgan`, `wgan-gp-toy`.
    public let name: String
    /// Where the protocol comes from, in one line.
    public let source: String
    /// The table's rows, as objective names (`makeObjective` builds them).
    public let arms: [String]
    public let datasets: [String]
    /// The published budget in generator updates, and the published number of runs per cell.
    public let steps: Int
    public let seeds: Int
    /// Each way our run departs from the published one, one sentence each (printed with results).
    public let departures: [String]
    /// The paper's table, for side-by-side display.
    public let published: [PublishedCell]
    let configure: @Sendable (_ arm: String, _ data: String) -> TrainingConfig
    let objective: @Sendable (_ arm: String) -> (any GANObjective)?

    public init(name: String, source: String, arms: [String], datasets: [String], steps: Int, seeds: Int,
                departures: [String], published: [PublishedCell],
                configure: @escaping @Sendable (_ arm: String, _ data: String) -> TrainingConfig,
                objective: @escaping @Sendable (_ arm: String) -> (any GANObjective)?) {
        self.name = name; self.source = source; self.arms = arms; self.datasets = datasets
        self.steps = steps; self.seeds = seeds; self.departures = departures; self.published = published
        self.configure = configure; self.objective = objective
    }

    /// The configuration of one run: the published one, at `steps` updates if given (otherwise the
    /// published budget), evaluated only at the end.
    public func config(arm: String, data: String, seed: UInt64, steps: Int? = nil) -> TrainingConfig {
        var c = configure(arm, data)
        c.seed = seed
        c.steps = steps ?? self.steps
        c.metricsEvery = 0
        c.logEvery = Swift.max(1, Swift.min(1000, c.steps / 20))
        return c
    }

    public func makeObjective(_ arm: String) -> (any GANObjective)? { arms.contains(arm) ? objective(arm) : nil }
}

/// One cell of a paper's table as published: modes found, high-quality share (a fraction) and
/// reverse KL, each `nil` where the paper gives none.
public struct PublishedCell: Sendable, Hashable, Codable {
    public var arm: String, data: String
    public var modes: Double?, highQualityShare: Double?, reverseKL: Double?
    public init(arm: String, data: String, modes: Double?, highQualityShare: Double?, reverseKL: Double?) {
        self.arm = arm; self.data = data; self.modes = modes; self.highQualityShare = highQualityShare; self.reverseKL = reverseKL
    }
    enum CodingKeys: String, CodingKey { case arm, data, modes, highQualityShare = "high_quality_share", reverseKL = "reverse_kl" }
}

/// Where one run of a protocol keeps its files inside the output directory.
public struct ProtocolRunFiles: Sendable {
    public let record: URL, checkpoint: URL
    public init(directory: URL, arm: String, data: String, seed: UInt64) {
        let stem = "\(arm)-\(data)-seed\(seed)"
        record = directory.appendingPathComponent(stem + ".json")
        checkpoint = directory.appendingPathComponent(stem + ".checkpoint.json")
    }

    /// The run's record if it has finished: `nil` when there is none yet.
    ///
    /// - Throws: `TrainingError.file` when the record does not decode, or was written by a run with
    ///   other settings (another `--steps`), so that neither is silently trained over nor counted
    ///   as this run's result.
    public func finishedRecord(matching config: TrainingConfig) throws -> RunRecord? {
        guard FileManager.default.fileExists(atPath: record.path) else { return nil }
        let found: RunRecord
        do { found = try RunRecord.decoder.decode(RunRecord.self, from: Data(contentsOf: record)) } catch {
            throw TrainingError.file("\(record.path) is not a run record (it does not decode); move it away to run this seed again")
        }
        guard found.config == config else {
            throw TrainingError.file("\(record.path) is a finished run of \(found.config.steps) updates with other settings than "
                                     + "these (\(config.steps) updates); give its --steps or another --out directory")
        }
        return found
    }
}

/// Runs (or finishes) one seed of one cell of `paper`'s table, writing its record to `directory`.
///
/// - A run whose record already exists is not run again: the record is read and returned (one
///   written with other settings, or one that does not decode, is an error, never overwritten).
/// - A run with a checkpoint resumes from it and continues bit for bit as if never stopped.
/// - A checkpoint is written every `checkpointEvery` updates and removed when the record is written.
///
/// `progress` receives `ProgressReport("ARM on DATA, seed S", done: step, total: steps)` as it goes.
/// The record's `wall_seconds` counts the last session only (a resumed run's earlier time is lost).
public func runProtocolSeed(_ paper: PaperProtocol, arm: String, data dataName: String, seed: UInt64,
                            steps: Int? = nil, directory: URL, checkpointEvery: Int = 10_000,
                            progress: ProgressHandler = ignoreProgress) throws -> RunRecord {
    let files = ProtocolRunFiles(directory: directory, arm: arm, data: dataName, seed: seed)
    if let existing = try files.finishedRecord(matching: paper.config(arm: arm, data: dataName, seed: seed, steps: steps)) {
        return existing
    }
    guard let objective = paper.makeObjective(arm) else {
        throw TrainingError.invalidConfig("\(paper.name) has no arm '\(arm)'; its arms are \(paper.arms.joined(separator: ", "))")
    }
    // Records name their arm by the objective: the merge groups by it and a resume checks it.
    precondition(objective.name == arm, "PaperProtocol \(paper.name): arm '\(arm)' builds objective '\(objective.name)'; arms must be objective names")
    let data: any ToyDistribution
    do { data = try ToyDatasets.named(dataName) } catch { throw TrainingError.invalidConfig(error.description) }
    let config = paper.config(arm: arm, data: dataName, seed: seed, steps: steps)
    let trainer: GANTrainer
    if FileManager.default.fileExists(atPath: files.checkpoint.path) {
        let checkpoint = try Checkpoint.load(from: files.checkpoint)
        guard checkpoint.config == config else {
            throw TrainingError.file("\(files.checkpoint.path) was written by a run with other settings; remove it or use another --out directory")
        }
        trainer = try GANTrainer(resuming: checkpoint, objective: objective, data: data)
    } else {
        trainer = try GANTrainer(config: config, objective: objective, data: data)
    }
    let stage = "\(arm) on \(dataName), seed \(seed)"
    let start = ContinuousClock.now
    progress(ProgressReport(stage, done: trainer.step, total: config.steps))
    try trainer.train(afterStep: { t in
        if t.step % 50 == 0 || t.step == config.steps { progress(ProgressReport(stage, done: t.step, total: config.steps)) }
        if t.step % checkpointEvery == 0 && t.step < config.steps { try t.checkpoint().save(to: files.checkpoint) }
    })
    let elapsed = start.duration(to: .now)
    let record = RunRecord(config: config, log: trainer.log, final: trainer.log.last?.metrics ?? trainer.evaluate(),
                           wallSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    do { try record.jsonData().write(to: files.record, options: .atomic) } catch {
        throw TrainingError.file("cannot write \(files.record.path): \(error.localizedDescription)")
    }
    try? FileManager.default.removeItem(at: files.checkpoint)
    return record
}

/// Where one planned run of a protocol stands, scored where it stopped: a finished run by its
/// record's final metrics, an unfinished one by the generator in its last checkpoint, on the same
/// measurements (`GANTrainer.evaluate`, seeded by the run's seed and step, so scoring the same
/// checkpoint twice gives the same numbers and the run itself is not disturbed).
public struct ProtocolRunStatus: Sendable, Hashable, Codable {
    public var arm: String, data: String, seed: UInt64
    /// Updates made so far, and the run's budget.
    public var step: Int, steps: Int
    public var finished: Bool
    public var metrics: SampleMetrics
}

/// The standing of one planned run in `directory`: `nil` if it has not written a checkpoint or a
/// record yet.
///
/// - Throws: `TrainingError.file` for a checkpoint or record that does not decode or was written
///   with other settings.
public func protocolRunStatus(_ paper: PaperProtocol, arm: String, data dataName: String, seed: UInt64,
                              steps: Int? = nil, directory: URL) throws -> ProtocolRunStatus? {
    let files = ProtocolRunFiles(directory: directory, arm: arm, data: dataName, seed: seed)
    let config = paper.config(arm: arm, data: dataName, seed: seed, steps: steps)
    if let record = try files.finishedRecord(matching: config) {
        return ProtocolRunStatus(arm: arm, data: dataName, seed: seed, step: record.config.steps, steps: record.config.steps,
                                 finished: true, metrics: record.final)
    }
    guard FileManager.default.fileExists(atPath: files.checkpoint.path) else { return nil }
    let checkpoint = try Checkpoint.load(from: files.checkpoint)
    guard checkpoint.config == config, let objective = paper.makeObjective(arm) else {
        throw TrainingError.file("\(files.checkpoint.path) was written by a run with other settings (another --steps?)")
    }
    let data: any ToyDistribution
    do { data = try ToyDatasets.named(dataName) } catch { throw TrainingError.invalidConfig(error.description) }
    let trainer = try GANTrainer(resuming: checkpoint, objective: objective, data: data)
    return ProtocolRunStatus(arm: arm, data: dataName, seed: seed, step: trainer.step, steps: config.steps,
                             finished: false, metrics: trainer.evaluate())
}

/// A protocol's table from run records: per arm and data set, the mean and standard error over
/// seeds of modes found, high-quality share and reverse KL.
///
/// The cells depend only on the set of records, never on how the runs were split into
/// processes: seeds are sorted before anything is summed.
public struct ProtocolTable: Sendable, Hashable, Codable {
    public struct Cell: Sendable, Hashable, Codable {
        public var arm: String, data: String
        /// Generator updates of every run in the cell (a cell never mixes budgets).
        public var steps: Int
        public var seeds: [UInt64]
        public var modes: SeedSummary?, highQualityShare: SeedSummary?, reverseKL: SeedSummary?
        public var published: PublishedCell?
        init(arm: String, data: String, steps: Int = 0, seeds: [UInt64] = [], modes: SeedSummary? = nil,
             highQualityShare: SeedSummary? = nil, reverseKL: SeedSummary? = nil, published: PublishedCell? = nil) {
            self.arm = arm; self.data = data; self.steps = steps; self.seeds = seeds; self.modes = modes
            self.highQualityShare = highQualityShare; self.reverseKL = reverseKL; self.published = published
        }
        enum CodingKeys: String, CodingKey {
            case arm, data, steps, seeds, modes, highQualityShare = "high_quality_share", reverseKL = "reverse_kl", published
        }
    }
    public var cells: [Cell]
    /// Each arm against the protocol's first arm (the baseline, e.g. the unpacked GAN), per data
    /// set, on modes found: the claim the tables are about. Seeds are not paired: the test
    /// relabels runs (see `compareSeeds`).
    public var comparisons: [Comparison]

    public struct Comparison: Sendable, Hashable, Codable {
        public var data: String, baseline: String, arm: String
        /// `arm` minus `baseline` in modes found, with the permutation p-value.
        public var modes: SeedComparison
    }

    /// Merges `records`; cells come in the protocol's arm and data-set order (others after).
    /// Throws when two records of one cell share a seed or differ in budget.
    public init(records: [RunRecord], protocol paper: PaperProtocol) throws {
        let groups = Dictionary(grouping: records) { "\($0.config.objective)\u{1}\($0.config.data)" }
        cells = try groups.values.map { group in
            let runs = group.sorted { $0.config.seed < $1.config.seed }
            let c = runs[0].config
            if let other = runs.first(where: { $0.config.steps != c.steps }) {
                throw TrainingError.invalidConfig("\(c.objective) on \(c.data) has runs of \(c.steps) and of \(other.config.steps) updates; merge one budget at a time")
            }
            let seeds = runs.map(\.config.seed)
            if Set(seeds).count != seeds.count {
                throw TrainingError.invalidConfig("\(c.objective) on \(c.data) has two records of one seed; merge each seed once")
            }
            func summary(_ f: (SampleMetrics) -> Double?) -> SeedSummary? {
                let values = runs.compactMap { f($0.final) }
                return values.count == runs.count ? SeedSummary(values) : nil
            }
            return Cell(arm: c.objective, data: c.data, steps: c.steps, seeds: seeds,
                        modes: summary { $0.modesCovered.map(Double.init) }, highQualityShare: summary(\.highQualityShare),
                        reverseKL: summary(\.reverseKL),
                        published: paper.published.first { $0.arm == c.objective && $0.data == c.data })
        }
        func key(_ cell: Cell) -> (Int, Int, String, String) {
            (paper.datasets.firstIndex(of: cell.data) ?? Int.max, paper.arms.firstIndex(of: cell.arm) ?? Int.max, cell.data, cell.arm)
        }
        cells.sort { key($0) < key($1) }
        comparisons = []
        guard let baseline = paper.arms.first else { return }
        func modes(_ arm: String, _ data: String) -> [Double] {
            records.filter { $0.config.objective == arm && $0.config.data == data }
                .sorted { $0.config.seed < $1.config.seed }.compactMap { $0.final.modesCovered.map(Double.init) }
        }
        for data in Set(cells.map(\.data)).sorted(by: { key(Cell(arm: baseline, data: $0)) < key(Cell(arm: baseline, data: $1)) }) {
            let base = modes(baseline, data)
            for arm in paper.arms.dropFirst() {
                let values = modes(arm, data)
                guard !base.isEmpty, !values.isEmpty else { continue }
                comparisons.append(Comparison(data: data, baseline: baseline, arm: arm, modes: compareSeeds(base, values)))
            }
        }
    }

    /// Reads every run record (`*.json` but not `*.checkpoint.json`) in `directory`.
    public static func records(in directory: URL) throws -> [RunRecord] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory.path) } catch {
            throw TrainingError.file("cannot list \(directory.path): no such directory or not readable")
        }
        return try names.filter { $0.hasSuffix(".json") && !$0.hasSuffix(".checkpoint.json") }.sorted().map { name in
            let url = directory.appendingPathComponent(name)
            do { return try RunRecord.decoder.decode(RunRecord.self, from: Data(contentsOf: url)) } catch {
                throw TrainingError.file("\(url.path) is not a run record (it does not decode)")
            }
        }
    }
}
