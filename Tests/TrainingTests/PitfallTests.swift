import Testing
import Autodiff
import NeuralNet
import ToyData
import JSDivergence
@testable import Training

/// The standard GAN, recording whether the fake batch it is handed carries a graph back to G.
final class DetachProbe: GANObjective {
    let base = StandardGAN()
    var discriminatorFakeTracksG: [Bool] = []
    var generatorFakeTracksG: [Bool] = []
    var name: String { "gan" }
    var summary: String { "probe" }
    var recommendedSettings: ObjectiveSettings { base.recommendedSettings }
    func discriminatorLoss(discriminator: any Layer, real: Variable, fake: Variable, using rng: inout SeededGenerator) -> LossTerms {
        discriminatorFakeTracksG.append(fake.requiresGradient)
        return base.discriminatorLoss(discriminator: discriminator, real: real, fake: fake, using: &rng)
    }
    func generatorLoss(discriminator: any Layer, real: Variable, fake: Variable) -> LossTerms {
        generatorFakeTracksG.append(fake.requiresGradient)
        return base.generatorLoss(discriminator: discriminator, real: real, fake: fake)
    }
}

@Suite("Pitfalls of popular GAN code, kept out (docs/pitfalls.md)")
struct PitfallTests {
    /// Pitfall 6, first half: the discriminator step sees fakes cut from G's graph, so it neither
    /// moves G nor pays for a backward pass through it.
    @Test("the discriminator step gets detached fakes; the generator step gets fakes that reach G")
    func detachOnlyInTheDiscriminatorStep() throws {
        var config = smallConfig(steps: 3)
        config.nCritic = 2
        let probe = DetachProbe()
        let trainer = try GANTrainer(config: config, objective: probe, data: try ToyDatasets.named("ring8"))
        try trainer.train()
        #expect(probe.discriminatorFakeTracksG == [false, false, false, false, false, false])
        #expect(probe.generatorFakeTracksG == [true, true, true])
    }

    /// Pitfall 6, second half: why the generator step must not detach. With detached fakes the
    /// loss no longer depends on G's parameters, and G's gradient is exactly zero.
    @Test("detaching the fakes in the generator step would zero the generator's gradient", arguments: UInt64(0)..<5)
    func detachingInTheGeneratorStepStopsLearning(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let g = MLP(widths: [2, 8, 2], activation: .relu, using: &rng)
        let d = MLP(widths: [2, 8, 1], activation: .relu, using: &rng)
        let fake = g(Variable(Tensor.randomNormal([16, 2], using: &rng)), training: true)
        let objective = StandardGAN()
        let right = gradients(of: objective.generatorLoss(discriminator: d, real: fake, fake: fake).loss, wrt: g.parameters)
        let wrong = gradients(of: objective.generatorLoss(discriminator: d, real: fake, fake: fake.detached()).loss, wrt: g.parameters)
        #expect(right.contains { $0.value.abs().sum().scalar > 0 }, "seed \(seed)")
        #expect(wrong.allSatisfy { $0.value.abs().sum().scalar == 0 }, "seed \(seed)")
    }

    /// Pitfall 1: BatchNorm's epsilon defaults to PyTorch's 1e-5 everywhere a run can set it.
    @Test("BatchNorm's epsilon is 1e-5 by default in the layer, the MLP and the training configuration")
    func batchNormEpsilonDefaults() {
        var rng = SeededGenerator(seed: 0)
        #expect(BatchNorm(features: 2).epsilon == 1e-5)
        let mlp = MLP(widths: [2, 4, 2], batchNorm: true, using: &rng)
        let bn = mlp.body.layers.compactMap { $0 as? BatchNorm }
        #expect(bn.count == 1 && bn[0].epsilon == 1e-5)
        #expect(smallConfig().batchNormEpsilon == 1e-5)
    }
}
