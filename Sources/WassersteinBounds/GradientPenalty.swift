import Autodiff
import NeuralNet

/// WGAN-GP's two-sided gradient penalty (Gulrajani et al. 2017, "Improved Training of
/// Wasserstein GANs", equation 3):
///
/// ```
/// GP = E_{x_hat} (||grad_x D(x_hat)||_2 - 1)^2,    x_hat = eps x + (1 - eps) x~,   eps ~ U[0, 1] per sample
/// ```
///
/// The norm is taken per sample over all non-batch coordinates. The penalty is built from the
/// critic's input gradient recorded with `createGraph: true`, so differentiating it with respect
/// to the critic's parameters differentiates through a backward pass (double backpropagation).
///
/// A 1-Lipschitz function has `||grad D|| <= 1` everywhere, and the optimal critic has slope
/// exactly 1 on the segments between coupled real and generated points, so the penalty pulls the
/// slope towards 1 where it matters instead of bounding every weight (weight clipping).
///
/// - Parameters:
///   - critic: `[N, ...] -> [N, 1]`.
///   - real, fake: `[N, ...]` batches; `fake` is normally detached.
///   - target: the slope the penalty pulls towards; 1 in the paper.
///   - normEpsilon: added under the square root, `||g|| = sqrt(sum g^2 + normEpsilon)`. A ReLU
///     critic can have an input gradient of exactly 0 (every unit off), where the square root's
///     derivative is infinite and `0 * inf` would turn the whole gradient into NaN. 1e-12 moves a
///     norm near 1 by about 5e-13.
///   - rng: draws the interpolation weights.
/// - Returns: the penalty (a scalar `Variable`, not yet multiplied by lambda) and the mean
///   gradient norm at the interpolates (a plain number, for logging).
///
/// Properties the tests check: zero for a linear critic `D(x) = <w, x>` with `||w|| = 1`;
/// `(||w|| - 1)^2` exactly for any linear critic; the per-sample norm reduces over every
/// non-batch axis; first- and second-order gradient checks with respect to the critic's parameters.
public func gradientPenalty(critic: any Layer, real: Variable, fake: Variable, target: Double = 1,
                            normEpsilon: Double = 1e-12,
                            using rng: inout SeededGenerator) -> (penalty: Variable, meanNorm: Double) {
    let (xHat, _) = randomInterpolates(real: real, fake: fake, using: &rng)       // [N, ...]
    let g = criticInputGradients(critic, at: xHat, createGraph: true)               // [N, ...]
    let norms = (perSampleSquaredNorms(g) + normEpsilon).sqrt()                     // [N]
    let penalty = (norms - target).square().mean()                                  // scalar
    return (penalty, norms.value.mean().scalar)
}
