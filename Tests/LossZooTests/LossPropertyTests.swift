import Foundation
import Testing
import Autodiff
import NeuralNet
import Training
@testable import LossZoo

@Suite("Softmax GAN, hinge, BGAN: the losses' known values")
struct LossPropertyTests {
    func losses(_ objective: any GANObjective, _ d: any Layer, real: Variable, fake: Variable) -> (d: Double, g: Double) {
        var unused = SeededGenerator(seed: 0)
        return (objective.discriminatorLoss(discriminator: d, real: real, fake: fake, using: &unused).loss.scalar,
                objective.generatorLoss(discriminator: d, real: real, fake: fake).loss.scalar)
    }

    @Test("Softmax GAN: L_G >= log|B| with equality when all outputs agree; L_D >= log|B+|, reached as fakes go to -inf", arguments: 0..<20)
    func softmaxBounds(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let k = 3 + rng.nextInt(below: 3)
        let (realCounts, _) = randomCounts(k, using: &rng), (fakeCounts, _) = randomCounts(k, using: &rng)
        let n = Double(realCounts.reduce(0, +)), m = Double(fakeCounts.reduce(0, +))
        let values = (0..<k).map { _ in 2 * rng.nextNormal() }
        let gan = SoftmaxGAN()
        let random = losses(gan, tabularDiscriminator(values: values), real: batch(counts: realCounts), fake: batch(counts: fakeCounts))
        #expect(random.g > log(n + m) && random.d > log(n), "seed \(seed): \(random)")
        let constant = Array(repeating: values[0], count: k)
        let equal = losses(gan, tabularDiscriminator(values: constant), real: batch(counts: realCounts), fake: batch(counts: fakeCounts))
        #expect(close(equal.g, log(n + m)), "seed \(seed): \(equal.g) vs log \(n + m)")
        // Real points only on the first half of the table, fakes only on the second, fakes pushed down.
        let split = k / 2
        let realOnly = realCounts.enumerated().map { $0.offset < split ? $0.element : 0 }
        let fakeOnly = fakeCounts.enumerated().map { $0.offset >= split ? $0.element : 0 }
        let sure = losses(gan, tabularDiscriminator(values: (0..<k).map { $0 < split ? 1.5 : -60 }),
                          real: batch(counts: realOnly), fake: batch(counts: fakeOnly))
        #expect(close(sure.d, log(Double(realOnly.reduce(0, +)))), "seed \(seed): \(sure.d)")
    }

    @Test("Softmax GAN: adding a constant to every output changes neither loss", arguments: 0..<10)
    func softmaxShift(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let values = (0..<4).map { _ in rng.nextNormal() }, shift = 5 * rng.nextNormal()
        let (rc, _) = randomCounts(4, using: &rng), (fc, _) = randomCounts(4, using: &rng)
        let a = losses(SoftmaxGAN(), tabularDiscriminator(values: values), real: batch(counts: rc), fake: batch(counts: fc))
        let b = losses(SoftmaxGAN(), tabularDiscriminator(values: values.map { $0 + shift }), real: batch(counts: rc), fake: batch(counts: fc))
        #expect(close(a.d, b.d, 1e-10) && close(a.g, b.g, 1e-10), "seed \(seed): \(a) vs \(b)")
    }

    @Test("hinge: the best critic table is +-1 by which density is larger, with loss 2 (1 - TV), and no random table beats it", arguments: 0..<20)
    func hingeOptimum(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let k = 2 + rng.nextInt(below: 5)
        let (rc, pd) = randomCounts(k, using: &rng), (fc, pg) = randomCounts(k, using: &rng)
        let hinge = HingeGAN()
        let best = (0..<k).map { pd[$0] > pg[$0] ? 1.0 : -1.0 }
        let optimum = losses(hinge, tabularDiscriminator(values: best), real: batch(counts: rc), fake: batch(counts: fc)).d
        let tv = 0.5 * zip(pd, pg).reduce(0) { $0 + abs($1.0 - $1.1) }
        #expect(close(optimum, 2 * (1 - tv)), "seed \(seed): \(optimum) vs 2(1 - TV) = \(2 * (1 - tv))")
        for _ in 0..<50 {
            let table = (0..<k).map { _ in 6 * rng.nextUniform() - 3 }
            let l = losses(hinge, tabularDiscriminator(values: table), real: batch(counts: rc), fake: batch(counts: fc)).d
            #expect(l >= optimum - 1e-12, "seed \(seed): table \(table) scores \(l) < \(optimum)")
        }
    }

    @Test("BGAN: L_G equals the note's 0.5 mean((log y - log(1 - y))^2), and dL_G/dl_i = l_i / N", arguments: 0..<20)
    func boundarySeeking(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let k = 2 + rng.nextInt(below: 5)
        let logits = (0..<k).map { _ in 3 * rng.nextNormal() }
        let (fc, pg) = randomCounts(k, using: &rng)
        let d = tabularDiscriminator(values: logits)
        let loss = BoundarySeekingGAN().generatorLoss(discriminator: d, real: batch(counts: fc), fake: batch(counts: fc)).loss
        // The note's code, on probabilities y = sigmoid(l), per sample of the batch.
        let noteForm = 0.5 * zip(logits, pg).reduce(0.0) { s, lp in
            let y = 1 / (1 + exp(-lp.0))
            return s + lp.1 * pow(log(y) - log(1 - y), 2)
        }
        #expect(close(loss.scalar, noteForm, 1e-9), "seed \(seed): \(loss.scalar) vs \(noteForm)")
        // Per point e_j the batch holds p_g(j) N copies, each contributing l_j / N.
        let g = gradients(of: loss, wrt: [d.weight])[0].value.scalars
        for j in 0..<k { #expect(close(g[j], pg[j] * logits[j]), "seed \(seed): gradient \(g[j]) vs \(pg[j] * logits[j])") }
    }

    @Test("the classification losses equal -log sigmoid and -log softmax", arguments: 0..<10)
    func classificationLosses(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let logits = Tensor.randomNormal([5, 3], std: 2, using: &rng)
        let labels = (0..<5).map { _ in rng.nextInt(below: 3) }
        let rows = logits.rows
        let expectedCE = zip(rows, labels).reduce(0.0) { s, rl in s - log(exp(rl.0[rl.1]) / rl.0.map(exp).reduce(0, +)) } / 5
        #expect(close(crossEntropy(logits: Variable(logits), labels: labels).scalar, expectedCE, 1e-12), "seed \(seed)")
        let column = rows.map { $0[0] }
        let expectedReal = column.reduce(0.0) { $0 - log(1 / (1 + exp(-$1))) } / 5
        let expectedFake = column.reduce(0.0) { $0 - log(1 - 1 / (1 + exp(-$1))) } / 5
        let t = Variable(Tensor(shape: [5, 1], scalars: column))
        #expect(close(binaryCrossEntropy(logits: t, label: true).scalar, expectedReal, 1e-12), "seed \(seed)")
        #expect(close(binaryCrossEntropy(logits: t, label: false).scalar, expectedFake, 1e-12), "seed \(seed)")
    }
}
