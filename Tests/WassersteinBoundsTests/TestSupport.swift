import Foundation
import Autodiff
import NeuralNet

// Small critics whose input gradients are known in closed form, for known-answer tests.

/// `f(x) = x w + b`: input gradient `w` everywhere.
final class LinearCritic: Layer {
    let weight: Variable   // [d, 1]
    let bias: Variable     // [1]
    init(_ w: [Double], bias b: Double = 0) {
        weight = Variable(parameter: Tensor(shape: [w.count, 1], scalars: w))
        bias = Variable(parameter: Tensor([b]))
    }
    var parameters: [Variable] { [weight, bias] }
    func callAsFunction(_ input: Variable, training: Bool) -> Variable { matmul(input, weight) + bias }
}

/// `f(x) = 1/2 ||x||^2` summed over every non-batch coordinate: input gradient `x` itself.
final class HalfSquaredNormCritic: Layer {
    var parameters: [Variable] { [] }
    func callAsFunction(_ input: Variable, training: Bool) -> Variable {
        let n = input.shape[0]
        return (input.reshaped([n, -1]).square().sum(alongAxes: [1]) * 0.5).reshaped([n, 1])
    }
}

/// `-f`: the same critic upside down.
final class NegatedCritic: Layer {
    let base: any Layer
    init(_ base: any Layer) { self.base = base }
    var parameters: [Variable] { base.parameters }
    func callAsFunction(_ input: Variable, training: Bool) -> Variable { -base(input, training: training) }
}

/// A small smooth critic `d -> width -> 1` with tanh: twice differentiable everywhere, so finite
/// differences of its gradients are accurate.
func smoothCritic(inputs: Int = 2, width: Int = 5, using rng: inout SeededGenerator) -> MLP {
    MLP(widths: [inputs, width, 1], activation: .tanh, using: &rng)
}

/// `|a - b| <= tolerance * max(1, |a|, |b|)`.
func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
    Swift.abs(a - b) <= tolerance * Swift.max(1, Swift.abs(a), Swift.abs(b))
}
