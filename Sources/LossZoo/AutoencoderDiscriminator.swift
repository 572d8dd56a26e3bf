import Autodiff
import NeuralNet

/// An autoencoder used as a discriminator (EBGAN's, and BEGAN's idea too): its output is the
/// reconstruction, and its *energy* is how badly it reconstructs.
///
/// ```
/// code(x)   = Enc(x)                         Enc: MLP  d -> hidden -> k
/// recon(x)  = Dec(Enc(x))                    Dec: MLP  k -> reversed hidden -> d
/// energy(x) = (1/d) ||Dec(Enc(x)) - x||^2    (mean squared error per coordinate)
/// ```
///
/// Low energy means "looks like the data". The encoder and the decoder each get every hidden
/// layer, so with the same `hidden` widths this discriminator has about twice the parameters of
/// an MLP classifier.
public final class AutoencoderDiscriminator: Layer {
    public let encoder: MLP
    public let decoder: MLP

    /// - Parameters:
    ///   - inputDimension: `d`.
    ///   - hidden: hidden widths of the encoder (the decoder uses them in reverse).
    ///   - codeDimension: `k`, the width of the embedding (the pull-away term acts on it).
    public init(inputDimension: Int, hidden: [Int], codeDimension: Int, activation: ActivationKind,
                initialization: Initialization = .he(), using rng: inout SeededGenerator) {
        encoder = MLP(widths: [inputDimension] + hidden + [codeDimension], activation: activation,
                      initialization: initialization, using: &rng)
        decoder = MLP(widths: [codeDimension] + hidden.reversed() + [inputDimension], activation: activation,
                      initialization: initialization, using: &rng)
    }

    public var parameters: [Variable] { encoder.parameters + decoder.parameters }

    /// The reconstruction `[N, d]`.
    public func callAsFunction(_ input: Variable, training: Bool) -> Variable {
        decoder(encoder(input, training: training), training: training)
    }

    /// The embedding `[N, k]`.
    public func encode(_ input: Variable, training: Bool) -> Variable { encoder(input, training: training) }

    /// The energy of each row `[N]` and its embedding `[N, k]`, from one pass.
    public func energyAndCode(_ input: Variable, training: Bool) -> (energy: Variable, code: Variable) {
        let code = encoder(input, training: training)                       // [N, k]
        let recon = decoder(code, training: training)                       // [N, d]
        return ((recon - input).square().mean(alongAxes: [1]), code)        // [N]
    }
}
