import Autodiff
import NeuralNet

/// A 2-D convolution with equalized learning rate: filters drawn from N(0, 1), multiplied at run
/// time by `c = gain / sqrt(fan_in)` with `fan_in = C_in k k`, "same" zero padding `k / 2` and
/// stride 1, then a per-channel bias (`conv2d` and `apply_bias` in the official `networks.py`):
///
/// ```
/// y[n, o] = sum_c (c W[o, c]) * x[n, c] + b[o]          (* the 2-D cross-correlation)
/// ```
///
/// See `EqualizedLinear` for why the scale lives outside the parameter. With `equalized: false`
/// it is an ordinary He-initialised convolution (filters from N(0, c^2), used as they are).
///
/// - Input: `[N, C_in, H, W]`. Output: `[N, C_out, H, W]`.
public final class EqualizedConv2D: Layer {
    /// `[C_out, C_in, k, k]`
    public let filter: Variable
    /// `[C_out]`, zero at the start.
    public let bias: Variable
    public let gain: Double
    public let isEqualized: Bool

    /// - Parameters:
    ///   - kernelSize: odd, so that padding `k / 2` keeps the image size (ProGAN uses 3 and 1).
    ///   - gain: `sqrt(2)` before a leaky ReLU; 1 for the layer that outputs an image (ProGAN's `torgb`).
    public init(_ inputChannels: Int, _ outputChannels: Int, kernelSize: Int = 3, gain: Double = 2.0.squareRoot(),
                equalized: Bool = true, using rng: inout some RandomNumberGenerator) {
        precondition(inputChannels > 0 && outputChannels > 0, "EqualizedConv2D: channel counts must be positive, got \(inputChannels) -> \(outputChannels)")
        precondition(kernelSize >= 1 && kernelSize % 2 == 1, "EqualizedConv2D: the kernel size must be odd, got \(kernelSize)")
        precondition(gain > 0 && gain.isFinite, "EqualizedConv2D: gain must be a positive number, got \(gain)")
        self.gain = gain; isEqualized = equalized
        let he = gain / Double(inputChannels * kernelSize * kernelSize).squareRoot()
        filter = Variable(parameter: Tensor.randomNormal([outputChannels, inputChannels, kernelSize, kernelSize],
                                                         std: equalized ? 1 : he, using: &rng))
        bias = Variable(parameter: .zeros([outputChannels]))
    }

    public var inputChannels: Int { filter.shape[1] }
    public var outputChannels: Int { filter.shape[0] }
    public var kernelSize: Int { filter.shape[2] }
    /// `C_in k k`
    public var fanIn: Int { inputChannels * kernelSize * kernelSize }
    public var heConstant: Double { gain / Double(fanIn).squareRoot() }
    public var runtimeScale: Double { isEqualized ? heConstant : 1 }
    /// The filters the forward pass uses, `runtimeScale * W`.
    public var effectiveFilter: Tensor { filter.value * runtimeScale }

    public var parameters: [Variable] { [filter, bias] }

    public func callAsFunction(_ input: Variable, training: Bool) -> Variable {
        precondition(input.rank == 4 && input.shape[1] == inputChannels,
                     "EqualizedConv2D: expected input [N, \(inputChannels), H, W], got \(input.shape)")
        let w = isEqualized ? filter * runtimeScale : filter                              // [Cout, Cin, k, k]
        let y = Variable.convolution2D(input, w, padding: kernelSize / 2)                 // [N, Cout, H, W]
        return y + bias.reshaped([1, outputChannels, 1, 1])                               // [N, Cout, H, W]
    }
}
