import Testing
import Foundation
import Autodiff
import NeuralNet
@testable import WassersteinBounds

// Bound 2: a critic whose weights are clipped to [-c, c] is K-Lipschitz with
// K = prod_l c sqrt(n_(l-1) n_l); no measured slope may exceed the product of spectral norms,
// which may not exceed K.

@Suite("Weight clipping bounds the critic's Lipschitz constant")
struct ClippingBoundTests {
    @Test("measured slopes <= prod ||W_l||_2 <= prod c sqrt(n_in n_out), for clipped critics", arguments: 0..<20)
    func slopesNeverExceedTheBound(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let depth = 1 + rng.nextInt(below: 3)
        let widths = [2] + (0..<depth).map { _ in 2 + rng.nextInt(below: 14) } + [1]
        let activation = [ActivationKind.relu, .tanh, .leakyRelu, .elu, .softplus, .sigmoid][rng.nextInt(below: 6)]
        let c = [0.5, 0.1, 0.01][rng.nextInt(below: 3)]
        let critic = MLP(widths: widths, activation: activation, using: &rng)
        // Push every weight towards the corners of the box, where the bound is most nearly reached.
        for p in critic.parameters { p.updateValue { $0 = $0 * 10 } }
        WGAN(clipValue: c).afterDiscriminatorStep(discriminator: critic)

        let guaranteed = clippedLipschitzBound(widths: widths, clipValue: c)
        let spectral = spectralLipschitzBound(of: critic)
        #expect(spectral <= guaranteed * (1 + 1e-12), "seed \(seed): spectral \(spectral) > clipping bound \(guaranteed)")
        let points = Tensor.randomNormal([256, 2], std: 3, using: &rng)
        let slopes = inputGradientNorms(of: critic, at: points)
        #expect(slopes.allSatisfy { $0 <= spectral * (1 + 1e-9) }, "seed \(seed), \(activation), widths \(widths): max slope \(slopes.max()!) > \(spectral)")
    }

    @Test("the bound is attained: a linear network whose weights all equal c")
    func boundIsTight() {
        var rng = SeededGenerator(seed: 2)
        let widths = [2, 5, 3, 1], c = 0.3
        let net = MLP(widths: widths, activation: .identity, using: &rng)
        for layer in linearLayers(of: net) { layer.weight.assign(Tensor(repeating: c, shape: layer.weight.shape)) }
        let slope = inputGradientNorms(of: net, at: Tensor(rows: [[0.4, -1.2]]))[0]
        // f(x) = c^3 (5 * 3) (x_1 + x_2): slope c^3 * 15 * sqrt 2 = c sqrt(2*5) * c sqrt(5*3) * c sqrt(3*1).
        #expect(close(slope, clippedLipschitzBound(widths: widths, clipValue: c), 1e-12))
        #expect(close(slope, c * c * c * 15 * (2.0).squareRoot(), 1e-12))
    }

    @Test("a measured slope can exceed the bound of a smaller c: the test would catch a wrong K")
    func boundIsNotVacuous() {
        var rng = SeededGenerator(seed: 3)
        let widths = [2, 4, 1]
        let net = MLP(widths: widths, activation: .relu, using: &rng)
        for layer in linearLayers(of: net) { layer.weight.assign(Tensor(repeating: 0.2, shape: layer.weight.shape)) }
        let slope = inputGradientNorms(of: net, at: Tensor(rows: [[1, 1]]))[0]
        #expect(slope > clippedLipschitzBound(widths: widths, clipValue: 0.1))
    }
}
