import Foundation
import Testing
import Autodiff
import NeuralNet
import Training
@testable import LossZoo

/// The relativistic losses' generator loss is their discriminator loss with real and fake swapped,
/// and so depends on the real batch. A known bug of a popular collection computes it and then
/// overwrites it with the standard `-log D(G(z))`; each test here fails on that bug.
@Suite("RSGAN and RaGAN: swapping real and fake")
struct RelativisticGANTests {
    static func make(_ i: Int) -> any GANObjective { i == 0 ? RelativisticStandardGAN() : RelativisticAverageGAN() }

    static let cases: [(Int, UInt64)] = [0, 1].flatMap { o in (0..<20).map { (o, UInt64($0)) } }

    func losses(_ objective: any GANObjective, _ d: any Layer, real: Tensor, fake: Tensor) -> (d: Double, g: Double) {
        var unused = SeededGenerator(seed: 0)
        return (objective.discriminatorLoss(discriminator: d, real: Variable(real), fake: Variable(fake), using: &unused).loss.scalar,
                objective.generatorLoss(discriminator: d, real: Variable(real), fake: Variable(fake)).loss.scalar)
    }

    @Test("L_G(real r, fake f) = L_D(real f, fake r)", arguments: cases)
    func swapSymmetry(objectiveIndex: Int, seed: UInt64) {
        let objective = Self.make(objectiveIndex)
        var rng = SeededGenerator(seed: seed)
        let d = smallCritic(seed: seed &+ 100)
        let r = Tensor.randomNormal([6, 2], using: &rng), f = Tensor.randomNormal([6, 2], mean: 1, using: &rng)
        let forward = losses(objective, d, real: r, fake: f)
        let swapped = losses(objective, d, real: f, fake: r)
        #expect(close(forward.g, swapped.d), "\(objective.name), seed \(seed): L_G = \(forward.g), swapped L_D = \(swapped.d)")
        #expect(close(forward.d, swapped.g), "\(objective.name), seed \(seed)")
        // And it is not the standard non-saturating loss the bug would leave behind.
        let standard = withoutGradients { (-d(Variable(f), training: true)).softplus().mean().scalar }
        #expect(abs(forward.g - standard) > 1e-6, "\(objective.name), seed \(seed): L_G equals the standard loss")
    }

    @Test("the generator loss depends on the real batch", arguments: cases)
    func dependsOnReal(objectiveIndex: Int, seed: UInt64) {
        let objective = Self.make(objectiveIndex)
        var rng = SeededGenerator(seed: seed)
        let d = smallCritic(seed: seed &+ 200)
        let r = Tensor.randomNormal([6, 2], using: &rng), r2 = Tensor.randomNormal([6, 2], mean: 2, using: &rng)
        let f = Tensor.randomNormal([6, 2], using: &rng)
        let a = losses(objective, d, real: r, fake: f).g, b = losses(objective, d, real: r2, fake: f).g
        #expect(abs(a - b) > 1e-6, "\(objective.name), seed \(seed): L_G = \(a) and \(b) for different real batches")
    }

    @Test("with every critic value equal, L_D = L_G = log 2 (RSGAN) and 2 log 2 (RaGAN)", arguments: 0..<10)
    func indifferentCritic(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let value = rng.nextNormal() * 3
        let d = tabularDiscriminator(values: [value, value, value])
        let (realCounts, _) = randomCounts(3, using: &rng)
        let real = batch(counts: realCounts)
        let fake = batch(counts: [realCounts[2], realCounts[0], realCounts[1]])   // same size, other points
        for (objective, expected) in [(RelativisticStandardGAN() as any GANObjective, log(2.0)), (RelativisticAverageGAN(), 2 * log(2.0))] {
            let l = losses(objective, d, real: real.value, fake: fake.value)
            #expect(close(l.d, expected) && close(l.g, expected), "\(objective.name), seed \(seed): \(l)")
        }
    }

    @Test("a critic that ranks real above fake gives L_D < L_G; reversed, L_D > L_G", arguments: 0..<10)
    func ranking(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let gap = 0.5 + 3 * rng.nextUniform()
        // Point 0 is real, point 1 fake; the critic's values differ by `gap`.
        for objective in [RelativisticStandardGAN() as any GANObjective, RelativisticAverageGAN()] {
            for sign in [1.0, -1.0] {
                let d = tabularDiscriminator(values: [sign * gap, 0])
                let l = losses(objective, d, real: batch(counts: [4, 0]).value, fake: batch(counts: [0, 4]).value)
                #expect(sign > 0 ? l.d < l.g : l.d > l.g, "\(objective.name), seed \(seed), sign \(sign): \(l)")
            }
        }
    }

    /// The losses written out for a critic that gives point `e_k` the value `c[k]`, on batches of
    /// points chosen by index: RSGAN pairs the i-th real with the i-th fake; RaGAN compares each
    /// sample with the mean critic value of the other batch (not its own, not the pooled batch's).
    @Test("known values: RSGAN on pairs, RaGAN against the other side's mean", arguments: 0..<20)
    func knownValues(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let c = (0..<5).map { _ in 2 * rng.nextNormal() }
        let d = tabularDiscriminator(values: c)
        func softplus(_ x: Double) -> Double { x > 0 ? x + log1p(exp(-x)) : log1p(exp(x)) }
        func mean(_ xs: [Double]) -> Double { xs.reduce(0, +) / Double(xs.count) }
        func points(_ indices: [Int]) -> Tensor { Tensor.oneHot(indices, classes: 5) }

        let r = (0..<4).map { _ in rng.nextInt(below: 5) }, f = (0..<4).map { _ in rng.nextInt(below: 5) }
        let rs = losses(RelativisticStandardGAN(), d, real: points(r), fake: points(f))
        #expect(close(rs.d, mean(zip(r, f).map { softplus(-(c[$0] - c[$1])) }), 1e-12), "rsgan L_D, seed \(seed)")
        #expect(close(rs.g, mean(zip(r, f).map { softplus(-(c[$1] - c[$0])) }), 1e-12), "rsgan L_G, seed \(seed)")

        let fa = (0..<7).map { _ in rng.nextInt(below: 5) }                    // a fake batch of another size
        let meanReal = mean(r.map { c[$0] }), meanFake = mean(fa.map { c[$0] })
        let ra = losses(RelativisticAverageGAN(), d, real: points(r), fake: points(fa))
        let expectedD = mean(r.map { softplus(-(c[$0] - meanFake)) }) + mean(fa.map { softplus(c[$0] - meanReal) })
        let expectedG = mean(fa.map { softplus(-(c[$0] - meanReal)) }) + mean(r.map { softplus(c[$0] - meanFake) })
        #expect(close(ra.d, expectedD, 1e-12), "ragan L_D = \(ra.d), expected \(expectedD), seed \(seed)")
        #expect(close(ra.g, expectedG, 1e-12), "ragan L_G = \(ra.g), expected \(expectedG), seed \(seed)")
    }
}
