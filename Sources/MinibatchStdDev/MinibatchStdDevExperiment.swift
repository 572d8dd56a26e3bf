import Foundation
import Autodiff
import ToyData
import Training

/// Does a minibatch-stddev feature in the discriminator help the generator cover more modes?
///
/// The same GAN is trained on the ring and the grid of Gaussians with and without the layer,
/// from the same seeds (so each pair starts from the same generator), and the final generator is
/// scored with the VEEGAN/PacGAN metrics: modes covered (a mode counts when some sample lands
/// within three standard deviations of it) and the share of such high-quality samples.
///
/// The paper's claim (section 3) is about variation: a discriminator that can see a batch's
/// spread punishes a collapsed generator. On toy data the effect depends on the budget and the
/// seed; the experiment reports every run, and the table gives means and ranges, not a verdict.
public enum MinibatchStdDevExperiment {
    public struct Settings: Codable, Sendable, Hashable {
        /// Toy datasets with known modes.
        public var datasets: [String] = ["ring8", "grid25"]
        /// Runs per dataset and variant; run `i` uses seed `seed + i` for both variants.
        public var seeds: Int = 3
        public var steps: Int = 1500
        public var batchSize: Int = 128
        /// Hidden width and depth of both networks.
        public var width: Int = 64
        public var depth: Int = 3
        /// The minibatch-stddev group size (ProGAN's 4).
        public var groupSize: Int = 4
        /// Adam's learning rate for both players; `nil` keeps the objective's recommended one.
        public var learningRate: Double?
        /// Generated samples scored at the end (PacGAN's 2500).
        public var evaluationSamples: Int = 2500

        public init() {}

        /// A budget small enough for the lesson runner in a debug build: it shows the table, not the effect.
        public static var quick: Settings {
            var s = Settings()
            s.seeds = 1; s.steps = 40; s.batchSize = 32; s.width = 16; s.depth = 2; s.evaluationSamples = 200
            return s
        }
    }

    /// One training run.
    public struct Run: Codable, Sendable, Hashable {
        public var dataset: String
        public var withStdDev: Bool
        public var seed: UInt64
        /// `nil` when the run failed (see `failure`).
        public var modesCovered: Int?
        public var modesTotal: Int
        public var highQualityShare: Double?
        public var reverseKL: Double?
        public var failure: String?
        public var seconds: Double
    }

    /// Aggregates over the seeds of one dataset and variant (finished runs only).
    public struct Row: Codable, Sendable, Hashable {
        public var dataset: String
        public var withStdDev: Bool
        public var runs: Int
        public var failures: Int
        public var modesTotal: Int
        public var meanModesCovered: Double
        public var minModesCovered: Int
        public var maxModesCovered: Int
        public var meanHighQualityShare: Double
    }

    public struct Result: Codable, Sendable {
        public var settings: Settings
        public var objective: String
        public var runs: [Run]
        public var rows: [Row]
    }

    /// Trains every dataset x {without, with} x seed combination and scores each final generator.
    ///
    /// - Parameters:
    ///   - makeObjective: a fresh base objective per run (its losses and optimizer settings are
    ///     used for both variants; the "with" variant wraps it in `WithMinibatchStdDev`).
    /// - Throws: `TrainingError.invalidConfig` for impossible settings or an unknown dataset name;
    ///   a run that goes non-finite is recorded as a failure, not thrown.
    public static func run(settings: Settings, seed: UInt64,
                           makeObjective: @escaping @Sendable () -> any GANObjective,
                           progress: @escaping ProgressHandler = ignoreProgress) throws -> Result {
        // Every (dataset, variant, seed) is an independent run; they share the cores and land in
        // their own slots, so the result does not depend on the order they finish in.
        struct Job { var data: any ToyDistribution; var modes: Int; var withStdDev: Bool; var seed: UInt64 }
        var jobs: [Job] = []
        for name in settings.datasets {
            let data: any ToyDistribution
            do { data = try ToyDatasets.named(name) } catch { throw TrainingError.invalidConfig(error.description) }
            guard let modes = data.modes else {
                throw TrainingError.invalidConfig("dataset '\(name)' has no known modes to count")
            }
            for withStdDev in [false, true] {
                for i in 0..<settings.seeds { jobs.append(Job(data: data, modes: modes.count, withStdDev: withStdDev, seed: seed &+ UInt64(i))) }
            }
        }
        let objectiveName = makeObjective().name
        if let problem = config(settings, objective: makeObjective(), data: settings.datasets[0], seed: seed).problem() {
            throw TrainingError.invalidConfig(problem)
        }
        let counter = ProgressCounter("training", total: jobs.count * settings.steps, handler: progress)
        let runs = try parallelMap(jobs.count) { [jobs] index -> Run in
            let job = jobs[index]
            let base = makeObjective()
            let objective: any GANObjective = job.withStdDev ? WithMinibatchStdDev(base, groupSize: settings.groupSize) : base
            let config = config(settings, objective: objective, data: job.data.name, seed: job.seed)
            let clock = ContinuousClock(), start = clock.now
            var run = Run(dataset: job.data.name, withStdDev: job.withStdDev, seed: job.seed, modesTotal: job.modes, seconds: 0)
            let stage = "\(job.data.name), \(job.withStdDev ? "with" : "without") the layer, seed \(job.seed)"
            do {
                let (record, _) = try runTraining(config: config, objective: objective, data: job.data,
                                                  afterStep: { _ in counter.advance(stage: stage) })
                run.modesCovered = record.final.modesCovered
                run.highQualityShare = record.final.highQualityShare
                run.reverseKL = record.final.reverseKL
            } catch let error as TrainingError {
                run.failure = error.description
            }
            run.seconds = seconds(start.duration(to: clock.now))
            return run
        }
        return Result(settings: settings, objective: objectiveName, runs: runs, rows: rows(of: runs))
    }

    /// The trainer's configuration of one run.
    private static func config(_ settings: Settings, objective: any GANObjective, data: String, seed: UInt64) -> TrainingConfig {
        var config = TrainingConfig(objective: objective.name, data: data, settings: objective.recommendedSettings)
        config.steps = settings.steps
        config.batchSize = settings.batchSize
        config.width = settings.width
        config.depth = settings.depth
        config.seed = seed
        config.metricsEvery = 0
        config.logEvery = settings.steps
        config.evaluationSamples = settings.evaluationSamples
        if let lr = settings.learningRate {
            config.generatorOptimizer.learningRate = lr
            config.discriminatorOptimizer.learningRate = lr
        }
        return config
    }

    /// Means and ranges per dataset and variant, in the order the runs were made.
    public static func rows(of runs: [Run]) -> [Row] {
        var keys: [String] = []
        var groups: [String: [Run]] = [:]
        for r in runs {
            let key = "\(r.dataset) \(r.withStdDev)"
            if groups[key] == nil { keys.append(key) }
            groups[key, default: []].append(r)
        }
        return keys.map { key in
            let group = groups[key]!
            let done = group.filter { $0.modesCovered != nil }
            let modes = done.compactMap(\.modesCovered)
            let shares = done.compactMap(\.highQualityShare)
            return Row(dataset: group[0].dataset, withStdDev: group[0].withStdDev, runs: group.count,
                       failures: group.count - done.count, modesTotal: group[0].modesTotal,
                       meanModesCovered: modes.isEmpty ? 0 : Double(modes.reduce(0, +)) / Double(modes.count),
                       minModesCovered: modes.min() ?? 0, maxModesCovered: modes.max() ?? 0,
                       meanHighQualityShare: shares.isEmpty ? 0 : shares.reduce(0, +) / Double(shares.count))
        }
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
