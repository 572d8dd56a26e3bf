import Foundation
import Metrics
import NeuralNet
import ToyData
import Training

/// Sharp samples take updates: one GAN per seed, read at several points of its training.
///
/// PacGAN's Table 1 (Lin et al. 2018) reports 93-98% of a GAN's samples as "high quality" (within
/// three standard deviations of a mode), after 400 000 updates of its networks. At the 1000-2000
/// updates of our lessons no objective gets past about half (lesson 5's zoo), which reads as if the
/// figure were out of reach. It is not a property of the paper's networks: the same 3 x 64 ReLU GAN
/// of note 1, trained longer, closes most of the gap on the ring. Each seed trains one run to the
/// last reading and is scored (`GANTrainer.evaluate`: 2500 samples, drawn from the seed and the
/// step, so a reading never shifts training) at each reading on the way; the first and the last
/// reading are compared over the seeds with the permutation test of `compareSeeds`.
///
/// Settings tried (issue 18's search, docs/reproductions.md "Sharp samples"), ring8, seeds 1-4:
/// 3 x 128, batch 256, 5000 updates: 61-95% (mean 78.6%), 7.0 modes, 32 CPU s a run; 3 x 64,
/// batch 128: 65-81% at 5000 and 68-95% at 15 000 updates, 5 CPU s per 5000. The narrower network
/// is as sharp at a sixth of the cost, so it is the default, with readings up to 10 000 updates
/// (about 40 s of two idle cores for 8 seeds). Departures from the paper are in `departures`.
public struct SharpnessSettings: Codable, Sendable, Hashable {
    public var data: String
    public var objective: String
    public var seeds: [UInt64]
    /// Updates after which the generator is scored, increasing; the run trains to the last.
    public var readings: [Int]
    public var batchSize: Int, width: Int, depth: Int
    public var evaluationSamples: Int
    /// Runs trained at the same time (threads).
    public var jobs: Int

    public init(data: String = "ring8", objective: String = "gan", seeds: [UInt64] = Array(1...8),
                readings: [Int] = [1000, 2000, 5000, 10_000], batchSize: Int = 128, width: Int = 64, depth: Int = 3,
                evaluationSamples: Int = 2500, jobs: Int = 2) {
        self.data = data; self.objective = objective; self.seeds = seeds; self.readings = readings
        self.batchSize = batchSize; self.width = width; self.depth = depth
        self.evaluationSamples = evaluationSamples; self.jobs = jobs
    }

    /// How these settings depart from PacGAN's Table 1 protocol for its GAN row, one sentence each.
    public var departures: [String] {
        ["\(depth) x \(width) ReLU networks, He initialisation, not a 4 x 400 BatchNorm generator and a 3 x 200 maxout discriminator with N(0, 0.02^2)",
         "\(readings.last ?? 0) updates of batch \(batchSize), not 400 000 of 100",
         "Adam lr 1e-3, beta1 0.5 (note 1's settings), not lr 1e-4, beta1 0.8",
         "\(seeds.count) seeds, not 10"]
    }

    enum CodingKeys: String, CodingKey {
        case data, objective, seeds, readings, batchSize = "batch_size", width, depth
        case evaluationSamples = "evaluation_samples", jobs
    }
}

/// The metrics of every seed at one reading, and their summaries over the seeds.
public struct SharpnessReading: Codable, Sendable, Hashable {
    public var step: Int
    /// One per seed, in `settings.seeds` order.
    public var metrics: [SampleMetrics]
    public var modes: SeedSummary
    public var highQualityShare: SeedSummary
    /// How many seeds reach the bottom of the paper's range, 93% high quality.
    public var seedsAtPaperLevel: Int

    enum CodingKeys: String, CodingKey {
        case step, metrics, modes, highQualityShare = "high_quality_share", seedsAtPaperLevel = "seeds_at_paper_level"
    }
}

public struct Sharpness: Codable, Sendable, Hashable {
    public var settings: SharpnessSettings
    public var readings: [SharpnessReading]
    /// Last reading minus first, over the seeds, with permutation p-values.
    public var modes: SeedComparison
    public var highQualityShare: SeedComparison
    public var departures: [String]

    /// The lowest high-quality share of PacGAN's Table 1 (93.6%, rounded down): the paper's level.
    public static let paperLevel = 0.93

    enum CodingKeys: String, CodingKey { case settings, readings, modes, highQualityShare = "high_quality_share", departures }
}

/// Trains one run per seed (`jobs` at a time) to the last reading, scoring it at every reading.
///
/// - Throws: `TrainingError.invalidConfig` for an unknown objective or data set, readings that
///   are not positive and increasing, or a run that stops on a non-finite loss.
public func runSharpness(_ settings: SharpnessSettings,
                         makeObjective: @escaping @Sendable (String) -> (any GANObjective)?,
                         progress: @escaping ProgressHandler = ignoreProgress) throws -> Sharpness {
    let data = try demonstrationData(settings.data, seeds: settings.seeds, jobs: settings.jobs)
    guard let last = settings.readings.last, settings.readings.first! >= 1,
          zip(settings.readings, settings.readings.dropFirst()).allSatisfy({ $0 < $1 }) else {
        throw TrainingError.invalidConfig("readings must be positive and increasing, got \(settings.readings)")
    }
    guard makeObjective(settings.objective) != nil else { throw TrainingError.invalidConfig("unknown objective '\(settings.objective)'") }
    let counter = ProgressCounter("training", total: settings.seeds.count * last, handler: progress)
    let perSeed = try parallelMap(settings.seeds.count, threads: settings.jobs) { index -> [SampleMetrics] in
        let objective = makeObjective(settings.objective)!
        var config = TrainingConfig(objective: objective.name, data: data.name, settings: objective.recommendedSettings)
        config.steps = last; config.batchSize = settings.batchSize
        config.width = settings.width; config.depth = settings.depth; config.initialization = .he()
        config.evaluationSamples = settings.evaluationSamples; config.seed = settings.seeds[index]
        config.logEvery = last; config.metricsEvery = 0
        var scores: [SampleMetrics] = []
        let stage = "seed \(settings.seeds[index])"
        // The last reading is the run's final entry, which the trainer scores itself.
        let record = try runTraining(config: config, objective: objective, data: data, afterStep: { trainer in
            if trainer.step < last && settings.readings.contains(trainer.step) { scores.append(trainer.evaluate()) }
            counter.advance(stage: stage)
        }).record
        return scores + [record.final]
    }
    let readings = settings.readings.indices.map { r in
        let metrics = perSeed.map { $0[r] }
        let shares = metrics.map { $0.highQualityShare ?? 0 }
        return SharpnessReading(step: settings.readings[r], metrics: metrics,
                                modes: SeedSummary(metrics.map { Double($0.modesCovered ?? 0) }),
                                highQualityShare: SeedSummary(shares),
                                seedsAtPaperLevel: shares.filter { $0 >= Sharpness.paperLevel }.count)
    }
    func compare(_ f: (SampleMetrics) -> Double) -> SeedComparison {
        compareSeeds(readings.first!.metrics.map(f), readings.last!.metrics.map(f))
    }
    return Sharpness(settings: settings, readings: readings,
                     modes: compare { Double($0.modesCovered ?? 0) }, highQualityShare: compare { $0.highQualityShare ?? 0 },
                     departures: settings.departures)
}
