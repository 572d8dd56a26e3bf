import Foundation
import Testing
import Autodiff
import NeuralNet
import ToyData
import Training
@testable import EquilibriumControl

@Suite("The BEGAN objective")
struct BEGANTests {
    @Test("both BEGAN losses pass gradient checks (D in the autoencoder's parameters; G in the fakes and parameters), eta 1 and 2, k in (0, 1)",
          arguments: 0..<12)
    func gradientChecks(seed: Int) {
        for eta in [1, 2] {
            let began = BEGAN(eta: eta)
            // A k strictly inside (0, 1) so the fake term of L_D is really checked.
            began.state = ["k": 0.37]
            let (d, g) = GradientCheck.checkObjective(began, seed: UInt64(seed))
            #expect(d.passes(), "seed \(seed), eta \(eta), L_D: \(d)")
            #expect(g.passes(), "seed \(seed), eta \(eta), L_G: \(g)")
            #expect(began.controller.k == 0.37, "checkObjective must put the state back")
        }
    }

    @Test("L_D = L(x) - k L(G(z)) and L_G = L(G(z)) on a batch, with the critic's own L, for k = 0.37")
    func lossFormulas() {
        var rng = SeededGenerator(seed: 11)
        let began = BEGAN(eta: 1)
        began.state = ["k": 0.37]
        let critic = began.makeDiscriminator(inputDimension: 2, hidden: [6], activation: .relu, using: &rng) as! AutoencoderCritic
        let real = Variable(Tensor.randomNormal([8, 2], using: &rng))
        let fake = Variable(Tensor.randomNormal([8, 2], using: &rng))
        let lReal = critic.reconstructionLoss(real, eta: 1).mean().scalar
        let lFake = critic.reconstructionLoss(fake, eta: 1).mean().scalar
        let d = began.discriminatorLoss(discriminator: critic, real: real, fake: fake, using: &rng)
        let g = began.generatorLoss(discriminator: critic, real: real, fake: fake)
        #expect(Swift.abs(d.loss.scalar - (lReal - 0.37 * lFake)) <= 1e-14)
        #expect(Swift.abs(g.loss.scalar - lFake) <= 1e-14)
        #expect(d.figures["k"] == 0.37 && d.figures["l_real"] == lReal)
        // M_global uses this step's L(x) and the generator's L(G(z)).
        #expect(Swift.abs(g.figures["m_global"]! - (lReal + Swift.abs(0.5 * lReal - lFake))) <= 1e-14)
    }

    @Test("afterGeneratorStep moves k by lambda_k (gamma L(x) - L(G(z_G))); a fixed k never moves", arguments: 0..<10)
    func controllerStep(seed: Int) {
        var rng = SeededGenerator(seed: UInt64(seed))
        let realLoss = rng.nextUniform(), genLoss = rng.nextUniform()
        let dTerms = LossTerms(loss: Variable(Tensor(0)), figures: ["l_real": realLoss])
        let gTerms = LossTerms(loss: Variable(Tensor(genLoss)))
        let began = BEGAN(gamma: 0.7, lambdaK: 0.01)
        began.state = ["k": 0.5]
        began.afterGeneratorStep(discriminatorTerms: dTerms, generatorTerms: gTerms)
        #expect(Swift.abs(began.controller.k - (0.5 + 0.01 * (0.7 * realLoss - genLoss))) <= 1e-15, "seed \(seed)")
        for k in [0.0, 1.0] {
            let fixed = BEGAN(control: .fixed(k))
            fixed.afterGeneratorStep(discriminatorTerms: dTerms, generatorTerms: gTerms)
            #expect(fixed.controller.k == k)
        }
    }

    @Test("k starts at k_0 = 0; criticValue is -L(v), higher where the autoencoder rebuilds better")
    func defaultsAndCriticValue() {
        var rng = SeededGenerator(seed: 5)
        let began = BEGAN()
        #expect(began.controller.k == 0 && began.lambdaK == 0.001 && began.gamma == 0.5 && began.eta == 1)
        let critic = began.makeDiscriminator(inputDimension: 2, hidden: [6], activation: .relu, using: &rng) as! AutoencoderCritic
        let points = Tensor.randomNormal([9, 2], using: &rng)
        let value = began.criticValue(discriminator: critic, at: points)
        let loss = critic.reconstructionLoss(Variable(points), eta: 1, training: false).value
        #expect(value.shape == [9] && value.scalars == loss.scalars.map { -$0 })
    }
}

