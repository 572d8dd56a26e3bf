import Autodiff
import NeuralNet

/// BEGAN's discriminator: an autoencoder, `D(v) = decode(encode(v))`, judged by how well it
/// reconstructs its input (Berthelot, Schumm, Metz 2017, section 3.1; the energy view of EBGAN,
/// Zhao, Mathieu, LeCun 2017).
///
/// ```
/// encoder:  [N, d] -> hidden... -> [N, bottleneck]     (MLP, linear code: no activation on it)
/// decoder:  [N, bottleneck] -> hidden reversed... -> [N, d]   (linear output)
/// ```
///
/// A low reconstruction error `L(v)` means "this looks like what I was trained to rebuild", so
/// `L` plays the part of an energy: low on the data, high elsewhere. The bottleneck is what makes
/// that possible at all: an autoencoder with a code as wide as the data could learn the identity
/// and rebuild *everything* perfectly. The paper squeezes 64x64x3 images into `N_h = 64` numbers;
/// for 2-D toy data the analogue is a 1-D code, which forces the reconstructions onto a curve in
/// the plane, so the critic must choose which points to rebuild well.
///
/// - Input: `[N, d]`. Output: the reconstruction, `[N, d]`.
public final class AutoencoderCritic: Layer {
    public let encoder: MLP
    public let decoder: MLP
    /// The code size `N_h`.
    public var bottleneck: Int { encoder.widths.last! }
    public var dataDimension: Int { encoder.widths.first! }

    /// - Parameters:
    ///   - dataDimension: `d`, the size of a sample.
    ///   - hidden: the encoder's hidden widths; the decoder mirrors them.
    ///   - bottleneck: the code size (1 for 2-D data by default: see above).
    ///   - activation: between hidden layers of both halves.
    ///   - initialization: how both halves' weights are drawn.
    public init(dataDimension: Int, hidden: [Int], bottleneck: Int = 1, activation: ActivationKind = .relu,
                initialization: Initialization = .he(), using rng: inout some RandomNumberGenerator) {
        precondition(bottleneck >= 1, "AutoencoderCritic: the bottleneck must be at least 1, got \(bottleneck)")
        encoder = MLP(widths: [dataDimension] + hidden + [bottleneck], activation: activation,
                      initialization: initialization, using: &rng)
        decoder = MLP(widths: [bottleneck] + hidden.reversed() + [dataDimension], activation: activation,
                      initialization: initialization, using: &rng)
    }

    public var parameters: [Variable] { encoder.parameters + decoder.parameters }

    public func callAsFunction(_ input: Variable, training: Bool) -> Variable {
        decoder(encoder(input, training: training), training: training)                // [N, d]
    }

    /// The per-sample reconstruction error `L(v)` of this autoencoder, `[N]` (see
    /// `reconstructionLoss(_:reconstruction:eta:)`).
    public func reconstructionLoss(_ v: Variable, eta: Int = 1, training: Bool = true) -> Variable {
        EquilibriumControl.reconstructionLoss(v, reconstruction: self(v, training: training), eta: eta)
    }
}

/// BEGAN's autoencoder loss, one number per sample (Berthelot et al. 2017, eq. 1):
///
/// ```
/// L(v) = (1/d) sum_j |v_j - D(v)_j|^eta,     eta in {1, 2}
/// ```
///
/// The paper writes `|v - D(v)|^eta` for "the pixel-wise autoencoder loss"; we average over the
/// `d` coordinates (as implementations do over pixels), so the value does not grow with the
/// dimension of the data and `gamma` means the same thing in 1-D and 2-D. `eta = 1` (L1) is the
/// paper's choice in its experiments.
///
/// - Parameters:
///   - v: the samples `[N, d]`.
///   - reconstruction: `D(v)`, `[N, d]`.
///   - eta: 1 or 2.
/// - Returns: `[N]`, each entry `>= 0`, and 0 exactly where the reconstruction is perfect.
/// - Properties (tested): gradient-checked for both `eta`; for `eta = 2` it is the mean squared
///   error; scaling `v - D(v)` by `c` scales `L` by `|c|^eta`.
public func reconstructionLoss(_ v: Variable, reconstruction: Variable, eta: Int) -> Variable {
    precondition(eta == 1 || eta == 2, "reconstructionLoss: eta must be 1 or 2, got \(eta)")
    precondition(v.shape == reconstruction.shape && v.rank == 2,
                 "reconstructionLoss: v \(v.shape) and D(v) \(reconstruction.shape) must both be [N, d]")
    let residual = v - reconstruction                                                    // [N, d]
    let perCoordinate = eta == 1 ? residual.abs() : residual.square()                    // [N, d]
    return perCoordinate.mean(alongAxes: [1])                                            // [N]
}
