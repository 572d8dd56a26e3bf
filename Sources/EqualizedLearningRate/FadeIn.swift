import Autodiff

/// The fade-in blend of progressive growing (Karras et al. 2018, section 2 and figure 2): while a
/// new, higher-resolution block is added, its output is mixed with the old path's, resampled to
/// the new size, with a weight `alpha` that rises linearly from 0 to 1:
///
/// ```
/// out = (1 - alpha) previous + alpha grown
/// ```
///
/// In the generator `previous` is the old `toRGB` image upsampled by 2 (nearest neighbour); in the
/// discriminator it is the old `fromRGB` of the image downsampled by 2 (average pooling). The
/// official code writes it as `lerp(a, b, t) = a + (b - a) t` with `t = 1 - alpha` derived from the
/// fractional level of detail (`lerp_clip` in `networks.py`); the real images are blended the same
/// way (`process_reals` in `train.py`), so the discriminator never sees a resolution the
/// generator cannot yet produce.
///
/// - Parameters:
///   - previous: the old path, already resampled to the new resolution.
///   - grown: the new block's output, the same shape.
///   - alpha: the weight of the new block, in `[0, 1]`.
public func fadeIn(_ previous: Variable, _ grown: Variable, alpha: Double) -> Variable {
    precondition(previous.shape == grown.shape, "fadeIn: shapes \(previous.shape) and \(grown.shape) differ")
    precondition(alpha >= 0 && alpha <= 1, "fadeIn: alpha must lie in [0, 1], got \(alpha)")
    if alpha == 1 { return grown }
    if alpha == 0 { return previous }
    return previous * (1 - alpha) + grown * alpha
}

/// The same blend on plain tensors (for the real images).
public func fadeIn(_ previous: Tensor, _ grown: Tensor, alpha: Double) -> Tensor {
    precondition(previous.shape == grown.shape, "fadeIn: shapes \(previous.shape) and \(grown.shape) differ")
    precondition(alpha >= 0 && alpha <= 1, "fadeIn: alpha must lie in [0, 1], got \(alpha)")
    return previous * (1 - alpha) + grown * alpha
}