/// A tiny, fast BEGAN configuration for the trainer tests.
func tinyBEGANConfig(_ began: BEGAN, steps: Int, seed: UInt64 = 3) -> TrainingConfig {
    var c = TrainingConfig(objective: began.name, data: "ring8", settings: began.recommendedSettings)
    c.steps = steps; c.seed = seed; c.width = 8; c.depth = 1; c.batchSize = 16
    c.logEvery = 5; c.metricsEvery = 0; c.evaluationSamples = 50
    c.generatorOptimizer.learningRate = 1e-3; c.discriminatorOptimizer.learningRate = 1e-3
    return c
}

/// An objective whose learning-rate scale is fixed, to test the trainer's hook.
final class ScaledBEGAN: GANObjective {
    let base = BEGAN(lambdaK: 0.01)
    let scale: Double
    init(scale: Double) { self.scale = scale }
    var name: String { base.name }
    var summary: String { base.summary }
    var recommendedSettings: ObjectiveSettings { base.recommendedSettings }
    func makeDiscriminator(inputDimension: Int, hidden: [Int], activation: ActivationKind, initialization: Initialization, using rng: inout SeededGenerator) -> any Layer {
        base.makeDiscriminator(inputDimension: inputDimension, hidden: hidden, activation: activation, initialization: initialization, using: &rng)
    }
    func discriminatorLoss(discriminator: any Layer, real: Variable, fake: Variable, using rng: inout SeededGenerator) -> LossTerms {
        base.discriminatorLoss(discriminator: discriminator, real: real, fake: fake, using: &rng)
    }
    func generatorLoss(discriminator: any Layer, real: Variable, fake: Variable) -> LossTerms {
        base.generatorLoss(discriminator: discriminator, real: real, fake: fake)
    }
    func afterGeneratorStep(discriminatorTerms: LossTerms, generatorTerms: LossTerms) {
        base.afterGeneratorStep(discriminatorTerms: discriminatorTerms, generatorTerms: generatorTerms)
    }
    var learningRateScale: Double { scale }
}

@Suite("BEGAN in the trainer")
struct BEGANTrainerTests {
    @Test("k is part of the checkpoint: 60 steps straight equal 30, a checkpoint on disk, a resume and 30 more")
    func checkpointKeepsK() throws {
        let data = try ToyDatasets.named("ring8")
        // k_0 = 0.5, so k is free to move either way, and a short decay window, so the schedule moves too.
        let decay = PlateauDecay(window: 7)
        func make() -> BEGAN { BEGAN(lambdaK: 0.05, initialK: 0.5, decay: decay) }
        let config = tinyBEGANConfig(make(), steps: 60)
        let straightObjective = make()
        let straight = try GANTrainer(config: config, objective: straightObjective, data: data)
        try straight.train()

        let first = try GANTrainer(config: config, objective: make(), data: data)
        try first.train(until: 30)
        let saved = first.checkpoint()
        #expect(saved.objectiveState["k"] != nil && saved.objectiveState["k"]! != 0.5, "k must have moved and be saved")
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gannotes-began-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try saved.save(to: url)
        let resumedObjective = make()
        let resumed = try GANTrainer(resuming: Checkpoint.load(from: url), objective: resumedObjective, data: data)
        try resumed.train()
        #expect(resumedObjective.controller.k == straightObjective.controller.k)
        #expect(resumedObjective.schedule == straightObjective.schedule)
        #expect(straightObjective.schedule!.scale < 1, "the decay must have fired for this test to mean anything")
        #expect(resumed.generator.snapshot() == straight.generator.snapshot())
        #expect(resumed.log == straight.log)
    }

    @Test("the trainer applies learningRateScale: plain SGD at scale 1/2 equals the configured rate halved")
    func learningRateScaleHook() throws {
        let data = try ToyDatasets.named("ring8")
        var halved = tinyBEGANConfig(BEGAN(), steps: 12)
        halved.generatorOptimizer = .sgd(0.05); halved.discriminatorOptimizer = .sgd(0.05)
        var full = halved
        full.generatorOptimizer = .sgd(0.1); full.discriminatorOptimizer = .sgd(0.1)
        let a = try GANTrainer(config: full, objective: ScaledBEGAN(scale: 0.5), data: data)
        let b = try GANTrainer(config: halved, objective: ScaledBEGAN(scale: 1), data: data)
        try a.train(); try b.train()
        #expect(a.generator.snapshot() == b.generator.snapshot())
        #expect(a.discriminator.snapshot() == b.discriminator.snapshot())
        let c = try GANTrainer(config: full, objective: ScaledBEGAN(scale: 1), data: data)
        try c.train()
        #expect(c.generator.snapshot() != a.generator.snapshot())
    }
}
