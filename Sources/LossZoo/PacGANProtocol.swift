import NeuralNet
import Training

extension PaperProtocol {
    /// PacGAN's Table 1 (Lin et al. 2018), as its released code runs it
    /// (`synthetic_data_experiments/2DRing_GAN&PacGAN` and `2DGrid_GAN&PacGAN`: `config.py`, `pacgan_task.py`).
    ///
    /// ```
    /// data     ring8 (radius 1, sd 0.01) and grid25 (spacing 2, sd 0.05)
    /// arms     packing m = 1 (the GAN: pacgan1), 2, 3, 4 (named pacgan, as in the objective catalogue)
    /// G        2 -> 4 x (400, no bias, BatchNorm, ReLU) -> 2          (NetworkArchitecture.pacganPaper)
    /// D        2m -> 3 x maxout(200 units, 5 pieces) -> 1
    /// init     N(0, 0.02^2), biases 0
    /// loss     cross-entropy D, non-saturating G
    /// Adam     lr 1e-4, beta1 0.8, beta2 0.999 (Blocks' default), both players
    /// batch    100 packs of m samples each, real and fake
    /// budget   400 epochs of 100 000 samples = 400 000 updates
    /// metrics  2500 samples: modes with a sample within 3 sd, share of such samples, reverse KL
    /// ```
    ///
    /// The published cells are PacGAN's Table 1 means over 10 runs, for the two arms entered
    /// (GAN and PacGAN4 modes and high-quality share); the others are left out rather than typed
    /// from memory.
    public static let pacgan = PaperProtocol(
        name: "pacgan",
        source: "PacGAN Table 1 (Lin, Khetan, Fanti and Oh 2018), released code synthetic_data_experiments/*_GAN&PacGAN",
        arms: ["pacgan1", "pacgan2", "pacgan3", "pacgan"], datasets: ["ring8", "grid25"], steps: 400_000, seeds: 10,
        departures: [
            "D and G alternate on fresh batches each update; the released code (ALI's algorithm) updates both from one minibatch",
            "G makes the 100 m fake samples of a batch in one pass, so BatchNorm normalises over all of them; the released code normalises each of the m noise batches of 100 on its own",
            "the training set is an endless stream of fresh samples, not 100 000 fixed ones reshuffled each epoch",
        ],
        published: [
            PublishedCell(arm: "pacgan1", data: "ring8", modes: 6.3, highQualityShare: 0.982, reverseKL: nil),
            PublishedCell(arm: "pacgan", data: "ring8", modes: 7.8, highQualityShare: 0.959, reverseKL: nil),
            PublishedCell(arm: "pacgan1", data: "grid25", modes: 17.3, highQualityShare: 0.948, reverseKL: nil),
            PublishedCell(arm: "pacgan", data: "grid25", modes: 24.8, highQualityShare: 0.936, reverseKL: nil),
        ],
        configure: { arm, data in
            let m = Int(arm.dropFirst("pacgan".count)) ?? 4
            let adam = OptimizerConfig.adam(1e-4, beta1: 0.8)
            var c = TrainingConfig(objective: arm, data: data,
                                   settings: ObjectiveSettings(generatorOptimizer: adam, discriminatorOptimizer: adam,
                                                               nCritic: 1, batchSize: 100 * m))
            c.architecture = .pacganPaper
            c.noiseDimension = 2
            c.evaluationSamples = 2500
            return c
        },
        objective: { arm in
            guard arm.hasPrefix("pacgan") else { return nil }
            let m = arm == "pacgan" ? 4 : Int(arm.dropFirst("pacgan".count)) ?? 0
            return (1...3).contains(m) || arm == "pacgan" ? PacGAN(packing: m) : nil
        })
}
