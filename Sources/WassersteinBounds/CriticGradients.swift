import Autodiff
import NeuralNet

// The two ingredients every gradient penalty shares: where the critic's slope is measured (random
// points between real and generated samples) and the slope itself (the per-sample norm of the
// critic's input gradient, kept differentiable so the penalty can be trained on).

/// Random interpolates between paired real and generated samples, one weight per sample:
///
/// ```
/// x_hat_i = eps_i x_i + (1 - eps_i) x~_i,     eps_i ~ U[0, 1]
/// ```
///
/// This is where WGAN-GP (Gulrajani et al. 2017, Algorithm 1, line 6) and WGAN-div (Wu et al.
/// 2018, the authors' `wgan_div.py`) sample the critic's gradient. One `eps` per sample, broadcast
/// over all of that sample's coordinates, so each `x_hat_i` lies on the segment from `x~_i` to
/// `x_i`: the straight lines along which an optimal critic has slope exactly 1 (Gulrajani et al.,
/// Proposition 1).
///
/// - Parameters:
///   - real: `[N, ...]` real samples.
///   - fake: `[N, ...]` generated samples, the same shape.
///   - rng: draws the `N` weights, in sample order.
/// - Returns: the points `[N, ...]` (recorded through `real` and `fake` when they require
///   gradients) and the weights `eps` as a tensor of shape `[N, 1, ..., 1]`.
public func randomInterpolates(real: Variable, fake: Variable,
                               using rng: inout SeededGenerator) -> (points: Variable, weights: Tensor) {
    precondition(real.shape == fake.shape && real.rank >= 1 && real.shape[0] > 0,
                 "randomInterpolates: real and fake must be non-empty batches of one shape, got \(real.shape) and \(fake.shape)")
    let n = real.shape[0]
    let weightShape = [n] + Array(repeating: 1, count: real.rank - 1)
    let eps = Tensor.randomUniform(weightShape, using: &rng)              // [N, 1, ..., 1]
    let points = real * eps + fake * (1 - eps)                           // [N, ...]
    return (points, eps)
}

/// The critic's input gradient at each point, `grad_x D(x_i)`, of the same shape as `points`.
///
/// When the critic treats samples independently (no BatchNorm in a critic: Gulrajani et al.,
/// section 4), the gradient of `sum_i D(x_i)` with respect to the batch holds each sample's own
/// gradient in its row. A layer that mixes samples breaks that: with a minibatch standard
/// deviation layer (lesson 4, `gan-mbstd`) every `D(x_j)` depends on every `x_i` of its group, so
/// row `i` is `sum_j dD(x_j)/dx_i`, the sample's own gradient plus cross terms through the group's
/// spread, not its per-sample gradient. A penalty on it is still well defined (and the official
/// ProGAN code computes the same batch-summed gradient), but it is no longer exactly the per-sample
/// slope that WGAN-GP's argument is about.
///
/// - Parameters:
///   - critic: maps `[N, ...]` to `[N, 1]`.
///   - points: where to differentiate. A point that is not yet differentiable (data, or a
///     detached batch) is differentiated through a fresh leaf of the same value.
///   - createGraph: record the backward pass so the result can be differentiated again (needed
///     to train on a penalty of it); off, the result is a constant.
public func criticInputGradients(_ critic: any Layer, at points: Variable, createGraph: Bool) -> Variable {
    let x = points.requiresGradient ? points : Variable(parameter: points.value)
    let values = critic(x, training: true)                               // [N, 1]
    return gradients(of: values.sum(), wrt: [x], createGraph: createGraph)[0]   // [N, ...]
}

/// The squared norm of each sample's slice, summed over every axis but the batch axis:
/// `[N, ...] -> [N]`, `s_i = sum_j g_ij^2`.
public func perSampleSquaredNorms(_ g: Variable) -> Variable {
    g.reshaped([g.shape[0], -1]).square().sum(alongAxes: [1])            // [N]
}
