import Foundation
import Testing
import Autodiff
import NeuralNet
import ToyData
import JSDivergence
@testable import Training

/// A small, fast configuration: the numbers differ from a real run, the mechanics do not.
func smallConfig(steps: Int = 40, seed: UInt64 = 7, data: String = "ring8") -> TrainingConfig {
    var c = TrainingConfig(objective: "gan", data: data, settings: StandardGAN().recommendedSettings)
    c.steps = steps; c.seed = seed; c.width = 16; c.depth = 2; c.batchSize = 32
    c.logEvery = 10; c.metricsEvery = 20; c.evaluationSamples = 200
    return c
}

/// The standard GAN, except that the discriminator loss becomes NaN from step `poisonStep` on.
final class PoisonedGAN: GANObjective {
    let base = StandardGAN()
    let poisonStep: Int
    var calls = 0
    init(poisonStep: Int) { self.poisonStep = poisonStep }
    var name: String { "gan" }
    var summary: String { "test objective" }
    var recommendedSettings: ObjectiveSettings { base.recommendedSettings }
    func discriminatorLoss(discriminator: any Layer, real: Variable, fake: Variable, using rng: inout SeededGenerator) -> LossTerms {
        calls += 1
        var t = base.discriminatorLoss(discriminator: discriminator, real: real, fake: fake, using: &rng)
        if calls >= poisonStep { t.loss = t.loss * Double.nan }
        return t
    }
    func generatorLoss(discriminator: any Layer, real: Variable, fake: Variable) -> LossTerms {
        base.generatorLoss(discriminator: discriminator, real: real, fake: fake)
    }
}

@Suite("The training loop")
struct TrainerTests {
    @Test("the same configuration gives bit-identical logs, metrics and weights")
    func determinism() throws {
        let data = try ToyDatasets.named("ring8")
        let a = try runTraining(config: smallConfig(), objective: StandardGAN(), data: data)
        let b = try runTraining(config: smallConfig(), objective: StandardGAN(), data: data)
        #expect(a.record.log == b.record.log)
        #expect(a.record.final == b.record.final)
        #expect(a.trainer.generator.snapshot() == b.trainer.generator.snapshot())
        let c = try runTraining(config: smallConfig(seed: 8), objective: StandardGAN(), data: data)
        #expect(c.trainer.generator.snapshot() != a.trainer.generator.snapshot())
    }

    @Test("200 steps straight equal 100 steps, a checkpoint on disk, a resume and 100 more")
    func resumeIsBitIdentical() throws {
        let data = try ToyDatasets.named("ring8")
        var config = smallConfig(steps: 200)
        config.generatorBatchNorm = true           // running statistics must survive too
        let straight = try GANTrainer(config: config, objective: StandardGAN(), data: data)
        try straight.train()

        let first = try GANTrainer(config: config, objective: StandardGAN(), data: data)
        try first.train(until: 100)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gannotes-resume-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try first.checkpoint().save(to: url)
        let resumed = try GANTrainer(resuming: Checkpoint.load(from: url), objective: StandardGAN(), data: data)
        #expect(resumed.step == 100)
        try resumed.train()

        #expect(resumed.generator.snapshot() == straight.generator.snapshot())
        #expect(resumed.discriminator.snapshot() == straight.discriminator.snapshot())
        #expect(resumed.log == straight.log)
    }

    @Test("a NaN loss stops the run and names the step and the quantity")
    func nanGuard() throws {
        let data = try ToyDatasets.named("ring8")
        var config = smallConfig()
        config.nCritic = 2
        let trainer = try GANTrainer(config: config, objective: PoisonedGAN(poisonStep: 7), data: data)
        // The 7th discriminator update falls in generator step 4 (two updates per step).
        let error = #expect(throws: TrainingError.self) { try trainer.train() }
        guard case let .nonFinite(step, quantity, value)? = error else {
            Issue.record("expected a non-finite error, got \(String(describing: error))"); return
        }
        #expect(step == 4 && quantity == "discriminator loss" && value.isNaN)
        #expect(trainer.step == 4)
        let message = try #require(error).description
        #expect(message == "training stopped at step 4: the discriminator loss became nan (try a smaller learning rate with --lr, or another objective)")
    }

