import Foundation
import Autodiff
import Metrics
import ToyData
import Training

/// The zoo table: every unconditional objective trained with the same networks, batch and number
/// of generator steps, on the PacGAN ring and grid, over several seeds, measured the PacGAN way.
///
/// For each dataset, objective and seed `firstSeed + i`:
///
/// ```
/// config    = the objective's recommended optimizers and n_critic (its paper's),
///             with the networks (depth x width, noise dimension), batch and steps fixed here
///             (PacGAN, as in its paper, gets m times the batch: its D sees as many packs as
///             the others see samples; see `pacGANFullPacks`)
/// train     = runTraining(config, objective, data)            (a fresh objective per run)
/// measure   = modes covered and high-quality share on `evaluationSamples` generated points
///             (a sample is high quality within 3 standard deviations of its nearest mode),
///             exact W1 on 512 generated against 512 data points, wall-clock seconds and the
///             CPU seconds of the run's thread (which other load on the machine does not inflate)
/// ```
///
/// and each figure is reported as mean and standard error over the seeds (`MeanAndError`). Runs
/// that stop on a non-finite loss are counted as diverged and left out of the means. The same
/// seeds are used for every objective, so two rows differ only by the objective.
///
/// The experiment takes its objectives as makers, so the command line can pass every objective it
/// knows (this note's and those of notes 1 to 3), and the table grows as notes are added.
public struct ZooSettings: Codable, Sendable, Hashable {
    /// Toy distributions by name (they need known modes).
    public var datasets: [String]
    /// Runs per objective and dataset; seeds are `firstSeed`, `firstSeed + 1`, ...
    public var seeds: Int
    public var firstSeed: UInt64
    /// Generator updates per run.
    public var steps: Int
    public var batchSize: Int
    /// Hidden width and depth of both networks.
    public var width: Int
    public var depth: Int
    public var noiseDimension: Int
    /// Generated points for mode coverage and high-quality share (PacGAN: 2500).
    public var evaluationSamples: Int
    /// Runs trained at the same time (threads); 1 keeps the wall times free of contention.
    public var jobs: Int
    /// PacGAN's protocol (Lin et al. 2018, section 5): its discriminator sees `batchSize` packs per
    /// step, so it draws `m` times as many samples as the other objectives. `false` gives every
    /// objective the same number of samples (then PacGAN's discriminator sees `batchSize / m` packs).
    public var pacGANFullPacks: Bool

    public init(datasets: [String] = ["ring8", "grid25"], seeds: Int = 10, firstSeed: UInt64 = 1, steps: Int = 2000,
                batchSize: Int = 128, width: Int = 64, depth: Int = 3, noiseDimension: Int = 2,
                evaluationSamples: Int = 2500, jobs: Int = 1, pacGANFullPacks: Bool = true) {
        self.datasets = datasets; self.seeds = seeds; self.firstSeed = firstSeed; self.steps = steps
        self.batchSize = batchSize; self.width = width; self.depth = depth; self.noiseDimension = noiseDimension
        self.evaluationSamples = evaluationSamples; self.jobs = jobs; self.pacGANFullPacks = pacGANFullPacks
    }

    /// PacGAN's protocol (10 seeds, 2500 samples) on our budget: 2000 steps of batch 128 with
    /// 3 x 64 ReLU networks.
    public static let standard = ZooSettings()
    /// A look at the table in seconds: one seed, tiny networks, a few steps. The numbers show only
    /// that everything runs; the ranking means nothing at this budget.
    public static let quick = ZooSettings(seeds: 1, steps: 25, batchSize: 32, width: 16, depth: 2,
                                          evaluationSamples: 100)

    enum CodingKeys: String, CodingKey {
        case datasets, seeds, firstSeed = "first_seed", steps, batchSize = "batch_size", width, depth
        case noiseDimension = "noise_dimension", evaluationSamples = "evaluation_samples", jobs
        case pacGANFullPacks = "pacgan_full_packs"
    }
}

/// One training run of the zoo.
public struct ZooRun: Codable, Sendable, Hashable {
    public var objective: String
    public var dataset: String
    public var seed: UInt64
    /// Samples per batch (real and generated each); PacGAN's is `m` times the others' with `pacGANFullPacks`.
    public var batchSize: Int
    /// `nil` when the run diverged.
    public var modesCovered: Int?
    public var modesTotal: Int
    public var highQualityShare: Double?
    public var w1: Double?
    public var wallSeconds: Double
    /// CPU seconds of the thread that ran it: the run's cost, whatever else shares the machine.
    public var cpuSeconds: Double
    /// Why the run stopped early (a non-finite loss), or `nil`.
    public var failure: String?

