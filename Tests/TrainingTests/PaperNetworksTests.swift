import Foundation
import Testing
import Autodiff
import NeuralNet
import ToyData
import JSDivergence
@testable import Training

@Suite("Paper networks and initialisation choice")
struct PaperNetworksTests {
    /// PacGAN's released code (pacgan_task.py): G 2 -> 4 x 400 (no bias, BatchNorm with scale and
    /// shift, ReLU) -> 2 with bias; D (2m) -> 3 maxout layers of 200 units x 5 pieces -> 1.
    @Test("PacGAN's networks have the parameter counts of its released code", arguments: [1, 2, 3, 4])
    func pacganCounts(packing: Int) {
        var rng = SeededGenerator(seed: 1)
        let g = NetworkArchitecture.pacganPaper.makeGenerator(dataDimension: 2, using: &rng)
        let d = NetworkArchitecture.pacganPaper.makeDiscriminator(inputWidth: 2 * packing, using: &rng)
        let linear = 2 * 400 + 3 * 400 * 400 + 400 * 2 + 2, batchNorm = 4 * 2 * 400
        #expect(g.parameterCount == linear + batchNorm)
        #expect(g.parameterCount == 484_802)
        let maxout = (2 * packing + 1) * 200 * 5 + 2 * (200 + 1) * 200 * 5
        #expect(d.parameterCount == maxout + 201)
        #expect(d.parameterCount == 403_201 + 2000 * packing)
    }

    @Test("WGAN-GP's gan_toy.py networks: 3 x 512 ReLU, 527 874 and 527 361 parameters")
    func wganToyCounts() {
        var rng = SeededGenerator(seed: 1)
        #expect(NetworkArchitecture.wganGPToy.makeGenerator(dataDimension: 2, using: &rng).parameterCount == 2 * 512 + 512 + 2 * (512 * 512 + 512) + 512 * 2 + 2)
        #expect(NetworkArchitecture.wganGPToy.makeDiscriminator(inputWidth: 2, using: &rng).parameterCount == 527_361)
    }

    @Test("PacGAN's initial weights are N(0, 0.02^2) with zero biases, and its generator's hidden layers have no bias")
    func pacganInitialisation() throws {
        var rng = SeededGenerator(seed: 5)
        let g = try #require(NetworkArchitecture.pacganPaper.makeGenerator(dataDimension: 2, using: &rng) as? Sequential)
        let linears = g.layers.compactMap { $0 as? Linear }
        #expect(linears.map { $0.bias == nil } == [true, true, true, true, false])
        let w = linears[1].weight.value.scalars
        let mean = w.reduce(0, +) / Double(w.count)
        let sd = (w.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(w.count)).squareRoot()
        #expect(Swift.abs(sd - 0.02) < 0.0005, "sd \(sd)")
        #expect(linears[4].bias!.value.scalars.allSatisfy { $0 == 0 })
    }

    @Test("a trainer with a paper architecture trains those networks, and a checkpoint resumes them exactly")
    func trainerUsesArchitecture() throws {
        var c = smallConfig(steps: 4)
        c.architecture = .pacganPaper; c.batchSize = 16; c.logEvery = 2; c.metricsEvery = 0
        let t = try GANTrainer(config: c, objective: StandardGAN(), data: GaussianMixture.ring8())
        #expect(t.generator.parameterCount == 484_802 && t.discriminator.parameterCount == 405_201)
        try t.train(until: 2)
        let data = try RunRecord.encoder.encode(t.checkpoint())
        let resumed = try GANTrainer(resuming: RunRecord.decoder.decode(Checkpoint.self, from: data),
                                     objective: StandardGAN(), data: GaussianMixture.ring8())
        try t.train(); try resumed.train()
        #expect(resumed.generator.snapshot() == t.generator.snapshot())
        #expect(resumed.discriminator.snapshot() == t.discriminator.snapshot())
    }

    @Test("the initialisation is part of the configuration: it changes the first weights, survives JSON, and is absent when default")
    func initialisationChoice() throws {
        var he = smallConfig(), pytorch = smallConfig()
        pytorch.initialization = .pytorchDefault
        let a = try GANTrainer(config: he, objective: StandardGAN(), data: GaussianMixture.ring8())
        let b = try GANTrainer(config: pytorch, objective: StandardGAN(), data: GaussianMixture.ring8())
        #expect(a.generator.snapshot() != b.generator.snapshot())
        // PyTorch's default draws biases too; He leaves them at zero.
        #expect(b.generator.parameters[1].value.scalars.contains { $0 != 0 })
        #expect(a.generator.parameters[1].value.scalars.allSatisfy { $0 == 0 })
        let json = String(decoding: try RunRecord.encoder.encode(pytorch), as: UTF8.self)
        #expect(json.contains("\"initialization\" : \"pytorch\""))
        #expect(try RunRecord.decoder.decode(TrainingConfig.self, from: Data(json.utf8)) == pytorch)
        he.initialization = nil
        #expect(!String(decoding: try RunRecord.encoder.encode(he), as: UTF8.self).contains("initialization"))
    }

