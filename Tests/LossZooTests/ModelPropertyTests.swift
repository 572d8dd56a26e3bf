import Foundation
import Testing
import Autodiff
import NeuralNet
import Metrics
import ToyData
@testable import LossZoo

@Suite("The models' losses: known values")
struct ModelPropertyTests {
    @Test("CycleGAN: L_G is its adversarial, cycle and identity parts with their weights; the cycle part is the mean L1 round trip", arguments: 0..<10)
    func cycleParts(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let model = CycleGAN(dimension: 2, settings: tinySettings(seed: seed), cycleWeight: 7, identityWeight: 3, using: &rng)
        let a = Variable(Tensor.randomNormal([6, 2], using: &rng)), b = Variable(Tensor.randomNormal([6, 2], using: &rng))
        let g = model.generatorLoss(a: a, b: b)
        #expect(close(g.loss.scalar, g.adversarial.scalar + 7 * g.cycle.scalar + 3 * g.identity.scalar), "seed \(seed)")
        let forward = model.generatorAB(a, training: true), back = model.generatorBA(forward, training: true)
        let fa = model.generatorBA(b, training: true), fb = model.generatorAB(fa, training: true)
        let expectedCycle = 0.5 * ((back - a).abs().mean().scalar + (fb - b).abs().mean().scalar)
        #expect(close(g.cycle.scalar, expectedCycle), "seed \(seed)")
    }

    @Test("the semi-supervised unsupervised terms are -log(1 - p_fake) and -log p_fake", arguments: 0..<10)
    func semiSupervisedTerms(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let model = SemiSupervisedGAN(classes: 3, dataDimension: 2, settings: tinySettings(seed: seed), using: &rng)
        let x = Tensor.randomNormal([5, 2], using: &rng)
        let logits = model.discriminator(Variable(x), training: true).value.rows
        let expected = logits.reduce(0.0) { s, l in
            let z = l.map(exp).reduce(0, +)
            return s - log(1 - exp(l[3]) / z)
        } / 5
        #expect(close(model.generatorLoss(fake: Variable(x)).scalar, expected, 1e-10), "seed \(seed)")
    }
}

@Suite("Label accuracy and code agreement")
struct ModeAssignmentTests {
    @Test("per-label accuracy counts the samples whose nearest mode is their label")
    func accuracy() {
        let a = LabelAccuracy(labels: [0, 0, 0, 0, 1, 1, 2, 2], nearest: [0, 0, 0, 1, 1, 1, 0, 1], classes: 3)
        #expect(a.perLabel == [0.75, 1, 0] && close(a.mean, 1.75 / 3) && a.worst == 0)
        #expect(a.confusion == [[3, 1, 0], [0, 2, 0], [1, 1, 0]])
    }

    @Test("code agreement is 1 for any relabelling of a perfect code, and invariant to relabelling", arguments: 0..<10)
    func agreement(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let k = 3 + rng.nextInt(below: 5)
        let modes = (0..<200).map { _ in rng.nextInt(below: k) }
        var permutation = Array(0..<k)
        permutation.shuffle(seeded: &rng)
        let perfect = CodeAgreement(codes: modes.map { permutation[$0] }, nearest: modes, codeCount: k, modeCount: k)
        #expect(perfect.agreement == 1 && (0..<k).allSatisfy { perfect.modeForCode[permutation[$0]] == $0 }, "seed \(seed)")
        // A noisy code: agreement equals that of the same code relabelled.
        let noisy = modes.map { rng.nextUniform() < 0.3 ? rng.nextInt(below: k) : $0 }
        let a = CodeAgreement(codes: noisy, nearest: modes, codeCount: k, modeCount: k)
        let b = CodeAgreement(codes: noisy.map { permutation[$0] }, nearest: modes, codeCount: k, modeCount: k)
        #expect(a.agreement == b.agreement && a.agreement >= 0.6 && a.agreement < 1, "seed \(seed): \(a.agreement)")
    }

    @Test("a code that ignores the modes agrees only as well as its best matching of a known table")
    func knownTable() {
        // Codes 0 and 1 both split evenly over modes 0 and 1: the best matching takes 2 + 2 of 8.
        let a = CodeAgreement(codes: [0, 0, 0, 0, 1, 1, 1, 1], nearest: [0, 0, 1, 1, 0, 0, 1, 1], codeCount: 2, modeCount: 2)
        #expect(a.agreement == 0.5)
        // A 3 x 3 table whose best matching is not the diagonal: 0->1 (5), 1->2 (4), 2->0 (3) = 12 of 15.
        var codes: [Int] = [], nearest: [Int] = []
        for (c, m, n) in [(0, 1, 5), (0, 0, 1), (1, 2, 4), (1, 1, 1), (2, 0, 3), (2, 2, 1)] {
            codes += Array(repeating: c, count: n); nearest += Array(repeating: m, count: n)
        }
        let b = CodeAgreement(codes: codes, nearest: nearest, codeCount: 3, modeCount: 3)
        #expect(b.modeForCode == [1, 2, 0] && close(b.agreement, 12.0 / 15))
    }

    @Test("mean and standard error of known values")
    func meanAndError() {
        let m = MeanAndError([2, 4, 4, 4, 5, 5, 7, 9])          // mean 5, sample variance 32/7
        #expect(m.mean == 5 && close(m.standardError!, (32.0 / 7 / 8).squareRoot()) && m.count == 8)
        #expect(MeanAndError([3]).standardError == nil && MeanAndError([3]).mean == 3)
        #expect(MeanAndError([]).mean == nil)
    }
}
