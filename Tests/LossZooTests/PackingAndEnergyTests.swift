import Foundation
import Testing
import Autodiff
import NeuralNet
import Training
import ToyData
@testable import LossZoo

@Suite("PacGAN's packing")
struct PackingTests {
    @Test("pack puts consecutive rows side by side; a short last pack wraps to the first rows", arguments: [(8, 4), (7, 3), (5, 1), (3, 4)])
    func layout(n: Int, m: Int) {
        let x = Tensor(shape: [n, 2], scalars: (0..<(2 * n)).map(Double.init))      // row i = (2i, 2i + 1)
        let packed = pack(Variable(x), degree: m).value
        let packs = (n + m - 1) / m
        #expect(packed.shape == [packs, 2 * m])
        for p in 0..<packs {
            for j in 0..<m {
                let row = (p * m + j) % n
                #expect(packed[p, 2 * j] == Double(2 * row) && packed[p, 2 * j + 1] == Double(2 * row + 1), "n \(n), m \(m), pack \(p), member \(j)")
            }
        }
    }

    @Test("PacGAN with m = 1 is the standard GAN's loss, and its discriminator's input is m d wide", arguments: 0..<10)
    func reducesToGAN(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let real = Variable(Tensor.randomNormal([8, 2], using: &rng)), fake = Variable(Tensor.randomNormal([8, 2], using: &rng))
        let d = smallCritic(seed: seed)
        var unused = SeededGenerator(seed: 0)
        let pac1 = PacGAN(packing: 1)
        let dLoss = pac1.discriminatorLoss(discriminator: d, real: real, fake: fake, using: &unused).loss.scalar
        let gLoss = pac1.generatorLoss(discriminator: d, real: real, fake: fake).loss.scalar
        let lr = d(real, training: true).value.scalars, lf = d(fake, training: true).value.scalars
        let expectedD = lr.map { softplus(-$0) }.reduce(0, +) / 8 + lf.map { softplus($0) }.reduce(0, +) / 8
        let expectedG = lf.map { softplus(-$0) }.reduce(0, +) / 8
        #expect(close(dLoss, expectedD) && close(gLoss, expectedG), "seed \(seed)")
        for m in [2, 4, 5] {
            var init_ = SeededGenerator(seed: seed)
            let packed = PacGAN(packing: m).makeDiscriminator(inputDimension: 2, hidden: [7], activation: .relu, using: &init_)
            #expect(packed.parameters[0].shape == [2 * m, 7])
        }
    }

    @Test("a maxout discriminator (train --maxout) reads packs of m samples: m d inputs, and it trains", arguments: [2, 4])
    func maxoutReadsPacks(m: Int) throws {
        var c = TrainingConfig(objective: "pacgan", data: "ring8", settings: PacGAN(packing: m).recommendedSettings)
        c.width = 6; c.depth = 2; c.batchSize = 8; c.steps = 2; c.discriminatorMaxout = 5; c.metricsEvery = 0; c.evaluationSamples = 50
        let t = try GANTrainer(config: c, objective: PacGAN(packing: m), data: GaussianMixture.ring8())
        let first = try #require((t.discriminator as? Sequential)?.layers.first as? LinearMaxout)
        #expect(first.linear.weight.shape == [2 * m, 6 * 5])
        #expect(t.discriminator.parameterCount == (2 * m + 1) * 6 * 5 + (6 + 1) * 6 * 5 + 6 + 1)
        try t.train()
        #expect(t.step == 2 && t.evaluate().w1.isFinite)
    }

    @Test("the packed critic's heat map is its value on a pack of m copies")
    func criticValue() {
        var rng = SeededGenerator(seed: 3)
        let pac = PacGAN(packing: 3)
        let d = pac.makeDiscriminator(inputDimension: 2, hidden: [6], activation: .tanh, using: &rng)
        let points = Tensor.randomNormal([5, 2], using: &rng)
        let copies = Tensor(rows: points.rows.map { $0 + $0 + $0 })
        let expected = d(Variable(copies), training: false).value.reshaped([-1])
        #expect(pac.criticValue(discriminator: d, at: points) == expected)
    }
}

