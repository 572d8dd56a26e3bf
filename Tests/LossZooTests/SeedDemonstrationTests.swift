import Foundation
import Testing
import Autodiff
import Metrics
import NeuralNet
import Training
import ToyData
import JSDivergence
@testable import LossZoo

@Suite("Claims shown over seeds")
struct SeedDemonstrationTests {
    static let tiny = SeedDemonstrationSettings(seeds: [3, 4, 5], steps: 4, batchSize: 16, width: 8, depth: 1,
                                                evaluationSamples: 100, jobs: 1)
    static let objectives: @Sendable (String) -> (any GANObjective)? = { name in
        name == "gan" ? StandardGAN() : name == "pacgan" ? PacGAN(packing: 4) : nil
    }

    @Test("each seed is the plain training run of its arm, the statistics are compareSeeds on them, and threads change nothing")
    func matchesPlainRuns() throws {
        let one = try runSeedDemonstration(Self.tiny, makeObjective: Self.objectives)
        var parallel = Self.tiny; parallel.jobs = 3
        let two = try runSeedDemonstration(parallel, makeObjective: Self.objectives)
        #expect(one.baseline == two.baseline && one.treatment == two.treatment && one.modes == two.modes)

        var config = TrainingConfig(objective: "pacgan", data: "grid25", settings: PacGAN(packing: 4).recommendedSettings)
        config.steps = 4; config.batchSize = 16; config.width = 8; config.depth = 1; config.initialization = .he()
        config.evaluationSamples = 100; config.seed = 4; config.logEvery = 4; config.metricsEvery = 0
        let plain = try runTraining(config: config, objective: PacGAN(packing: 4), data: GaussianMixture.grid25()).record.final
        #expect(one.treatment[1] == plain)
        let expected = compareSeeds(one.baseline.map { Double($0.modesCovered!) }, one.treatment.map { Double($0.modesCovered!) })
        #expect(one.modes == expected)
    }

    @Test("the departures from PacGAN's protocol are listed, initialisation included")
    func departures() {
        let d = SeedDemonstrationSettings().departures
        #expect(d.contains { $0.contains("3 x 128 ReLU") } && d.contains { $0.contains("he initialisation, not N(0, 0.02^2)") })
    }

    @Test("unknown names are refused with a sentence")
    func refusals() {
        var s = Self.tiny; s.data = "ring9"
        #expect(throws: TrainingError.self) { try runSeedDemonstration(s, makeObjective: Self.objectives) }
        s = Self.tiny; s.treatment.objective = "nope"
        #expect(throws: TrainingError.self) { try runSeedDemonstration(s, makeObjective: Self.objectives) }
    }
}
