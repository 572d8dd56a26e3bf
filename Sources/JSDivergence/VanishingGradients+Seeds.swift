import Foundation
import Autodiff
import Metrics
import Training

extension VanishingGradients {
    /// The vanishing-gradient measurements of several seeds side by side, so one seed's curve can
    /// be read against the scatter of the others.
    ///
    /// The falls are ratios spanning orders of magnitude, so they are summarised on a log scale:
    /// the mean and standard error of `log10(minimaxFall)` and of `log10(nonSaturatingChange)`
    /// over the seeds (`SeedSummary`).
    public struct AcrossSeeds: Codable, Sendable {
        public var seeds: [UInt64]
        /// Per seed, in `seeds` order.
        public var minimaxFall: [Double]
        public var nonSaturatingChange: [Double]
        /// The smallest `nonSaturating[t] / nonSaturating[0]` of each seed's run (1: never below its start).
        public var nonSaturatingLowest: [Double]
        public var hundredfoldFallStep: [Int?]
        public var finalDFake: [Double]
        /// Mean ± SE of the log10 falls over the seeds.
        public var log10MinimaxFall: SeedSummary
        public var log10NonSaturatingChange: SeedSummary
        /// The slowest hundredfold fall (`nil` when some seed never fell a hundredfold).
        public var slowestHundredfoldFall: Int?

        enum CodingKeys: String, CodingKey {
            case seeds, minimaxFall = "minimax_fall", nonSaturatingChange = "non_saturating_change"
            case nonSaturatingLowest = "non_saturating_lowest"
            case hundredfoldFallStep = "hundredfold_fall_step", finalDFake = "final_d_fake"
            case log10MinimaxFall = "log10_minimax_fall", log10NonSaturatingChange = "log10_non_saturating_change"
            case slowestHundredfoldFall = "slowest_hundredfold_fall"
        }
    }

    /// Runs the experiment once per seed (`threads` at a time) and returns the first seed's result
    /// with `acrossSeeds` filled in from all of them.
    public static func runSeeds(settings: Settings = Settings(), seeds: [UInt64], threads: Int? = nil,
                                progress: @escaping ProgressHandler = ignoreProgress) throws -> Result {
        precondition(!seeds.isEmpty, "vanishing-gradients: needs at least one seed")
        let counter = ProgressCounter("training D", total: seeds.count * Swift.max(settings.steps, 1), handler: progress)
        let results = try parallelMap(seeds.count, threads: threads) { i in
            // `run` reports every 25 discriminator steps.
            try run(settings: settings, seed: seeds[i], progress: { _ in counter.advance(25, stage: "seed \(seeds[i])") })
        }
        var first = results[0]
        let steps = results.map(\.hundredfoldFallStep)
        first.acrossSeeds = AcrossSeeds(
            seeds: seeds, minimaxFall: results.map(\.minimaxFall), nonSaturatingChange: results.map(\.nonSaturatingChange),
            nonSaturatingLowest: results.map { $0.nonSaturatingRange[0] },
            hundredfoldFallStep: steps, finalDFake: results.map { $0.dFake.last! },
            log10MinimaxFall: SeedSummary(results.map { Foundation.log10($0.minimaxFall) }),
            log10NonSaturatingChange: SeedSummary(results.map { Foundation.log10($0.nonSaturatingChange) }),
            slowestHundredfoldFall: steps.contains { $0 == nil } ? nil : steps.compactMap { $0 }.max())
        return first
    }
}

/// `sqrt(mean_i ||x_i - mean(x)||^2)` of the rows of `x` ([N, d]).
func rmsSpread(_ x: Tensor) -> Double {
    let rows = x.rows
    let d = x.shape[1]
    let mean = (0..<d).map { j in rows.reduce(0) { $0 + $1[j] } / Double(rows.count) }
    let total = rows.reduce(0) { sum, r in sum + zip(r, mean).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } }
    return (total / Double(rows.count)).squareRoot()
}
