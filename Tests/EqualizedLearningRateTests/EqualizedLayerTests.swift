import Foundation
import Testing
import Autodiff
import NeuralNet
@testable import EqualizedLearningRate

/// `||t||_F`
func norm(_ t: Tensor) -> Double { t.square().sum().scalar.squareRoot() }

/// The relative change `||c W' - c W|| / ||c W||` of a layer's effective weight after one Adam
/// step on `sum(layer(x) * u)`, from a fresh optimizer.
func relativeAdamUpdate(_ layer: EqualizedLinear, learningRate: Double, using rng: inout SeededGenerator) -> Double {
    let x = Tensor.randomNormal([8, layer.inputSize], using: &rng)
    let u = Tensor.randomNormal([8, layer.outputSize], using: &rng)
    let before = layer.effectiveWeight
    Adam(layer.parameters, learningRate: learningRate).minimize((layer(Variable(x)) * u).sum())
    return norm(layer.effectiveWeight - before) / norm(before)
}

@Suite("Equalized learning rate layers")
struct EqualizedLayerTests {
    @Test("EqualizedLinear equals an ordinary Linear whose weight is c W", arguments: 0..<20)
    func equalsScaledLinear(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let (i, o) = (1 + rng.nextInt(below: 40), 1 + rng.nextInt(below: 6))
        let gain = [Double(2).squareRoot(), 1, Double(2).squareRoot() / 4][Int(seed % 3)]
        let eq = EqualizedLinear(i, o, gain: gain, using: &rng)
        eq.bias!.assign(Tensor.randomNormal([o], using: &rng))
        let plain = Linear(i, o, using: &rng)
        plain.weight.assign(eq.weight.value * (gain / Double(i).squareRoot()))
        plain.bias!.assign(eq.bias!.value)
        let x = Variable(Tensor.randomNormal([5, i], using: &rng))
        #expect(eq(x).value.isApproximatelyEqual(to: plain(x).value, relativeTolerance: 1e-12, absoluteTolerance: 1e-12), "seed \(seed)")
        #expect(eq.heConstant == gain / Double(i).squareRoot())
    }

    @Test("equalized weights are stored as N(0, 1); ordinary ones as N(0, c^2); both start as the same function", arguments: 0..<5)
    func storage(seed: UInt64) {
        var a = SeededGenerator(seed: seed), b = SeededGenerator(seed: seed)
        let eq = EqualizedLinear(256, 64, using: &a)
        let plain = EqualizedLinear(256, 64, equalized: false, using: &b)
        let rms = { (t: Tensor) in norm(t) / Double(t.count).squareRoot() }
        let c = 2.0.squareRoot() / 16
        #expect(Swift.abs(rms(eq.weight.value) - 1) < 0.02, "seed \(seed)")
        #expect(Swift.abs(rms(plain.weight.value) / c - 1) < 0.02, "seed \(seed)")
        #expect(eq.effectiveWeight.isApproximatelyEqual(to: plain.effectiveWeight, relativeTolerance: 1e-14, absoluteTolerance: 0), "seed \(seed)")
        #expect(plain.runtimeScale == 1 && eq.runtimeScale == c)
    }

