import Foundation
import Autodiff

/// How a layer's weights are drawn at creation.
public enum Initialization: Sendable, Hashable {
    /// He et al. 2015: `W ~ N(0, gain^2 / fan_in)`, bias 0; `gain = sqrt(2)` suits ReLU.
    case he(gain: Double = 2.0.squareRoot())
    /// Glorot and Bengio 2010: `W ~ U(-a, a)`, `a = sqrt(6 / (fan_in + fan_out))`, bias 0.
    case xavier
    /// `W ~ N(0, std^2)`, bias 0 (DCGAN used std 0.02).
    case normal(std: Double)
    /// PyTorch's `nn.Linear` default: `W` and `b` both `~ U(-1/sqrt(fan_in), 1/sqrt(fan_in))`
    /// (Kaiming-uniform with `a = sqrt(5)`). The PyTorch benchmark reference uses it.
    case pytorchDefault
}

/// A fully connected layer, `y = x W + b`.
///
/// `W` is stored `[in, out]` so the forward pass is one matrix product with no transpose.
///
/// - Input: `[N, in]`. Output: `[N, out]`.
public final class Linear: Layer {
    /// `[in, out]`
    public let weight: Variable
    /// `[out]`, or `nil` for a layer without bias.
    public let bias: Variable?

    public init(_ inputSize: Int, _ outputSize: Int, bias: Bool = true, initialization: Initialization = .he(),
                using rng: inout some RandomNumberGenerator) {
        precondition(inputSize > 0 && outputSize > 0, "Linear: sizes must be positive, got \(inputSize) -> \(outputSize)")
        let fanIn = Double(inputSize), fanOut = Double(outputSize)
        let w: Tensor
        var b = Tensor.zeros([outputSize])
        switch initialization {
        case .he(let gain):
            w = Tensor.randomNormal([inputSize, outputSize], std: gain / fanIn.squareRoot(), using: &rng)
        case .xavier:
            let a = (6 / (fanIn + fanOut)).squareRoot()
            w = Tensor.randomUniform([inputSize, outputSize], low: -a, high: a, using: &rng)
        case .normal(let std):
            w = Tensor.randomNormal([inputSize, outputSize], std: std, using: &rng)
        case .pytorchDefault:
            let a = 1 / fanIn.squareRoot()
            w = Tensor.randomUniform([inputSize, outputSize], low: -a, high: a, using: &rng)
            b = Tensor.randomUniform([outputSize], low: -a, high: a, using: &rng)
        }
        weight = Variable(parameter: w)
        self.bias = bias ? Variable(parameter: b) : nil
    }

    public var inputSize: Int { weight.shape[0] }
    public var outputSize: Int { weight.shape[1] }
    public var parameters: [Variable] { bias.map { [weight, $0] } ?? [weight] }

    public func callAsFunction(_ input: Variable) -> Variable {
        Variable.linear(input, weight: weight, bias: bias)        // [N, out] = x W + b, one fused op
    }
    public func callAsFunction(_ input: Variable, training: Bool) -> Variable { self(input) }
}
