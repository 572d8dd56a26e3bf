import Autodiff
import NeuralNet

/// Minibatch standard deviation (Karras, Aila, Laine, Lehtinen 2018, "Progressive Growing of GANs
/// for Improved Quality, Stability, and Variation", section 3): a layer near the end of the
/// discriminator that lets it see how varied a batch is, so that a generator which collapses to a
/// few outputs is easy to tell apart from the data.
///
/// For a batch split into groups of `G` samples, per group:
///
/// ```
/// s = mean over features f and locations (y, x) of  sqrt( Var_group[x_{f,y,x}] + eps )
/// ```
///
/// with the population variance (divide by `G`), and `s` appended to every sample of the group as
/// one extra feature (for `[N, F]`) or one extra constant feature map (for `[N, C, H, W]`).
///
/// As in the official implementation (`minibatch_stddev_layer` in `networks.py` of
/// tkarras/progressive_growing_of_gans): the default group size is 4; epsilon is 1e-8 and sits
/// *inside* the square root, so a group of identical samples gives exactly `sqrt(1e-8) = 1e-4`
/// and the derivative stays finite; the batch is reshaped to `[G, M, ...]`, so group `m` holds
/// samples `m, m + M, m + 2M, ...` (strided, not consecutive) with `M = N / G`.
///
/// The official code requires `N` to be a multiple of the group size (or smaller). Here a batch
/// that is not uses the largest group size below `groupSize` that divides `N`
/// (`effectiveGroupSize(batch:)`), so a batch of 6 gets groups of 3 and a prime batch groups of 1,
/// where every deviation is zero and the feature is the constant `1e-4`.
///
/// Mathematical properties (tested):
/// - the output has one more feature (map) than the input; the input features pass through unchanged;
/// - a batch of identical samples gives `sqrt(eps)` everywhere;
/// - reordering the samples within a group reorders the output rows the same way and leaves the
///   appended value unchanged;
/// - it equals a direct loop over groups, features and locations.
///
/// - Input: `[N, F]` or `[N, C, H, W]`. Output: `[N, F + 1]` or `[N, C + 1, H, W]`.
public final class MinibatchStdDev: Layer {
    /// Samples per group; the paper's 4. Smaller groups are noisier; a group of the whole batch
    /// gives one statistic for all.
    public let groupSize: Int
    /// Added to the variance before the square root; the paper's 1e-8.
    public let epsilon: Double

    public init(groupSize: Int = 4, epsilon: Double = 1e-8) {
        precondition(groupSize >= 1, "MinibatchStdDev: group size must be at least 1, got \(groupSize)")
        precondition(epsilon > 0, "MinibatchStdDev: epsilon must be positive, got \(epsilon)")
        self.groupSize = groupSize; self.epsilon = epsilon
    }

    public var parameters: [Variable] { [] }

    /// The group size used for a batch of `n`: the largest `g <= min(groupSize, n)` that divides `n`.
    public func effectiveGroupSize(batch n: Int) -> Int {
        var g = Swift.min(groupSize, n)
        while g > 1 && n % g != 0 { g -= 1 }
        return Swift.max(g, 1)
    }

    /// The `[M]` statistics, one per group, where group `m` is samples `m, m + M, ...`.
    public func groupStatistics(_ input: Variable) -> Variable {
        precondition(input.rank == 2 || input.rank == 4,
                     "MinibatchStdDev: expected [N, F] or [N, C, H, W], got \(input.shape)")
        let n = input.shape[0]
        let g = effectiveGroupSize(batch: n), m = n / g
        let rest = Array(input.shape.dropFirst())
        let y = input.reshaped([g, m] + rest)                              // [G, M, ...] M groups of size G
        let centred = y - y.mean(alongAxes: [0], keepingDims: true)        // [G, M, ...] subtract the group mean
        let variance = centred.square().mean(alongAxes: [0])               // [M, ...]    variance over the group
        let std = (variance + epsilon).sqrt()                              // [M, ...]    stddev over the group
        return std.mean(alongAxes: Array(1..<std.rank))                    // [M]         average over features and pixels
    }

    public func callAsFunction(_ input: Variable, training: Bool) -> Variable {
        let s = groupStatistics(input)                                     // [M]
        let n = input.shape[0], m = s.shape[0], g = n / m
        if input.rank == 2 {
            let feature = s.reshaped([1, m, 1]).broadcast(to: [g, m, 1]).reshaped([n, 1])      // [N, 1]
            return Variable.concatenate([input, feature], alongAxis: 1)                        // [N, F + 1]
        }
        let (h, w) = (input.shape[2], input.shape[3])
        let map = s.reshaped([1, m, 1, 1, 1]).broadcast(to: [g, m, 1, h, w]).reshaped([n, 1, h, w])  // [N, 1, H, W]
        return Variable.concatenate([input, map], alongAxis: 1)                                      // [N, C + 1, H, W]
    }
}
