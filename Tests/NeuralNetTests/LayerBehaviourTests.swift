import Foundation
import Testing
import Autodiff
@testable import NeuralNet

@Suite("Layer behaviour")
struct LayerBehaviourTests {
    @Test("BatchNorm in training normalises each feature to mean 0 and variance 1 - eps/(var+eps)", arguments: UInt64(0)..<20)
    func batchNormNormalises(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let bn = BatchNorm(features: 4)
        let x = Tensor.randomNormal([32, 4], mean: 3, std: 2, using: &rng)
        let y = bn(Variable(x), training: true).value
        let mean = y.mean(alongAxes: [0]), variance = y.variance(alongAxes: [0])
        let batchVariance = x.variance(alongAxes: [0])
        for f in 0..<4 {
            #expect(Swift.abs(mean[f]) < 1e-12, "seed \(seed)")
            // Exactly var / (var + eps): the eps in the denominator is visible in the output.
            let expected = batchVariance[f] / (batchVariance[f] + 1e-5)
            #expect(Swift.abs(variance[f] - expected) < 1e-12, "seed \(seed)")
        }
    }

    @Test("BatchNorm's running statistics follow PyTorch's update, and evaluation uses them")
    func batchNormRunningStatistics() {
        let bn = BatchNorm(features: 1)
        #expect(bn.epsilon == 1e-5 && bn.momentum == 0.1)
        let x = Tensor(shape: [4, 1], scalars: [1, 2, 3, 6])      // mean 3, biased var 3.5, unbiased 14/3
        _ = bn(Variable(x), training: true)
        #expect(Swift.abs(bn.runningMean[0] - 0.3) < 1e-15)          // 0.9 * 0 + 0.1 * 3
        #expect(Swift.abs(bn.runningVariance[0] - (0.9 + 0.1 * 14.0 / 3)) < 1e-15)
        let y = bn(Variable(Tensor(shape: [1, 1], scalars: [2])), training: false).value[0, 0]
        #expect(Swift.abs(y - (2 - 0.3) / (bn.runningVariance[0] + 1e-5).squareRoot()) < 1e-15)
        // Evaluation leaves the statistics alone.
        #expect(Swift.abs(bn.runningMean[0] - 0.3) < 1e-15)
    }

    @Test("eps = 0.8 (the Keras-momentum mix-up) shrinks normalised activations of small-variance features")
    func batchNormEpsilonPitfall() {
        var rng = SeededGenerator(seed: 4)
        let x = Variable(Tensor.randomNormal([64, 3], std: 0.1, using: &rng))   // variance ~0.01
        let right = BatchNorm(features: 3)(x, training: true).value.variance(alongAxes: [0])
        let wrong = BatchNorm(features: 3, epsilon: 0.8)(x, training: true).value.variance(alongAxes: [0])
        for f in 0..<3 {
            #expect(right[f] > 0.99)
            #expect(wrong[f] < 0.02)     // var / (var + 0.8) with var ~ 0.01
        }
    }

    @Test("snapshot and restore round-trip parameters and buffers; a mismatch throws and changes nothing")
    func snapshotRestore() throws {
        var rng = SeededGenerator(seed: 1)
        let a = MLP(widths: [2, 8, 1], batchNorm: true, using: &rng)
        let b = MLP(widths: [2, 8, 1], batchNorm: true, using: &rng)
        _ = a(Variable(Tensor.randomNormal([5, 2], using: &rng)), training: true)   // move the running stats
        try b.restore(a.snapshot())
        #expect(b.snapshot() == a.snapshot())
        let c = MLP(widths: [2, 9, 1], batchNorm: true, using: &rng)
        let before = c.snapshot()
        #expect(throws: LayerStateError.self) { try c.restore(a.snapshot()) }
        #expect(c.snapshot() == before)
        // Codable round trip, as a checkpoint would do.
        let data = try JSONEncoder().encode(a.snapshot())
        #expect(try JSONDecoder().decode(LayerState.self, from: data) == a.snapshot())
    }

    @Test("MLP has the expected structure and parameter count")
    func mlpStructure() {
        var rng = SeededGenerator(seed: 0)
        let d = MLP(widths: [2, 128, 128, 128, 1], activation: .relu, using: &rng)
        #expect(d.parameterCount == 2 * 128 + 128 + 2 * (128 * 128 + 128) + 128 + 1)
        #expect(d(Variable(Tensor.zeros([7, 2])), training: false).shape == [7, 1])
        #expect(d.parameters.count == 8)
    }

    @Test("He initialisation has the stated standard deviation")
    func heInitialisationScale() {
        var rng = SeededGenerator(seed: 2)
        let l = Linear(200, 300, initialization: .he(), using: &rng)
        let w = l.weight.value.scalars
        let sd = (w.map { $0 * $0 }.reduce(0, +) / Double(w.count)).squareRoot()
        // Expected sqrt(2/200) = 0.1; standard error of the sd estimate ~ 0.1 / sqrt(2 * 60000).
        #expect(Swift.abs(sd - 0.1) < 5 * 0.1 / (2.0 * 60_000).squareRoot())
        let x = Linear(200, 300, initialization: .xavier, using: &rng).weight.value.scalars
        let bound = (6.0 / 500).squareRoot()
        #expect(x.allSatisfy { Swift.abs($0) <= bound } && x.contains { Swift.abs($0) > 0.9 * bound })
    }

    @Test("weight clipping clamps every parameter to [-c, c] and leaves smaller values alone")
    func clipping() {
        let p = Variable(parameter: Tensor([-0.5, -0.005, 0, 0.003, 2]))
        clipWeights([p], to: 0.01)
        #expect(p.value.scalars == [-0.01, -0.005, 0, 0.003, 0.01])
    }

    @Test("activation names round-trip and unknown names are rejected")
    func activationNames() {
        for k in ActivationKind.allCases { #expect(ActivationKind(name: k.name) == k) }
        #expect(ActivationKind(name: "swish") == nil)
    }
}