@Suite("EBGAN: margin and pull-away term")
struct EnergyBasedGANTests {
    @Test("the pull-away term is 1 for parallel rows, 0 for orthogonal ones, in [0, 1] and scale-free", arguments: 0..<20)
    func pullAwayValues(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let v = Tensor.randomNormal([1, 4], using: &rng)
        let parallel = Tensor.concatenate((0..<5).map { _ in v * (rng.nextNormal() + (rng.nextUniform() < 0.5 ? 3 : -3)) }, alongAxis: 0)
        #expect(close(pullAwayTerm(Variable(parallel)).scalar, 1, 1e-9), "seed \(seed)")
        let orthogonal = Tensor.oneHot([0, 1, 2, 3], classes: 4) * (1 + rng.nextUniform())
        #expect(abs(pullAwayTerm(Variable(orthogonal)).scalar) < 1e-12, "seed \(seed)")
        let s = Tensor.randomNormal([6, 3], using: &rng)
        let value = pullAwayTerm(Variable(s)).scalar
        #expect(value > 0 && value < 1, "seed \(seed): \(value)")
        let scales = Tensor(shape: [6, 1], scalars: (0..<6).map { _ in 0.1 + 10 * rng.nextUniform() })
        #expect(close(pullAwayTerm(Variable(s * scales)).scalar, value, 1e-9), "seed \(seed)")
    }

    @Test("the pull-away term of rows at angles theta_i is the mean of cos^2(theta_i - theta_j) over pairs", arguments: 0..<20)
    func pullAwayAngles(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let n = 2 + rng.nextInt(below: 5)
        let angles = (0..<n).map { _ in 2 * Double.pi * rng.nextUniform() }
        let lengths = (0..<n).map { _ in 0.5 + rng.nextUniform() }
        let rows = zip(angles, lengths).map { [cos($0.0) * $0.1, sin($0.0) * $0.1] }
        var expected = 0.0
        for i in 0..<n { for j in 0..<n where i != j { expected += pow(cos(angles[i] - angles[j]), 2) } }
        expected /= Double(n * (n - 1))
        #expect(close(pullAwayTerm(Variable(Tensor(rows: rows))).scalar, expected, 1e-9), "seed \(seed)")
    }

    @Test("fakes with energy above the margin give D no gradient; below it, they push their energy up", arguments: 0..<10)
    func margin(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let d = AutoencoderDiscriminator(inputDimension: 2, hidden: [5], codeDimension: 3, activation: .tanh, using: &rng)
        let real = Variable(Tensor.randomNormal([6, 2], using: &rng))
        let farFake = Variable(Tensor.randomNormal([6, 2], mean: 50, using: &rng))      // energy ~ 2500, far above m = 1
        var unused = SeededGenerator(seed: 0)
        let realOnly = gradients(of: d.energyAndCode(real, training: true).energy.mean(), wrt: d.parameters)
        let withFar = gradients(of: EnergyBasedGAN(margin: 1).discriminatorLoss(discriminator: d, real: real, fake: farFake, using: &unused).loss,
                                wrt: d.parameters)
        for (a, b) in zip(realOnly, withFar) { #expect(a.value.maxAbsoluteDifference(b.value) < 1e-12, "seed \(seed)") }
        // With a margin above every fake's energy, L_D = E D(x) + m - E D(G(z)).
        let wide = EnergyBasedGAN(margin: 1e7).discriminatorLoss(discriminator: d, real: real, fake: farFake, using: &unused).loss.scalar
        let expected = d.energyAndCode(real, training: true).energy.mean().scalar + 1e7 - d.energyAndCode(farFake, training: true).energy.mean().scalar
        #expect(close(wide, expected), "seed \(seed)")
    }

    @Test("L_G is the fakes' mean energy, plus lambda_PT times the pull-away term of their codes", arguments: 0..<10)
    func generatorLoss(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let d = AutoencoderDiscriminator(inputDimension: 2, hidden: [5], codeDimension: 3, activation: .tanh, using: &rng)
        let fake = Variable(Tensor.randomNormal([6, 2], using: &rng))
        let (energy, code) = d.energyAndCode(fake, training: true)
        let plain = EnergyBasedGAN(pullAwayWeight: 0).generatorLoss(discriminator: d, real: fake, fake: fake).loss.scalar
        let pt = EnergyBasedGAN(pullAwayWeight: 0.1).generatorLoss(discriminator: d, real: fake, fake: fake).loss.scalar
        #expect(close(plain, energy.mean().scalar), "seed \(seed)")
        #expect(close(pt, energy.mean().scalar + 0.1 * pullAwayTerm(code).scalar), "seed \(seed)")
        // The energy is the mean squared reconstruction error per coordinate.
        let recon = d(fake, training: true).value
        let direct = (recon - fake.value).square().mean().scalar
        #expect(close(energy.mean().scalar, direct), "seed \(seed)")
    }
}
