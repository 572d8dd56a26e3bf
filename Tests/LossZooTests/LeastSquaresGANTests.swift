import Foundation
import Testing
import Autodiff
@testable import LossZoo

@Suite("LSGAN: the optimal discriminator and the Pearson chi-square")
struct LeastSquaresGANTests {
    static let codings: [LeastSquaresGAN] = [.practical, .pearson, LeastSquaresGAN(a: 0.2, b: 0.9, c: 0.7)]

    @Test("D*(x) = (b p_d + a p_g) / (p_d + p_g) zeroes the gradient, and moving any value raises the loss", arguments: 0..<20)
    func optimalDiscriminator(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let k = 2 + rng.nextInt(below: 5)
        let (realCounts, pd) = randomCounts(k, using: &rng)
        let (fakeCounts, pg) = randomCounts(k, using: &rng)
        for lsgan in Self.codings {
            let optimum = (0..<k).map { (lsgan.b * pd[$0] + lsgan.a * pg[$0]) / (pd[$0] + pg[$0]) }
            func loss(_ values: [Double]) -> Variable {
                let d = tabularDiscriminator(values: values)
                var unused = SeededGenerator(seed: 0)
                return lsgan.discriminatorLoss(discriminator: d, real: batch(counts: realCounts), fake: batch(counts: fakeCounts), using: &unused).loss
            }
            let d = tabularDiscriminator(values: optimum)
            var unused = SeededGenerator(seed: 0)
            let atOptimum = lsgan.discriminatorLoss(discriminator: d, real: batch(counts: realCounts), fake: batch(counts: fakeCounts), using: &unused).loss
            let gradient = gradients(of: atOptimum, wrt: [d.weight])[0].value
            #expect(gradient.scalars.allSatisfy { abs($0) < 1e-12 }, "\(lsgan.name), seed \(seed): gradient \(gradient.scalars)")
            for j in 0..<k {
                for delta in [-0.01, 0.01] {
                    var moved = optimum
                    moved[j] += delta
                    #expect(loss(moved).scalar > atOptimum.scalar, "\(lsgan.name), seed \(seed): moving D(x_\(j)) by \(delta) lowered the loss")
                }
            }
        }
    }

    @Test("with (-1, 1, 0) at D*, 1/2 E_pd (D - c)^2 + 1/2 E_pg (D - c)^2 = 1/2 chi^2_Pearson(p_d + p_g || 2 p_g)", arguments: 0..<20)
    func pearsonChiSquare(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let k = 2 + rng.nextInt(below: 5)
        let (realCounts, pd) = randomCounts(k, using: &rng)
        let (fakeCounts, pg) = randomCounts(k, using: &rng)
        let lsgan = LeastSquaresGAN.pearson
        let d = tabularDiscriminator(values: (0..<k).map { (pd[$0] - pg[$0]) / (pd[$0] + pg[$0]) })
        // The generator loss only reads its `fake` batch: on the real batch it is 1/2 E_pd (D - c)^2.
        let onReal = lsgan.generatorLoss(discriminator: d, real: batch(counts: realCounts), fake: batch(counts: realCounts)).loss.scalar
        let onFake = lsgan.generatorLoss(discriminator: d, real: batch(counts: realCounts), fake: batch(counts: fakeCounts)).loss.scalar
        let chiSquare = (0..<k).reduce(0.0) { s, j in
            let q = pd[j] + pg[j]
            return s + (2 * pg[j] - q) * (2 * pg[j] - q) / q
        }
        #expect(close(onReal + onFake, 0.5 * chiSquare), "seed \(seed): \(onReal + onFake) vs \(0.5 * chiSquare)")
    }

    @Test("the two codings have the names and labels of the paper")
    func codings() {
        #expect(LeastSquaresGAN.practical.name == "lsgan" && (LeastSquaresGAN.practical.a, LeastSquaresGAN.practical.b, LeastSquaresGAN.practical.c) == (0, 1, 1))
        #expect(LeastSquaresGAN.pearson.name == "lsgan-pearson" && (LeastSquaresGAN.pearson.a, LeastSquaresGAN.pearson.b, LeastSquaresGAN.pearson.c) == (-1, 1, 0))
    }
}
