import Autodiff
import NeuralNet

/// Which networks a run trains: the configurable MLPs (`width` x `depth`, the default) or the
/// exact networks of a paper's released toy code.
///
/// The paper architectures ignore `width`, `depth`, `activation`, `generatorBatchNorm` and
/// `initialization`: they fix all of them. They replace the discriminator's body only, so they
/// accept objectives whose discriminator is a plain network to one value (`gan`, `pacgan2`..,
/// `wgan-gp`, ...), and refuse autoencoder critics (BEGAN, EBGAN) and minibatch-stddev critics.
public enum NetworkArchitecture: String, Codable, Sendable, CaseIterable {
    /// PacGAN's Table 1 networks (Lin et al. 2018, `synthetic_data_experiments/*_GAN&PacGAN/pacgan_task.py`).
    ///
    /// ```
    /// G: z[2] -> 4 x (Linear 400, no bias -> BatchNorm -> ReLU) -> Linear 2 (with bias)
    /// D: x[m d] -> 3 x LinearMaxout(200 units, 5 pieces) -> Linear 1
    /// weights ~ N(0, 0.02^2), biases 0
    /// ```
    ///
    /// Parameters: G `2*400 + 3*400*400 + 400*2 + 2 + 4*2*400` (BatchNorm's scale and shift) `= 484_802`;
    /// D `(2m + 1)*1000 + 2*(200 + 1)*1000 + 200 + 1 = 403_201 + 2000 m` (405_201 for m = 1,
    /// 411_201 for m = 4).
    ///
    /// Departures from the released code, and why: its BatchNorm (Blocks) uses epsilon 1e-4 and
    /// a population-statistics momentum of 0.05, which we keep; but it draws `m` separate noise
    /// batches of 100 and normalises each on its own, where our trainer generates the `100 m`
    /// samples of a packed batch in one pass (one set of batch statistics over all of them).
    case pacganPaper = "pacgan-paper"
    /// WGAN-GP's `gan_toy.py` networks (Gulrajani et al. 2017, the authors' TensorFlow code): G and
    /// D both 3 hidden ReLU layers of 512 units, noise of dimension 2; hidden weights He-scaled
    /// (variance 2 / fan_in), output weights Glorot-scaled (variance 2 / (fan_in + fan_out)), biases 0.
    ///
    /// Departure: `tflib` draws both from uniform distributions of that variance; we draw the hidden
    /// weights from a normal one (`.he()`) and the output weights from Glorot's uniform (`.xavier`,
    /// exactly tflib's). Same scale, different shape of the initial distribution.
    ///
    /// Parameters: G `2*512+512 + 2*(512*512+512) + 512*2+2 = 527_874`, D `527_361`.
    case wganGPToy = "wgan-gp-toy"

    /// The generator `z -> x` for `dataDimension`-dimensional data.
    public func makeGenerator(dataDimension: Int, using rng: inout some RandomNumberGenerator) -> any Layer {
        switch self {
        case .pacganPaper:
            let init_ = Initialization.normal(std: 0.02)
            var layers: [any Layer] = []
            for (input, output) in [(2, 400), (400, 400), (400, 400), (400, 400)] {
                layers.append(Linear(input, output, bias: false, initialization: init_, using: &rng))   // [N, 400]
                layers.append(BatchNorm(features: output, epsilon: 1e-4, momentum: 0.05))             // [N, 400]
                layers.append(Activation(.relu))
            }
            layers.append(Linear(400, dataDimension, initialization: init_, using: &rng))            // [N, d]
            return Sequential(layers)
        case .wganGPToy:
            return Self.toyReLUNetwork([2, 512, 512, 512, dataDimension], using: &rng)
        }
    }

    /// The discriminator from `inputWidth` values (the data dimension, times `m` for a packed one) to one.
    public func makeDiscriminator(inputWidth: Int, using rng: inout some RandomNumberGenerator) -> any Layer {
        switch self {
        case .pacganPaper:
            return Self.maxoutDiscriminator(widths: [inputWidth, 200, 200, 200], pieces: 5,
                                            initialization: .normal(std: 0.02), using: &rng)   // [N, 1]
        case .wganGPToy:
            return Self.toyReLUNetwork([inputWidth, 512, 512, 512, 1], using: &rng)
        }
    }

    /// `widths[0] -> maxout(widths[1], pieces) -> ... -> Linear 1`, weights drawn as `initialization`
    /// says (He's output layer without the ReLU gain, as `MLP`'s): PacGAN's discriminator, and
    /// `train --maxout` on the configured widths.
    static func maxoutDiscriminator(widths: [Int], pieces: Int, initialization: Initialization,
                                    using rng: inout some RandomNumberGenerator) -> any Layer {
        var layers: [any Layer] = zip(widths, widths.dropFirst()).map { input, output in
            LinearMaxout(input, output, pieces: pieces, initialization: initialization, using: &rng)   // [N, output]
        }
        let outputInit: Initialization = if case .he = initialization { .he(gain: 1) } else { initialization }
        layers.append(Linear(widths.last!, 1, initialization: outputInit, using: &rng))                  // [N, 1]
        return Sequential(layers)
    }

    /// `gan_toy.py`'s `ReLULayer`s (He-scaled) and final `Linear` (tflib's default, Glorot-scaled).
    private static func toyReLUNetwork(_ widths: [Int], using rng: inout some RandomNumberGenerator) -> any Layer {
        var layers: [any Layer] = []
        for i in 0..<(widths.count - 2) {
            layers.append(Linear(widths[i], widths[i + 1], initialization: .he(), using: &rng))          // [N, 512]
            layers.append(Activation(.relu))
        }
        layers.append(Linear(widths[widths.count - 2], widths.last!, initialization: .xavier, using: &rng))  // [N, out]
        return Sequential(layers)
    }

    /// The noise dimension the architecture's generator reads.
    public var noiseDimension: Int { 2 }
}