    enum CodingKeys: String, CodingKey {
        case objective, dataset, seed, batchSize = "batch_size", modesCovered = "modes_covered", modesTotal = "modes_total"
        case highQualityShare = "high_quality_share", w1, wallSeconds = "wall_seconds", cpuSeconds = "cpu_seconds", failure
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(objective, forKey: .objective); try c.encode(dataset, forKey: .dataset)
        try c.encode(seed, forKey: .seed); try c.encode(batchSize, forKey: .batchSize); try c.encode(modesCovered, forKey: .modesCovered)
        try c.encode(modesTotal, forKey: .modesTotal); try c.encode(highQualityShare, forKey: .highQualityShare)
        try c.encode(w1, forKey: .w1); try c.encode(wallSeconds, forKey: .wallSeconds)
        try c.encode(cpuSeconds, forKey: .cpuSeconds)
        try c.encode(failure, forKey: .failure)
    }
}

/// One row of the table: an objective on a dataset, summarised over its seeds.
public struct ZooRow: Codable, Sendable, Hashable {
    public var objective: String
    public var dataset: String
    public var modesTotal: Int
    public var modesCovered: MeanAndError
    /// As a fraction in [0, 1].
    public var highQualityShare: MeanAndError
    public var w1: MeanAndError
    public var wallSeconds: MeanAndError
    public var cpuSeconds: MeanAndError
    /// Runs that stopped on a non-finite loss (left out of the means).
    public var diverged: Int
    public var runs: [ZooRun]

    enum CodingKeys: String, CodingKey {
        case objective, dataset, modesTotal = "modes_total", modesCovered = "modes_covered"
        case highQualityShare = "high_quality_share", w1, wallSeconds = "wall_seconds", cpuSeconds = "cpu_seconds", diverged, runs
    }
}

/// A row of PacGAN's Table 1 (Lin et al. 2018), quoted for reference: their networks, optimizer
/// and a budget of 400 epochs, not ours.
public struct PublishedZooRow: Codable, Sendable, Hashable {
    public var method: String
    public var dataset: String
    public var modesCovered: Double
    /// Percent.
    public var highQualityPercent: Double
    public var source: String

    enum CodingKeys: String, CodingKey {
        case method, dataset, modesCovered = "modes_covered", highQualityPercent = "high_quality_percent", source
    }

    /// PacGAN's Table 1: GAN and PacGAN4 on the 2D-ring and 2D-grid, mean over 10 runs.
    public static let pacGANTable1: [PublishedZooRow] = [
        PublishedZooRow(method: "GAN", dataset: "ring8", modesCovered: 6.3, highQualityPercent: 98.2, source: "PacGAN Table 1"),
        PublishedZooRow(method: "PacGAN4", dataset: "ring8", modesCovered: 7.8, highQualityPercent: 95.9, source: "PacGAN Table 1"),
        PublishedZooRow(method: "GAN", dataset: "grid25", modesCovered: 17.3, highQualityPercent: 94.8, source: "PacGAN Table 1"),
        PublishedZooRow(method: "PacGAN4", dataset: "grid25", modesCovered: 24.8, highQualityPercent: 93.6, source: "PacGAN Table 1"),
    ]
}

/// What a sample of the data itself scores: the ceiling on modes and quality and the floor of
/// the finite-sample W1, for reading the table.
public struct ZooDataReference: Codable, Sendable, Hashable {
    public var dataset: String
    public var modesCovered: Int
    public var modesTotal: Int
    public var highQualityShare: Double
    public var w1: Double

    enum CodingKeys: String, CodingKey {
        case dataset, modesCovered = "modes_covered", modesTotal = "modes_total", highQualityShare = "high_quality_share", w1
    }
}

public struct ZooResult: Codable, Sendable, Hashable {
    public var settings: ZooSettings
    /// Dataset by dataset, objectives in the order given.
    public var rows: [ZooRow]
    public var dataReference: [ZooDataReference]
    public var published: [PublishedZooRow]

    enum CodingKeys: String, CodingKey { case settings, rows, dataReference = "data_reference", published }
}

public enum ZooError: Error, CustomStringConvertible, Equatable {
    case invalidSettings(String)
    public var description: String {
        switch self { case .invalidSettings(let m): m }
    }
}

