import Autodiff
import NeuralNet
import MinibatchStdDev

/// The sizes and switches shared by the progressive generator and discriminator.
public struct ProgressiveArchitecture: Sendable, Hashable, Codable {
    /// Dimension of the latent vector `z ~ N(0, I)`.
    public var latentSize: Int = 16
    /// Feature maps at each level (4x4, 8x8, 16x16, ...); its count is the number of levels.
    /// ProGAN halves them as the resolution doubles (`nf(stage)`), from 512.
    public var channels: [Int] = [16, 16, 8]
    /// Image channels (1: grey-scale).
    public var imageChannels: Int = 1
    /// Equalized learning rate in every layer (`use_wscale`).
    public var equalized: Bool = true
    /// Pixel norm after every activation of the generator, and on the latent (`use_pixelnorm`).
    public var pixelNorm: Bool = true
    /// The discriminator's minibatch-stddev group size; 0 turns the layer off (`mbstd_group_size`).
    public var stddevGroupSize: Int = 4

    public init() {}

    /// The highest level, `channels.count - 1`.
    public var finalLevel: Int { channels.count - 1 }
}

/// ProGAN's generator (`G_paper` in the official `networks.py`), small:
///
/// ```
/// 4x4:    PN(z) -> Dense(z, 16 C0) [gain sqrt(2)/4] -> reshape [C0, 4, 4] -> lrelu -> PN -> Conv3x3 -> lrelu -> PN
/// level l: upsample x2 -> Conv3x3 -> lrelu -> PN -> Conv3x3 -> lrelu -> PN
/// toRGB_l: Conv1x1 [gain 1], linear output
/// ```
///
/// At a stage with `alpha < 1` the output is `fadeIn(upsample(toRGB_{l-1}(h_{l-1})), toRGB_l(h_l), alpha)`.
/// Every layer is equalized (`EqualizedLinear`, `EqualizedConv2D`) when the architecture says
/// so; leaky ReLU slope 0.2. The generator's unused higher blocks get zero gradients, so Adam
/// leaves them untouched until they are grown in. Departures from the official code: the upsample
/// and the convolution are separate (its `fused_scale=False` path), and the first dense layer has
/// one bias per unit rather than one per channel.
public final class ProgressiveGenerator {
    public let architecture: ProgressiveArchitecture
    let dense: EqualizedLinear
    let baseConv: EqualizedConv2D
    /// Two convolutions per level above 0 (index `l - 1`).
    let blocks: [(EqualizedConv2D, EqualizedConv2D)]
    let toRGB: [EqualizedConv2D]
    let norm = PixelNorm()

    public init(_ architecture: ProgressiveArchitecture, using rng: inout some RandomNumberGenerator) {
        precondition(!architecture.channels.isEmpty && architecture.channels.allSatisfy { $0 > 0 } && architecture.latentSize > 0,
                     "ProgressiveGenerator: need a positive latent size and at least one positive channel count")
        self.architecture = architecture
        let c = architecture.channels, eq = architecture.equalized
        // The official code lowers this layer's gain to sqrt(2)/4 "to match the original Theano implementation".
        dense = EqualizedLinear(architecture.latentSize, c[0] * 16, gain: 2.0.squareRoot() / 4, equalized: eq, using: &rng)
        baseConv = EqualizedConv2D(c[0], c[0], kernelSize: 3, equalized: eq, using: &rng)
        var blocks: [(EqualizedConv2D, EqualizedConv2D)] = []
        for l in 1..<c.count {
            blocks.append((EqualizedConv2D(c[l - 1], c[l], kernelSize: 3, equalized: eq, using: &rng),
                           EqualizedConv2D(c[l], c[l], kernelSize: 3, equalized: eq, using: &rng)))
        }
        self.blocks = blocks
        toRGB = c.map { EqualizedConv2D($0, architecture.imageChannels, kernelSize: 1, gain: 1, equalized: eq, using: &rng) }
    }

    public var parameters: [Variable] {
        dense.parameters + baseConv.parameters + blocks.flatMap { $0.0.parameters + $0.1.parameters }
            + toRGB.flatMap(\.parameters)
    }

    /// Leaky ReLU, then pixel norm if enabled.
    func activate(_ x: Variable) -> Variable {
        let a = x.leakyRelu(slope: 0.2)
        return architecture.pixelNorm ? norm(a, training: true) : a
    }

    /// The feature maps after each level's block, up to `level`: `[N, C_l, 4 2^l, 4 2^l]` each.
    public func features(_ z: Variable, upTo level: Int) -> [Variable] {
        precondition(z.rank == 2 && z.shape[1] == architecture.latentSize,
                     "ProgressiveGenerator: expected latents [N, \(architecture.latentSize)], got \(z.shape)")
        precondition(level >= 0 && level <= architecture.finalLevel,
                     "ProgressiveGenerator: level \(level) is outside 0...\(architecture.finalLevel)")
        let n = z.shape[0], c0 = architecture.channels[0]
        let latent = architecture.pixelNorm ? norm(z, training: true) : z                  // [N, z] normalised latents
        var x = activate(dense(latent).reshaped([n, c0, 4, 4]))                           // [N, C0, 4, 4]
        x = activate(baseConv(x, training: true))                                          // [N, C0, 4, 4]
        var out = [x]
        for l in stride(from: 1, through: level, by: 1) {
            let (conv0, conv1) = blocks[l - 1]
            x = activate(conv0(x.upsampledNearest(factor: 2), training: true))            // [N, C_l, 2H, 2W]
            x = activate(conv1(x, training: true))                                         // [N, C_l, 2H, 2W]
            out.append(x)
        }
        return out
    }