    @Test("impossible settings are refused with a message naming the setting",
          arguments: [("steps", "steps must be at least 1, got 0"), ("batch", "batch size must be at least 2, got 0"),
                      ("lr", "the generator learning rate must be a positive number, got -0.001"),
                      ("beta", "the discriminator's Adam betas must lie in [0, 1), got 1.0, 0.999"),
                      ("ncritic", "n-critic must be at least 1, got 0")])
    func invalidConfig(_ field: String, _ expected: String) throws {
        var c = smallConfig()
        switch field {
        case "steps": c.steps = 0
        case "batch": c.batchSize = 0
        case "lr": c.generatorOptimizer.learningRate = -0.001
        case "beta": c.discriminatorOptimizer.beta1 = 1
        default: c.nCritic = 0
        }
        #expect(throws: TrainingError.invalidConfig(expected)) {
            try GANTrainer(config: c, objective: StandardGAN(), data: try ToyDatasets.named("ring8"))
        }
    }

    @Test("the run record has the documented top-level keys and final metrics")
    func recordFormat() throws {
        let (record, _) = try runTraining(config: smallConfig(steps: 10), objective: StandardGAN(),
                                          data: try ToyDatasets.named("ring8"))
        let object = try #require(try JSONSerialization.jsonObject(with: record.jsonData()) as? [String: Any])
        #expect(Set(object.keys) == ["config", "log", "final", "wall_seconds"])
        let final = try #require(object["final"] as? [String: Any])
        for key in ["modes_covered", "modes_total", "high_quality_share", "w1", "mmd"] { #expect(final[key] != nil, "\(key)") }
        #expect(final["modes_total"] as? Int == 8)
        let log = try #require(object["log"] as? [[String: Any]])
        #expect(log.map { $0["step"] as? Int } == [1, 10])
        // Decoding gives back the same record.
        let decoded = try RunRecord.decoder.decode(RunRecord.self, from: record.jsonData())
        #expect(decoded.log == record.log && decoded.config == record.config)
    }

    /// What this does not show: that D's fakes are detached (D's update reads only D's gradients,
    /// so G would stay put either way). PitfallTests' DetachProbe checks the detaching itself.
    @Test("a training step with G's rate near 0 moves D's weights and leaves G's as they were")
    func discriminatorStepDoesNotMoveGenerator() throws {
        var config = smallConfig(steps: 1)
        config.generatorOptimizer.learningRate = 1e-300   // the generator update itself is then negligible
        let trainer = try GANTrainer(config: config, objective: StandardGAN(), data: try ToyDatasets.named("ring8"))
        let before = trainer.generator.snapshot(), dBefore = trainer.discriminator.snapshot()
        try trainer.train()
        #expect(trainer.discriminator.snapshot() != dBefore)
        for (a, b) in zip(trainer.generator.snapshot().parameters, before.parameters) {
            #expect(a.maxAbsoluteDifference(b) < 1e-290)
        }
    }

    @Test("a short run on a single Gaussian moves the generator towards the data", .tags(.slow))
    func learnsAGaussian() throws {
        var config = smallConfig(steps: 300, data: "gaussian")
        config.width = 32; config.batchSize = 64; config.metricsEvery = 300; config.evaluationSamples = 256
        let trainer = try GANTrainer(config: config, objective: StandardGAN(), data: try ToyDatasets.named("gaussian"))
        let start = trainer.evaluate().w1
        try trainer.train()
        let end = try #require(trainer.log.last?.metrics).w1
        // W1 between two independent 256-point samples of the same Gaussian is about 0.15.
        #expect(end < start / 2 && end < 0.4, "W1 \(start) -> \(end)")
    }
}

extension Tag {
    @Tag static var slow: Self
}

@Suite("Training one player while the other stays fixed")
struct OnlyTrainTests {
    @Test("onlyTrain freezes exactly the other player", arguments: TrainingConfig.Player.allCases)
    func frozenPlayerDoesNotMove(_ trained: TrainingConfig.Player) throws {
        var config = smallConfig(steps: 5)
        config.onlyTrain = trained
        let trainer = try GANTrainer(config: config, objective: StandardGAN(), data: try ToyDatasets.named("ring8"))
        let g0 = trainer.generator.snapshot(), d0 = trainer.discriminator.snapshot()
        try trainer.train()
        let gMoved = trainer.generator.snapshot() != g0, dMoved = trainer.discriminator.snapshot() != d0
        #expect(gMoved == (trained == .generator))
        #expect(dMoved == (trained == .discriminator))
    }

    @Test("stepping reports every single update in order")
    func updatesInOrder() throws {
        var config = smallConfig(steps: 2)
        config.nCritic = 3
        let trainer = try GANTrainer(config: config, objective: StandardGAN(), data: try ToyDatasets.named("ring8"))
        var seen: [String] = []
        while trainer.step < 2 {
            try trainer.trainStep { update in
                switch update {
                case let .discriminator(step, index, of, _): seen.append("\(step)D\(index)/\(of)")
                case let .generator(step, _): seen.append("\(step)G")
                }
            }
        }
        #expect(seen == ["1D1/3", "1D2/3", "1D3/3", "1G", "2D1/3", "2D2/3", "2D3/3", "2G"])
    }
}
