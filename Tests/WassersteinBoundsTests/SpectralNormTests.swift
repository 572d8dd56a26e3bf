import Testing
import Foundation
import Autodiff
import NeuralNet
@testable import WassersteinBounds

@Suite("Spectral norms: power iteration against the Jacobi method")
struct SpectralNormTests {
    @Test("power iteration agrees with the largest Jacobi singular value", arguments: 0..<20)
    func powerIterationMatchesJacobi(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let m = 1 + rng.nextInt(below: 12), n = 1 + rng.nextInt(below: 12)
        let w = Tensor.randomNormal([m, n], using: &rng)
        let reference = singularValuesByJacobi(w)
        #expect(close(spectralNorm(w, seed: seed), reference[0], 1e-9), "seed \(seed), \(m)x\(n)")
        // The Jacobi values are the singular values: their squares sum to ||W||_F^2.
        let frobenius = w.square().sum().scalar
        #expect(close(reference.reduce(0) { $0 + $1 * $1 }, frobenius, 1e-10), "seed \(seed)")
    }

    @Test("known answers: a diagonal matrix, the constant matrix c, a rotation")
    func knownAnswers() {
        let diagonal = Tensor(rows: [[3, 0, 0], [0, -5, 0], [0, 0, 1]])
        #expect(singularValuesByJacobi(diagonal).map { ($0 * 1e9).rounded() / 1e9 } == [5, 3, 1])
        #expect(close(spectralNorm(diagonal), 5, 1e-10))
        // All entries c: rank one, sigma = c sqrt(m n): the clipping bound is attained.
        let constant = Tensor(repeating: 0.01, shape: [6, 4])
        #expect(close(spectralNorm(constant), 0.01 * (24.0).squareRoot(), 1e-12))
        let t = 0.7
        let rotation = Tensor(rows: [[cos(t), -sin(t)], [sin(t), cos(t)]])
        #expect(singularValuesByJacobi(rotation).allSatisfy { close($0, 1, 1e-12) })
        #expect(spectralNorm(Tensor.zeros([3, 3])) == 0)
    }

    @Test("normalizeSpectrally leaves every layer at spectral norm 1 and returns the old norms", arguments: 0..<10)
    func normalisation(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let mlp = MLP(widths: [3, 7, 5, 1], activation: .relu, using: &rng)
        let before = linearLayers(of: mlp).map { singularValuesByJacobi($0.weight.value)[0] }
        let returned = normalizeSpectrally(mlp)
        #expect(zip(before, returned).allSatisfy { close($0, $1, 1e-9) }, "seed \(seed)")
        #expect(linearLayers(of: mlp).allSatisfy { close(singularValuesByJacobi($0.weight.value)[0], 1, 1e-9) }, "seed \(seed)")
        #expect(linearLayers(of: mlp).count == 3)
    }
}