    @Test("impossible settings are refused with a sentence")
    func refusals() {
        var c = smallConfig(); c.initialization = .normal(std: 0)
        #expect(c.problem()?.contains("standard deviation") == true)
        c = smallConfig(); c.architecture = .pacganPaper; c.noiseDimension = 3
        #expect(c.problem()?.contains("noise of dimension 2") == true)
        c = smallConfig(); c.discriminatorMaxout = 1
        #expect(c.problem()?.contains("maxout pieces must be 2 to 16") == true)
        c = smallConfig(); c.discriminatorMaxout = 5; c.architecture = .pacganPaper
        #expect(c.problem()?.contains("fix their own discriminator") == true)
    }

    /// `--maxout K` replaces D's hidden `Linear -> ReLU` layers by maxout units of `K` pieces on
    /// the same widths (PacGAN's discriminator body on our MLP sizes); packed objectives: LossZooTests.
    @Test("a maxout discriminator has the widths, pieces and parameter count it is configured with", arguments: [2, 3, 5])
    func maxoutDiscriminator(pieces: Int) throws {
        var c = smallConfig(steps: 3); c.discriminatorMaxout = pieces; c.width = 7; c.depth = 3; c.logEvery = 3; c.metricsEvery = 0
        let objective = StandardGAN()
        let t = try GANTrainer(config: c, objective: objective, data: GaussianMixture.ring8())
        let d = try #require(t.discriminator as? Sequential)
        let maxouts = d.layers.compactMap { $0 as? LinearMaxout }
        #expect(maxouts.count == 3 && maxouts.allSatisfy { $0.pieces == pieces && $0.outputSize == 7 })
        #expect(d.layers.count == 4 && (d.layers[3] as? Linear) != nil)
        #expect(t.discriminator.parameterCount == (2 + 1) * 7 * pieces + 2 * (7 + 1) * 7 * pieces + 7 + 1)
        // G is untouched by the option: the same first weights as a run without it.
        var plain = c; plain.discriminatorMaxout = nil
        let u = try GANTrainer(config: plain, objective: objective, data: GaussianMixture.ring8())
        #expect(u.generator.snapshot() == t.generator.snapshot())
        // It survives a checkpoint, and is absent from the JSON of runs without it.
        try t.train(until: 1)
        let json = try RunRecord.encoder.encode(t.checkpoint())
        #expect(String(decoding: json, as: UTF8.self).contains("\"discriminator_maxout\" : \(pieces)"))
        let resumed = try GANTrainer(resuming: RunRecord.decoder.decode(Checkpoint.self, from: json), objective: objective,
                                     data: GaussianMixture.ring8())
        try t.train(); try resumed.train()
        #expect(resumed.discriminator.snapshot() == t.discriminator.snapshot())
        #expect(!String(decoding: try RunRecord.encoder.encode(plain), as: UTF8.self).contains("maxout"))
    }

    @Test("a maxout discriminator is refused for a critic that is not a plain network to one value")
    func maxoutRefusesAutoencoders() {
        var c = smallConfig(); c.discriminatorMaxout = 5
        #expect(throws: TrainingError.self) { try GANTrainer(config: c, objective: SequentialCritic(), data: GaussianMixture.ring8()) }
    }
}

/// The standard GAN's losses with a discriminator that is not an `MLP` (as BEGAN's autoencoder is not).
final class SequentialCritic: GANObjective {
    let base = StandardGAN()
    var name: String { "gan" }
    var summary: String { "a critic that is not an MLP" }
    var recommendedSettings: ObjectiveSettings { base.recommendedSettings }
    func makeDiscriminator(inputDimension: Int, hidden: [Int], activation: ActivationKind,
                           initialization: Initialization, using rng: inout SeededGenerator) -> any Layer {
        Sequential([Linear(inputDimension, 1, using: &rng)])
    }
    func discriminatorLoss(discriminator: any Layer, real: Variable, fake: Variable, using rng: inout SeededGenerator) -> LossTerms {
        base.discriminatorLoss(discriminator: discriminator, real: real, fake: fake, using: &rng)
    }
    func generatorLoss(discriminator: any Layer, real: Variable, fake: Variable) -> LossTerms {
        base.generatorLoss(discriminator: discriminator, real: real, fake: fake)
    }
}
