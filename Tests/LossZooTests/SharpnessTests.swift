import Foundation
import Testing
import Metrics
import Training
import ToyData
import JSDivergence
@testable import LossZoo

@Suite("Sharp samples take updates")
struct SharpnessTests {
    static let tiny = SharpnessSettings(seeds: [3, 4, 5], readings: [2, 5, 9], batchSize: 16, width: 8, depth: 1,
                                        evaluationSamples: 200, jobs: 1)
    static let objectives: @Sendable (String) -> (any GANObjective)? = { $0 == "gan" ? StandardGAN() : nil }

    /// A plain run of `steps` updates with the experiment's settings for `seed`.
    static func plainTrainer(seed: UInt64, steps: Int) throws -> GANTrainer {
        var config = TrainingConfig(objective: "gan", data: "ring8", settings: StandardGAN().recommendedSettings)
        config.steps = steps; config.batchSize = 16; config.width = 8; config.depth = 1; config.initialization = .he()
        config.evaluationSamples = 200; config.seed = seed; config.logEvery = steps; config.metricsEvery = 0
        return try runTraining(config: config, objective: StandardGAN(), data: GaussianMixture.ring8()).trainer
    }

    @Test("every reading is the plain run stopped at that step, scored; threads change nothing")
    func readingsAreStoppedRuns() throws {
        let one = try runSharpness(Self.tiny, makeObjective: Self.objectives)
        var parallel = Self.tiny; parallel.jobs = 3
        let three = try runSharpness(parallel, makeObjective: Self.objectives)
        #expect(three.readings == one.readings && three.highQualityShare == one.highQualityShare && three.modes == one.modes)
        #expect(one.readings.map(\.step) == [2, 5, 9])
        for (r, steps) in [(0, 2), (1, 5), (2, 9)] {
            let plain = try Self.plainTrainer(seed: 4, steps: steps).evaluate()
            #expect(one.readings[r].metrics[1] == plain, "reading \(r) of seed 4")
        }
    }

    @Test("the summaries, the count at the paper's level and the comparison are computed from the readings")
    func statistics() throws {
        let r = try runSharpness(Self.tiny, makeObjective: Self.objectives)
        for reading in r.readings {
            let shares = reading.metrics.map { $0.highQualityShare! }
            #expect(reading.highQualityShare == SeedSummary(shares))
            #expect(reading.seedsAtPaperLevel == shares.filter { $0 >= 0.93 }.count)
        }
        let hq = compareSeeds(r.readings[0].metrics.map { $0.highQualityShare! }, r.readings[2].metrics.map { $0.highQualityShare! })
        #expect(r.highQualityShare == hq)
        #expect(r.departures.contains { $0.contains("9 updates of batch 16") })
    }

    @Test("readings that are not positive and increasing, and unknown names, are refused with a sentence",
          arguments: [[], [0, 3], [5, 5], [6, 2]])
    func refusals(readings: [Int]) {
        var s = Self.tiny; s.readings = readings
        #expect(throws: TrainingError.self) { try runSharpness(s, makeObjective: Self.objectives) }
        s = Self.tiny; s.objective = "nope"
        #expect(throws: TrainingError.self) { try runSharpness(s, makeObjective: Self.objectives) }
        s = Self.tiny; s.data = "ring9"
        #expect(throws: TrainingError.self) { try runSharpness(s, makeObjective: Self.objectives) }
    }
}