/// Runs the zoo table (see `ZooSettings`).
///
/// - Parameters:
///   - objectives: makers of the objectives to compare; each run gets a fresh instance.
///   - settings: datasets, seeds, networks and budget.
///   - progress: told of every finished training step of every run.
/// - Returns: one row per dataset and objective, the data's own reference scores and PacGAN's
///   published rows.
/// - Throws: `ZooError.invalidSettings` for an unknown dataset, one without known modes, or
///   impossible sizes.
public func runZoo(objectives: [@Sendable () -> any GANObjective], settings: ZooSettings,
                   progress: @escaping ProgressHandler = ignoreProgress) throws -> ZooResult {
    guard !objectives.isEmpty else { throw ZooError.invalidSettings("the zoo needs at least one objective") }
    guard settings.seeds >= 1, settings.steps >= 1, settings.batchSize >= 4, settings.width >= 1, settings.depth >= 1,
          settings.noiseDimension >= 1, settings.evaluationSamples >= 2, settings.jobs >= 1 else {
        throw ZooError.invalidSettings("zoo settings need seeds, steps, width, depth, noise dimension and jobs >= 1, batch >= 4 and evaluation samples >= 2")
    }
    var distributions: [any ToyDistribution] = []
    for name in settings.datasets {
        let d: any ToyDistribution
        do { d = try ToyDatasets.named(name) } catch { throw ZooError.invalidSettings(error.description) }
        guard d.modes != nil else {
            throw ZooError.invalidSettings("the zoo measures modes covered; '\(name)' has no known modes (try ring8 or grid25)")
        }
        distributions.append(d)
    }

    // Every (dataset, objective, seed) is an independent job; results land in their own slot, so
    // the table is the same whatever the order in which the jobs finish.
    struct Job { var data: any ToyDistribution; var objective: Int; var seed: UInt64 }
    var jobs: [Job] = []
    for data in distributions {
        for o in objectives.indices {
            for i in 0..<settings.seeds { jobs.append(Job(data: data, objective: o, seed: settings.firstSeed + UInt64(i))) }
        }
    }
    let counter = ProgressCounter("training", total: jobs.count * settings.steps, handler: progress)
    let runs = try parallelMap(jobs.count, threads: settings.jobs) { [jobs] index in
        let job = jobs[index]
        let objective = objectives[job.objective]()
        let stage = "\(objective.name) on \(job.data.name), seed \(job.seed)"
        return zooRun(objective: objective, data: job.data, seed: job.seed, settings: settings,
                      afterStep: { counter.advance(stage: stage) })
    }

    var rows: [ZooRow] = []
    var next = 0
    for data in distributions {
        for _ in objectives {
            let group = Array(runs[next..<(next + settings.seeds)])
            next += settings.seeds
            let ok = group.filter { $0.failure == nil }
            rows.append(ZooRow(
                objective: group[0].objective, dataset: data.name, modesTotal: group[0].modesTotal,
                modesCovered: MeanAndError(ok.compactMap { $0.modesCovered.map(Double.init) }),
                highQualityShare: MeanAndError(ok.compactMap(\.highQualityShare)),
                w1: MeanAndError(ok.compactMap(\.w1)),
                wallSeconds: MeanAndError(ok.map(\.wallSeconds)), cpuSeconds: MeanAndError(ok.map(\.cpuSeconds)),
                diverged: group.count - ok.count, runs: group))
        }
    }
    let reference = distributions.map { dataReference(for: $0, samples: settings.evaluationSamples, seed: settings.firstSeed) }
    return ZooResult(settings: settings, rows: rows, dataReference: reference,
                     published: PublishedZooRow.pacGANTable1.filter { settings.datasets.contains($0.dataset) })
}

/// One run of the zoo, as a value (a diverged run is a value too, with its reason).
func zooRun(objective: any GANObjective, data: any ToyDistribution, seed: UInt64, settings: ZooSettings,
            afterStep: () -> Void = {}) -> ZooRun {
    var config = TrainingConfig(objective: objective.name, data: data.name, settings: objective.recommendedSettings)
    config.steps = settings.steps; config.batchSize = settings.batchSize
    if settings.pacGANFullPacks, let pac = objective as? PacGAN { config.batchSize *= pac.packing }
    config.width = settings.width; config.depth = settings.depth; config.noiseDimension = settings.noiseDimension
    config.evaluationSamples = settings.evaluationSamples; config.seed = seed
    config.logEvery = settings.steps; config.metricsEvery = 0
    let modesTotal = data.modes?.count ?? 0
    let start = ContinuousClock().now, cpuStart = threadCPUSeconds()
    do {
        let (record, _) = try runTraining(config: config, objective: objective, data: data, afterStep: { _ in afterStep() })
        return ZooRun(objective: objective.name, dataset: data.name, seed: seed, batchSize: config.batchSize,
                      modesCovered: record.final.modesCovered,
                      modesTotal: modesTotal, highQualityShare: record.final.highQualityShare, w1: record.final.w1,
                      wallSeconds: record.wallSeconds, cpuSeconds: threadCPUSeconds() - cpuStart, failure: nil)
    } catch {
        return ZooRun(objective: objective.name, dataset: data.name, seed: seed, batchSize: config.batchSize,
                      modesCovered: nil, modesTotal: modesTotal,
                      highQualityShare: nil, w1: nil, wallSeconds: seconds(since: start),
                      cpuSeconds: threadCPUSeconds() - cpuStart, failure: "\(error)")
    }
}

/// The metrics of `samples` points of the data itself against another independent sample.
func dataReference(for data: any ToyDistribution, samples: Int, seed: UInt64) -> ZooDataReference {
    var rng = SeededGenerator(seed: seed &+ 0xDA7A)
    let points = data.sample(count: samples, using: &rng).points                 // [samples, d]
    let m = Evaluation.measure(generated: points, data: data, using: &rng)
    return ZooDataReference(dataset: data.name, modesCovered: m.modesCovered ?? 0, modesTotal: m.modesTotal ?? 0,
                            highQualityShare: m.highQualityShare ?? 0, w1: m.w1)
}
