import Testing
import Autodiff
import NeuralNet
import ToyData
@testable import LossZoo

/// Every loss of the conditional, encoder and translation models against central differences,
/// with respect to every parameter it reaches (tanh networks: no kinks for the differences to straddle).
@Suite("Gradient checks of the models' losses")
struct ModelGradientTests {
    /// A batch of 6 points with labels in `0..<classes`, and noise.
    func inputs(_ rng: inout SeededGenerator, classes: Int = 3) -> (x: Variable, labels: [Int], z: Variable, fakeLabels: [Int]) {
        (Variable(Tensor.randomNormal([6, 2], using: &rng)), (0..<6).map { _ in rng.nextInt(below: classes) },
         Variable(Tensor.randomNormal([6, 2], using: &rng)), (0..<6).map { _ in rng.nextInt(below: classes) })
    }

    func expectPasses(_ r: GradientCheck.Result, _ what: String, _ seed: UInt64) {
        #expect(r.passes(tolerance: 1e-6) && r.entriesChecked > 0, "\(what), seed \(seed): \(r)")
    }

    @Test("CGAN: L_D and L_G", arguments: 0..<10)
    func cgan(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let model = ConditionalGAN(classes: 3, dataDimension: 2, settings: tinySettings(seed: seed), using: &rng)
        let (x, y, z, fy) = inputs(&rng)
        let fake = Variable(Tensor.randomNormal([6, 2], using: &rng))
        expectPasses(GradientCheck.check({ model.discriminatorLoss(real: x, realLabels: y, fake: fake, fakeLabels: fy) },
                                         wrt: model.discriminator.parameters), "CGAN L_D", seed)
        expectPasses(GradientCheck.check({ model.generatorLoss(fake: model.generate(fy, z), fakeLabels: fy) },
                                         wrt: model.generator.parameters + model.discriminator.parameters), "CGAN L_G", seed)
    }

    @Test("ACGAN: L_D (with and without fakes in the classifier) and L_G", arguments: 0..<10)
    func acgan(seed: UInt64) {
        for seesFakes in [true, false] {
            var rng = SeededGenerator(seed: seed)
            let model = AuxiliaryClassifierGAN(classes: 3, dataDimension: 2, settings: tinySettings(seed: seed),
                                               classifierSeesFakes: seesFakes, using: &rng)
            let (x, y, z, fy) = inputs(&rng)
            let fake = Variable(Tensor.randomNormal([6, 2], using: &rng))
            expectPasses(GradientCheck.check({ model.discriminatorLoss(real: x, realLabels: y, fake: fake, fakeLabels: fy) },
                                             wrt: model.discriminator.parameters), "ACGAN L_D (fakes: \(seesFakes))", seed)
            expectPasses(GradientCheck.check({ model.generatorLoss(fake: model.generate(fy, z), fakeLabels: fy) },
                                             wrt: model.generator.parameters + model.discriminator.parameters), "ACGAN L_G", seed)
        }
    }

    @Test("InfoGAN: L_{D,Q} and L_G", arguments: 0..<10)
    func infogan(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let model = InfoGAN(codes: 3, dataDimension: 2, settings: tinySettings(seed: seed), using: &rng)
        let (x, _, z, codes) = inputs(&rng)
        let fake = Variable(Tensor.randomNormal([6, 2], using: &rng))
        expectPasses(GradientCheck.check({ model.discriminatorLoss(real: x, fake: fake, codes: codes).loss },
                                         wrt: model.discriminator.parameters), "InfoGAN L_D", seed)
        expectPasses(GradientCheck.check({ model.generatorLoss(fake: model.generate(codes, z), codes: codes).loss },
                                         wrt: model.generator.parameters + model.discriminator.parameters), "InfoGAN L_G", seed)
    }

    @Test("semi-supervised GAN: L_D and L_G", arguments: 0..<10)
    func semiSupervised(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let model = SemiSupervisedGAN(classes: 3, dataDimension: 2, settings: tinySettings(seed: seed), using: &rng)
        let (x, y, z, _) = inputs(&rng)
        let labelled = LabelledSample(points: x.value, labels: y)
        let unlabelled = Variable(Tensor.randomNormal([5, 2], using: &rng)), fake = Variable(Tensor.randomNormal([4, 2], using: &rng))
        expectPasses(GradientCheck.check({ model.discriminatorLoss(labelled: labelled, unlabelled: unlabelled, fake: fake).loss },
                                         wrt: model.discriminator.parameters), "SGAN L_D", seed)
        expectPasses(GradientCheck.check({ model.generatorLoss(fake: model.generator(z, training: true)) },
                                         wrt: model.generator.parameters + model.discriminator.parameters), "SGAN L_G", seed)
    }

    @Test("AAE: L_D and L_AE; BiGAN: L_D and L_{G,E}", arguments: 0..<10)
    func encoders(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let aae = AdversarialAutoencoder(dataDimension: 2, settings: tinySettings(seed: seed), adversarialWeight: 0.3, using: &rng)
        let (x, _, z, _) = inputs(&rng)
        expectPasses(GradientCheck.check({ aae.discriminatorLoss(prior: z, codes: aae.encoder(x, training: true)) },
                                         wrt: aae.discriminator.parameters + aae.encoder.parameters), "AAE L_D", seed)
        expectPasses(GradientCheck.check({ aae.autoencoderLoss(real: x).loss },
                                         wrt: aae.encoder.parameters + aae.decoder.parameters + aae.discriminator.parameters), "AAE L_AE", seed)
        let bigan = BiGAN(dataDimension: 2, settings: tinySettings(seed: seed), using: &rng)
        let all = bigan.discriminator.parameters + bigan.generator.parameters + bigan.encoder.parameters
        expectPasses(GradientCheck.check({ bigan.discriminatorLoss(real: x, noise: z) }, wrt: all), "BiGAN L_D", seed)
        expectPasses(GradientCheck.check({ bigan.generatorEncoderLoss(real: x, noise: z) }, wrt: all), "BiGAN L_GE", seed)
    }

    @Test("CycleGAN: the generators' loss (adversarial + cycle + identity) and a discriminator's", arguments: 0..<10)
    func cycle(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let model = CycleGAN(dimension: 2, settings: tinySettings(seed: seed), using: &rng)
        let a = Variable(Tensor.randomNormal([6, 2], using: &rng)), b = Variable(Tensor.randomNormal([6, 2], mean: 1, using: &rng))
        let all = model.generatorAB.parameters + model.generatorBA.parameters + model.discriminatorA.parameters + model.discriminatorB.parameters
        expectPasses(GradientCheck.check({ model.generatorLoss(a: a, b: b).loss }, wrt: all), "CycleGAN L_G", seed)
        expectPasses(GradientCheck.check({ model.discriminatorLoss(model.discriminatorA, real: a, fake: b) },
                                         wrt: model.discriminatorA.parameters), "CycleGAN L_D", seed)
    }
}
