import Autodiff
import NeuralNet

/// Pixelwise feature vector normalisation (Karras et al. 2018, section 4.2): at every pixel the
/// vector of `C` features is scaled to unit root-mean-square,
///
/// ```
/// b[n, :, y, x] = a[n, :, y, x] / sqrt( (1/C) sum_j a[n, j, y, x]^2 + eps ),      eps = 1e-8
/// ```
///
/// (`pixel_norm` in the official `networks.py`: `x * rsqrt(mean(x^2, axis=1) + epsilon)`). ProGAN
/// applies it in the generator after every convolution's activation, and to the latent vector
/// before the first layer. It has no parameters: it does not learn a scale, it only stops the
/// generator's signals from escalating when G and D compete.
///
/// Mathematical properties (tested):
/// - the output has root-mean-square 1 over the channels at every pixel (up to `eps`);
/// - it is invariant to positive scaling of its input: `PN(k a) = PN(a)` for `k > 0` (up to `eps`).
///
/// - Input: `[N, C]` or `[N, C, H, W]`; output the same shape.
public final class PixelNorm: Layer {
    /// Guards the square root for an all-zero feature vector; the paper's 1e-8.
    public let epsilon: Double

    public init(epsilon: Double = 1e-8) {
        precondition(epsilon > 0, "PixelNorm: epsilon must be positive, got \(epsilon)")
        self.epsilon = epsilon
    }

    public var parameters: [Variable] { [] }

    public func callAsFunction(_ input: Variable, training: Bool) -> Variable {
        precondition(input.rank >= 2, "PixelNorm: expected [N, C] or [N, C, H, W], got \(input.shape)")
        let meanSquare = input.square().mean(alongAxes: [1], keepingDims: true)     // [N, 1, ...]
        return input / (meanSquare + epsilon).sqrt()                                // [N, C, ...]
    }
}
