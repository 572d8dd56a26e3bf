import Testing
import Autodiff
import NeuralNet
import Training
@testable import LossZoo

@Suite("Gradient checks of every unconditional loss")
struct ObjectiveGradientTests {
    static let cases: [(Int, UInt64)] = allObjectives.indices.flatMap { o in (0..<20).map { (o, UInt64($0)) } }

    @Test("discriminator and generator losses match central differences (1e-6), 20 seeds each", arguments: cases)
    func firstOrder(objectiveIndex: Int, seed: UInt64) {
        let objective = allObjectives[objectiveIndex]()
        let (d, g) = GradientCheck.checkObjective(objective, seed: seed)
        #expect(d.passes(tolerance: 1e-6), "\(objective.name) discriminator loss, seed \(seed): \(d)")
        #expect(g.passes(tolerance: 1e-6), "\(objective.name) generator loss, seed \(seed): \(g)")
        // The check must have compared something: parameters and fake samples.
        #expect(d.entriesChecked > 0 && g.entriesChecked > 12, "\(objective.name)")
    }

    @Test("the pull-away term matches central differences", arguments: 0..<20)
    func pullAway(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let s = Tensor.randomNormal([5, 3], using: &rng)
        let r = GradientCheck.check({ pullAwayTerm($0[0]) }, at: [s])
        #expect(r.passes(tolerance: 1e-6), "seed \(seed): \(r)")
    }

    @Test("packing matches central differences, divisible or wrapped", arguments: 0..<10)
    func packing(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let x = Tensor.randomNormal([7, 2], using: &rng)
        let w = Tensor.randomNormal([3, 6], using: &rng)          // weights for the wrapped [3, 6] packs of m = 3
        let r = GradientCheck.check({ (pack($0[0], degree: 3) * w).sum().square() }, at: [x])
        #expect(r.passes(tolerance: 1e-6), "seed \(seed): \(r)")
    }

    @Test("the classification losses match central differences", arguments: 0..<20)
    func classificationLosses(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let logits = Tensor.randomNormal([6, 4], std: 2, using: &rng)
        let labels = (0..<6).map { _ in rng.nextInt(below: 4) }
        let ce = GradientCheck.check({ crossEntropy(logits: $0[0], labels: labels) }, at: [logits])
        let column = logits.slice(alongAxis: 1, 0..<1)
        let bceReal = GradientCheck.check({ binaryCrossEntropy(logits: $0[0], label: true) }, at: [column])
        let bceFake = GradientCheck.check({ binaryCrossEntropy(logits: $0[0], label: false) }, at: [column])
        #expect(ce.passes(tolerance: 1e-6) && bceReal.passes(tolerance: 1e-6) && bceFake.passes(tolerance: 1e-6),
                "seed \(seed): \(ce) / \(bceReal) / \(bceFake)")
    }
}
