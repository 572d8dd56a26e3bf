import Foundation
import Autodiff
import NeuralNet

/// A fully connected layer with equalized learning rate (Karras et al. 2018, "Progressive
/// Growing of GANs", section 4.1): the stored weights are drawn from N(0, 1) and multiplied at
/// run time by the He constant
///
/// ```
/// c = gain / sqrt(fan_in),        y = x (c W) + b,        W ~ N(0, 1),  b = 0 at the start
/// ```
///
/// as `get_weight(..., use_wscale=True)` and `dense` do in the official `networks.py`
/// (tkarras/progressive_growing_of_gans): `std = gain / sqrt(fan_in)`, default `gain = sqrt(2)`
/// (the ReLU gain of He et al. 2015), and `gain = 1` for the output layers. The bias is not scaled.
///
/// Why: at initialisation `c W` has the same distribution as an ordinary He-initialised weight,
/// so the forward pass is unchanged. What changes is the *update*. Adam divides each gradient by
/// a running estimate of its own scale, so every stored parameter moves by about the learning
/// rate per step whatever its magnitude. An ordinary weight of size `gain / sqrt(fan_in)` then
/// changes by a relative amount proportional to `sqrt(fan_in)`: layers with a large fan-in learn
/// faster than those with a small one. With the scale moved out of the parameter, every stored
/// weight has size about 1, and every layer's relative update is about the learning rate.
///
/// With `equalized: false` the same class is the ordinary layer (`use_wscale=False`): weights
/// drawn from N(0, c^2) and used as they are.
///
/// Mathematical properties (tested):
/// - the output equals an ordinary `Linear` whose weight is `c W` and bias `b`;
/// - after one Adam step from the same gradient direction, the relative change of the effective
///   weight `c W` is the same for every fan-in, while the ordinary layer's grows as `sqrt(fan_in)`.
///
/// - Input: `[N, in]`. Output: `[N, out]`.
public final class EqualizedLinear: Layer {
    /// `[in, out]`: N(0, 1) when equalized, N(0, c^2) otherwise.
    public let weight: Variable
    /// `[out]`, zero at the start; `nil` for a layer without bias.
    public let bias: Variable?
    /// The gain of the He constant: `sqrt(2)` for layers followed by a (leaky) ReLU, 1 for outputs.
    public let gain: Double
    /// Whether the He constant is applied at run time (`use_wscale`).
    public let isEqualized: Bool

    public init(_ inputSize: Int, _ outputSize: Int, bias: Bool = true, gain: Double = 2.0.squareRoot(),
                equalized: Bool = true, using rng: inout some RandomNumberGenerator) {
        precondition(inputSize > 0 && outputSize > 0, "EqualizedLinear: sizes must be positive, got \(inputSize) -> \(outputSize)")
        precondition(gain > 0 && gain.isFinite, "EqualizedLinear: gain must be a positive number, got \(gain)")
        self.gain = gain; isEqualized = equalized
        let he = gain / Double(inputSize).squareRoot()
        weight = Variable(parameter: Tensor.randomNormal([inputSize, outputSize], std: equalized ? 1 : he, using: &rng))
        self.bias = bias ? Variable(parameter: .zeros([outputSize])) : nil
    }

    public var inputSize: Int { weight.shape[0] }
    public var outputSize: Int { weight.shape[1] }
    /// The He constant `gain / sqrt(fan_in)`.
    public var heConstant: Double { gain / Double(inputSize).squareRoot() }
    /// The factor applied to the stored weight at run time: the He constant, or 1 when not equalized.
    public var runtimeScale: Double { isEqualized ? heConstant : 1 }
    /// The weight the forward pass uses, `runtimeScale * W`.
    public var effectiveWeight: Tensor { weight.value * runtimeScale }

    public var parameters: [Variable] { bias.map { [weight, $0] } ?? [weight] }

    public func callAsFunction(_ input: Variable) -> Variable {
        precondition(input.rank == 2 && input.shape[1] == inputSize,
                     "EqualizedLinear: expected input [N, \(inputSize)], got \(input.shape)")
        let w = isEqualized ? weight * runtimeScale : weight       // [in, out] scaled at run time
        let xw = matmul(input, w)                                  // [N, out]
        return bias.map { xw + $0 } ?? xw
    }
    public func callAsFunction(_ input: Variable, training: Bool) -> Variable { self(input) }
}