    /// Images `[N, imageChannels, R, R]` at `stage`'s resolution `R`.
    public func callAsFunction(_ z: Variable, stage: GrowthStage) -> Variable {
        let h = features(z, upTo: stage.level)
        let image = toRGB[stage.level](h[stage.level], training: true)                    // [N, 1, R, R]
        guard stage.level > 0 && stage.isFading else { return image }
        let previous = toRGB[stage.level - 1](h[stage.level - 1], training: true).upsampledNearest(factor: 2)
        return fadeIn(previous, image, alpha: stage.alpha)                                 // [N, 1, R, R]
    }
}

/// ProGAN's discriminator (`D_paper` in the official `networks.py`), small, the mirror image of
/// the generator:
///
/// ```
/// fromRGB_l: Conv1x1 -> lrelu
/// level l:   Conv3x3 -> lrelu -> Conv3x3 (C_l -> C_{l-1}) -> lrelu -> average pool x2
/// 4x4:       minibatch stddev -> Conv3x3 (C0 + 1 -> C0) -> lrelu -> Dense(16 C0, C0) -> lrelu -> Dense(C0, 1) [gain 1]
/// ```
///
/// At a stage with `alpha < 1`, after the newest block: `fadeIn(fromRGB_{l-1}(avgpool(image)), block_l(fromRGB_l(image)), alpha)`.
/// No pixel norm in D, as in the paper; the convolution and the pooling are separate (the official
/// `fused_scale=False` path).
public final class ProgressiveDiscriminator {
    public let architecture: ProgressiveArchitecture
    let fromRGB: [EqualizedConv2D]
    let blocks: [(EqualizedConv2D, EqualizedConv2D)]
    let stddev: MinibatchStdDev?
    let baseConv: EqualizedConv2D
    let dense0: EqualizedLinear
    let dense1: EqualizedLinear

    public init(_ architecture: ProgressiveArchitecture, using rng: inout some RandomNumberGenerator) {
        precondition(!architecture.channels.isEmpty && architecture.channels.allSatisfy { $0 > 0 },
                     "ProgressiveDiscriminator: need at least one positive channel count")
        self.architecture = architecture
        let c = architecture.channels, eq = architecture.equalized
        fromRGB = c.map { EqualizedConv2D(architecture.imageChannels, $0, kernelSize: 1, equalized: eq, using: &rng) }
        var blocks: [(EqualizedConv2D, EqualizedConv2D)] = []
        for l in 1..<c.count {
            blocks.append((EqualizedConv2D(c[l], c[l], kernelSize: 3, equalized: eq, using: &rng),
                           EqualizedConv2D(c[l], c[l - 1], kernelSize: 3, equalized: eq, using: &rng)))
        }
        self.blocks = blocks
        stddev = architecture.stddevGroupSize > 0 ? MinibatchStdDev(groupSize: architecture.stddevGroupSize) : nil
        baseConv = EqualizedConv2D(c[0] + (stddev == nil ? 0 : 1), c[0], kernelSize: 3, equalized: eq, using: &rng)
        dense0 = EqualizedLinear(c[0] * 16, c[0], equalized: eq, using: &rng)
        dense1 = EqualizedLinear(c[0], 1, gain: 1, equalized: eq, using: &rng)
    }

    public var parameters: [Variable] {
        fromRGB.flatMap(\.parameters) + blocks.flatMap { $0.0.parameters + $0.1.parameters }
            + baseConv.parameters + dense0.parameters + dense1.parameters
    }

    /// One logit per image: `[N, 1]` for images `[N, imageChannels, R, R]` at `stage`'s resolution.
    public func callAsFunction(_ images: Variable, stage: GrowthStage) -> Variable {
        let r = stage.resolution
        precondition(images.rank == 4 && images.shape[1] == architecture.imageChannels && images.shape[2] == r && images.shape[3] == r,
                     "ProgressiveDiscriminator: expected images [N, \(architecture.imageChannels), \(r), \(r)] at \(stage), got \(images.shape)")
        precondition(stage.level <= architecture.finalLevel,
                     "ProgressiveDiscriminator: level \(stage.level) is outside 0...\(architecture.finalLevel)")
        let n = images.shape[0]
        var x = fromRGB[stage.level](images, training: true).leakyRelu(slope: 0.2)              // [N, C_l, R, R]
        for l in stride(from: stage.level, to: 0, by: -1) {
            let (conv0, conv1) = blocks[l - 1]
            x = conv0(x, training: true).leakyRelu(slope: 0.2)                                   // [N, C_l, H, W]
            x = conv1(x, training: true).leakyRelu(slope: 0.2).averagePooled(factor: 2)          // [N, C_{l-1}, H/2, W/2]
            if l == stage.level && stage.isFading {
                let previous = fromRGB[l - 1](images.averagePooled(factor: 2), training: true).leakyRelu(slope: 0.2)
                x = fadeIn(previous, x, alpha: stage.alpha)                                      // [N, C_{l-1}, H/2, W/2]
            }
        }
        if let stddev { x = stddev(x, training: true) }                                          // [N, C0 + 1, 4, 4]
        x = baseConv(x, training: true).leakyRelu(slope: 0.2)                                    // [N, C0, 4, 4]
        x = dense0(x.reshaped([n, -1])).leakyRelu(slope: 0.2)                                    // [N, C0]
        return dense1(x)                                                                         // [N, 1]
    }
}
