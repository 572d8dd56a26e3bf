import Foundation
import Metrics
import ToyData
import Training

/// One objective on one data set over seeds, read as a meter.
///
/// The statistic is a seed-level one. Each seed gives one number, Spearman's rank correlation
/// between the objective's estimate and the exact W1 over that run's readings; the seeds are
/// the independent units, and the question is whether their mean is above 0:
///
/// ```
/// rho_s = Spearman( estimate_s(t), W1_s(t) ) over the readings t of seed s
/// meter = mean_s rho_s ± SE,   p = sign-flip test of "mean > 0" over the seeds (signFlipTest)
/// ```
///
/// Why a sign-flip test over seeds, and not a permutation of the readings within a run: two
/// quantities that both drift during training rank-correlate whatever their relation, and the
/// readings of one run are not exchangeable (each depends on the last), so shuffling them would
/// give p-values far too small. Whole runs are exchangeable; under "the meter carries no
/// information" each seed's rho is as likely to be negative as positive, which is what flipping
/// signs samples. The price: `n` seeds can give at best `p = 1 / 2^n` (0.0039 for 8).
public struct LossMeterGroup: Codable, Sendable, Hashable {
    public var objective: String
    public var data: String
    /// One run per seed, in seed order.
    public var runs: [LossMeterRun]
    /// Over the seeds' whole-run rank correlations (a constant series counts as 0).
    public var meter: SignFlipTest
    /// The same over the readings after the warm-up.
    public var meterAfterWarmup: SignFlipTest

    enum CodingKeys: String, CodingKey { case objective, data, runs, meter, meterAfterWarmup = "meter_after_warmup" }
}

/// The seed-level `loss-meter` experiment.
public struct LossMeterSeedsResult: Codable, Sendable, Hashable {
    public var settings: LossMeterSettings
    public var seeds: [UInt64]
    /// Objective by data set: every objective on the first data set, then on the next.
    public var groups: [LossMeterGroup]
    /// Per data set, when two or more objectives ran: the second objective's seed correlations
    /// (`a`) against the first's (`b`), so `difference` is first minus second (WGAN-GP minus GAN
    /// in the CLI), with its two-sided permutation p-value (`compareSeeds`).
    public var comparisons: [SeedComparison]
}

/// `lossMeterRun` for every objective, data set and seed (`jobs` runs at a time), summarised per
/// objective and data set over the seeds (`LossMeterGroup`).
///
/// - Parameters:
///   - objectives: makers of fresh objectives; the CLI passes WGAN-GP and the original GAN.
///   - seeds: one run per seed of each objective on each data set.
/// - Throws: `TrainingError` from a run (an impossible configuration or non-finite losses).
public func lossMeterSeedsExperiment(objectives: [@Sendable () -> any GANObjective], datasets: [any ToyDistribution],
                                     settings: LossMeterSettings, seeds: [UInt64], jobs: Int = 2,
                                     progress: @escaping ProgressHandler = ignoreProgress) throws -> LossMeterSeedsResult {
    precondition(!seeds.isEmpty && !objectives.isEmpty && jobs >= 1, "lossMeterSeedsExperiment: needs seeds, objectives and jobs >= 1")
    let cells = datasets.flatMap { data in objectives.map { (data, $0) } }
    let jobList = cells.indices.flatMap { c in seeds.map { (c, $0) } }
    let counter = ProgressCounter("training \(jobList.count) runs", total: jobList.count * settings.steps, handler: progress)
    let runs = try parallelMap(jobList.count, threads: jobs) { i -> LossMeterRun in
        let (c, seed) = jobList[i]
        let objective = cells[c].1()
        let stage = "\(objective.name) on \(cells[c].0.name), seed \(seed)"
        return try lossMeterRun(objective: objective, data: cells[c].0, settings: settings, seed: seed,
                                afterStep: { counter.advance(stage: stage) })
    }
    let groups = cells.indices.map { c -> LossMeterGroup in
        let mine = Array(runs[(c * seeds.count)..<((c + 1) * seeds.count)])
        return LossMeterGroup(objective: mine[0].objective, data: mine[0].data, runs: mine,
                              meter: signFlipTest(mine.map { $0.rankCorrelation ?? 0 }),
                              meterAfterWarmup: signFlipTest(mine.map { $0.rankCorrelationAfterWarmup ?? 0 }))
    }
    var comparisons: [SeedComparison] = []
    if objectives.count >= 2 {
        for d in datasets.indices {
            let first = groups[d * objectives.count], second = groups[d * objectives.count + 1]
            comparisons.append(compareSeeds(second.runs.map { $0.rankCorrelation ?? 0 }, first.runs.map { $0.rankCorrelation ?? 0 }))
        }
    }
    return LossMeterSeedsResult(settings: settings, seeds: seeds, groups: groups, comparisons: comparisons)
}
