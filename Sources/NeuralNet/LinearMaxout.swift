import Autodiff

/// A maxout layer (Goodfellow et al. 2013, "Maxout networks"): each of `out` units is the largest
/// of `pieces` affine maps of the input.
///
/// ```
/// h_j(x) = max_{k < pieces} (x W_{j k} + b_{j k}),    j = 0 ..< out
/// ```
///
/// It is one `Linear(in, out * pieces)` whose outputs are read in groups of `pieces` consecutive
/// columns, unit `j` taking columns `j pieces ..< (j + 1) pieces` (the grouping of Blocks'
/// `LinearMaxout`, which PacGAN's released discriminator uses with 200 units of 5 pieces). The
/// layer is its own activation: no nonlinearity follows it.
///
/// The gradient of a max goes to the piece that attains it (shared among exact ties, see
/// `Variable.max(alongAxes:)`), so a maxout network is piecewise linear like a ReLU network.
///
/// Mathematical properties the tests check: the output equals a direct loop over units and
/// pieces; with `pieces = 1` it is the `Linear` layer itself; it has `(in + 1) out pieces`
/// parameters; gradients match central differences.
///
/// - Input: `[N, in]`. Output: `[N, out]`.
public final class LinearMaxout: Layer {
    /// The `in -> out * pieces` affine map; column `j * pieces + k` is piece `k` of unit `j`.
    public let linear: Linear
    public let outputSize: Int
    public let pieces: Int

    /// - Parameters:
    ///   - inputSize: `in`.
    ///   - outputSize: `out`, the number of maxout units.
    ///   - pieces: affine maps per unit (PacGAN's toy discriminator: 5).
    ///   - initialization: how the `in x (out pieces)` weights are drawn (PacGAN: `.normal(std: 0.02)`).
    public init(_ inputSize: Int, _ outputSize: Int, pieces: Int, initialization: Initialization = .he(),
                using rng: inout some RandomNumberGenerator) {
        precondition(pieces >= 1, "LinearMaxout: pieces must be at least 1, got \(pieces)")
        linear = Linear(inputSize, outputSize * pieces, initialization: initialization, using: &rng)
        self.outputSize = outputSize
        self.pieces = pieces
    }

    public var inputSize: Int { linear.inputSize }
    public var parameters: [Variable] { linear.parameters }

    public func callAsFunction(_ input: Variable, training: Bool) -> Variable {
        let n = input.shape[0]
        return linear(input)                                  // [N, out * pieces]
            .reshaped([n, outputSize, pieces])                // [N, out, pieces]  unit j's pieces side by side
            .max(alongAxes: [2])                              // [N, out]          the best piece of each unit
    }
}