    @Test("one Adam step changes an equalized layer by the same relative amount at every fan-in, an ordinary one by sqrt(fan_in)", arguments: 0..<10)
    func adamSpeedDoesNotDependOnFanIn(seed: UInt64) {
        let lr = 1e-3
        var rng = SeededGenerator(seed: seed)
        var equalized: [Double] = [], ordinary: [Double] = []
        for fanIn in [4, 64, 1024] {
            let eq = EqualizedLinear(fanIn, 16, using: &rng)
            let u = relativeAdamUpdate(eq, learningRate: lr, using: &rng)
            equalized.append(u)
            ordinary.append(relativeAdamUpdate(EqualizedLinear(fanIn, 16, equalized: false, using: &rng), learningRate: lr, using: &rng))
        }
        // Adam's first step moves every stored entry by lr (up to eps / |g|), so the relative change
        // is lr sqrt(count) / ||W||. Equalized, ||W|| is about sqrt(count) (N(0, 1) entries): about
        // lr at every fan-in. Ordinary, ||W|| is about c sqrt(count), c = sqrt(2) / sqrt(fan_in):
        // about lr sqrt(fan_in / 2), so fan-in 1024 moves 16 times faster than fan-in 4.
        for u in equalized { #expect(Swift.abs(u / lr - 1) < 0.25, "seed \(seed): \(equalized)") }
        #expect(Swift.abs(equalized[2] / equalized[0] - 1) < 0.3, "seed \(seed): \(equalized)")
        let ratio = ordinary[2] / ordinary[0]
        #expect(ratio > 16 / 1.3 && ratio < 16 * 1.3, "seed \(seed): ordinary ratio \(ratio), \(ordinary)")
        #expect(Swift.abs(ordinary[1] / (lr * 8 / 2.0.squareRoot()) - 1) < 0.25, "seed \(seed): \(ordinary)")
    }

    @Test("the first Adam step on an equalized layer is exactly lr per stored entry", arguments: 0..<10)
    func firstAdamStepIsLearningRate(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let layer = EqualizedLinear(3 + rng.nextInt(below: 30), 4, using: &rng)
        let x = Tensor.randomNormal([8, layer.inputSize], using: &rng)
        let u = Tensor.randomNormal([8, 4], using: &rng)
        let before = layer.weight.value
        Adam(layer.parameters, learningRate: 1e-3).minimize((layer(Variable(x)) * u).sum())
        let step = (layer.weight.value - before).abs()
        // |Delta| = lr |g| / (|g| + 1e-8): lr to within 1e-8 / |g| relative (|g| here is O(0.1) or more).
        #expect(step.scalars.allSatisfy { Swift.abs($0 - 1e-3) < 1e-3 * 1e-5 }, "seed \(seed)")
    }

    @Test("EqualizedLinear gradients agree with central differences (input, weight, bias), equalized or not", arguments: 0..<20)
    func linearGradients(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        for equalized in [true, false] {
            let layer = EqualizedLinear(5, 3, gain: 1.3, equalized: equalized, using: &rng)
            layer.bias!.assign(Tensor.randomNormal([3], using: &rng))
            let x = Variable(parameter: Tensor.randomNormal([4, 5], using: &rng))
            let w = Tensor.randomNormal([4, 3], using: &rng)
            let result = GradientCheck.check({ (layer(x).tanh() * w).sum() }, wrt: [x] + layer.parameters)
            #expect(result.passes(tolerance: 1e-6), "seed \(seed), equalized \(equalized): \(result)")
        }
    }

    @Test("EqualizedConv2D equals conv2d with the filters c W plus a per-channel bias, and keeps the image size", arguments: 0..<10)
    func convolutionMatchesDefinition(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let k = [1, 3, 5][Int(seed % 3)]
        let conv = EqualizedConv2D(3, 2, kernelSize: k, using: &rng)
        conv.bias.assign(Tensor.randomNormal([2], using: &rng))
        let x = Tensor.randomNormal([2, 3, 5, 6], using: &rng)
        let y = conv(Variable(x), training: true).value
        #expect(y.shape == [2, 2, 5, 6])
        #expect(conv.heConstant == 2.0.squareRoot() / Double(3 * k * k).squareRoot())
        let reference = Tensor.referenceConvolution2D(x, conv.filter.value * conv.heConstant, padding: k / 2)
            + conv.bias.value.reshaped([1, 2, 1, 1])
        #expect(y.isApproximatelyEqual(to: reference, relativeTolerance: 1e-12, absoluteTolerance: 1e-12), "seed \(seed)")
    }

    @Test("EqualizedConv2D gradients agree with central differences (input, filter, bias)", arguments: 0..<20)
    func convolutionGradients(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let conv = EqualizedConv2D(2, 3, kernelSize: seed % 2 == 0 ? 3 : 1, equalized: seed % 4 < 2, using: &rng)
        conv.bias.assign(Tensor.randomNormal([3], using: &rng))
        let x = Variable(parameter: Tensor.randomNormal([2, 2, 3, 4], using: &rng))
        let w = Tensor.randomNormal([2, 3, 3, 4], using: &rng)
        let result = GradientCheck.check({ (conv(x, training: true) * w).sum() }, wrt: [x] + conv.parameters)
        #expect(result.passes(tolerance: 1e-6), "seed \(seed): \(result)")
    }
}
