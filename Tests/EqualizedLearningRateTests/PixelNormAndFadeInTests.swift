import Foundation
import Testing
import Autodiff
@testable import EqualizedLearningRate

@Suite("Pixel norm")
struct PixelNormTests {
    let norm = PixelNorm()

    @Test("every pixel's feature vector comes out with root-mean-square 1", arguments: 0..<20)
    func unitRMS(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let scale = Foundation.exp(Double(Int(seed % 7) - 3))        // e^-3 ... e^3
        let x = Tensor.randomNormal([3, 5, 2, 4], using: &rng) * scale
        let y = norm(Variable(x), training: true).value
        // The output's mean square is exactly ms_x / (ms_x + eps): 1 up to eps / ms_x.
        func check(_ x: Tensor, _ y: Tensor) {
            let msIn = x.square().mean(alongAxes: [1]).scalars, msOut = y.square().mean(alongAxes: [1]).scalars
            for (a, b) in zip(msIn, msOut) {
                #expect(Swift.abs(b - a / (a + 1e-8)) < 1e-13, "seed \(seed): ms in \(a), out \(b)")
                if a > 1e-2 { #expect(Swift.abs(b - 1) < 1e-6, "seed \(seed)") }
            }
        }
        check(x, y)
        check(x.reshaped([6, 20]), norm(Variable(x.reshaped([6, 20])), training: true).value)
    }

    @Test("positive scaling of the input does not change the output; a sign flip flips it", arguments: 0..<20)
    func scaleInvariant(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let x = Tensor.randomNormal([4, 6, 3, 3], using: &rng)
        let k = Foundation.exp(rng.nextUniform() * 6)                   // 1 ... e^6
        let y = norm(Variable(x), training: true).value
        // Scaling changes only eps's share, eps / (k^2 ms), relatively at most eps / (2 ms) ~ 1e-8 here.
        #expect(norm(Variable(x * k), training: true).value.isApproximatelyEqual(to: y, relativeTolerance: 1e-6, absoluteTolerance: 1e-9), "seed \(seed), k \(k)")
        #expect(norm(Variable(x / k), training: true).value.isApproximatelyEqual(to: y, relativeTolerance: 1e-6 * k * k, absoluteTolerance: 1e-9), "seed \(seed), 1/k")
        #expect(norm(Variable(-x), training: true).value.isApproximatelyEqual(to: -y, relativeTolerance: 1e-14, absoluteTolerance: 0))
    }

    @Test("known values: (3, 4) has mean square 12.5; a zero vector stays zero (epsilon keeps it finite)")
    func knownValues() {
        let y = norm(Variable(Tensor(shape: [1, 2, 1, 1], scalars: [3, 4])), training: true).value
        let d = (12.5 + 1e-8).squareRoot()
        #expect(y.scalars == [3 / d, 4 / d])
        #expect(norm(Variable(Tensor.zeros([2, 3])), training: true).value.scalars == [0, 0, 0, 0, 0, 0])
    }

    @Test("gradients agree with central differences, first and second order", arguments: 0..<20)
    func gradients(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let x = Tensor.randomNormal([2, 3, 2, 2], using: &rng)
        let w = Tensor.randomNormal([2, 3, 2, 2], using: &rng)
        let first = GradientCheck.check({ (norm($0[0], training: true) * w).sum() }, at: [x])
        #expect(first.passes(tolerance: 1e-6), "seed \(seed): \(first)")
        let flat = GradientCheck.check({ (norm($0[0], training: true) * w.reshaped([2, 12])).sum() }, at: [x.reshaped([2, 12])])
        #expect(flat.passes(tolerance: 1e-6), "seed \(seed): \(flat)")
        if seed < 8 {
            let second = GradientCheck.checkSecondOrder({ (norm($0[0], training: true) * w).sum() }, at: [x], seed: seed)
            #expect(second.passes(tolerance: 1e-6), "seed \(seed): \(second)")
        }
    }
}

@Suite("Fade-in")
struct FadeInTests {
    @Test("alpha 0 is the old path, alpha 1 the new block, and in between the linear blend", arguments: 0..<10)
    func blend(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let a = Tensor.randomNormal([2, 1, 4, 4], using: &rng), b = Tensor.randomNormal([2, 1, 4, 4], using: &rng)
        #expect(fadeIn(Variable(a), Variable(b), alpha: 0).value == a)
        #expect(fadeIn(Variable(a), Variable(b), alpha: 1).value == b)
        let alpha = rng.nextUniform()
        let blended = fadeIn(Variable(a), Variable(b), alpha: alpha).value
        #expect(blended.isApproximatelyEqual(to: a * (1 - alpha) + b * alpha, relativeTolerance: 1e-15, absoluteTolerance: 1e-15))
        #expect(fadeIn(a, b, alpha: alpha).isApproximatelyEqual(to: blended, relativeTolerance: 1e-15, absoluteTolerance: 1e-15))
    }

    @Test("gradients: (1 - alpha) to the old path and alpha to the new block", arguments: 0..<20)
    func gradients(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let alpha = rng.nextUniform()
        let a = Tensor.randomNormal([2, 3], using: &rng), b = Tensor.randomNormal([2, 3], using: &rng)
        let w = Tensor.randomNormal([2, 3], using: &rng)
        let result = GradientCheck.check({ (fadeIn($0[0], $0[1], alpha: alpha).tanh() * w).sum() }, at: [a, b])
        #expect(result.passes(tolerance: 1e-6), "seed \(seed): \(result)")
        let va = Variable(parameter: a), vb = Variable(parameter: b)
        let g = Autodiff.gradients(of: (fadeIn(va, vb, alpha: alpha) * w).sum(), wrt: [va, vb])
        #expect(g[0].value.isApproximatelyEqual(to: w * (1 - alpha)) && g[1].value.isApproximatelyEqual(to: w * alpha), "seed \(seed)")
    }
}
