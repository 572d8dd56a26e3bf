import Training

extension PaperProtocol {
    /// WGAN-GP's toy experiments as the authors' `gan_toy.py` runs them (Gulrajani et al. 2017,
    /// igul222/improved_wgan_training): the code has no table, only figures, so every published
    /// cell is empty and the merged table reports our numbers alone.
    ///
    /// ```
    /// data     8gaussians (radius 2/1.414, sd 0.02/1.414), 25gaussians (/2.828), swissroll (/7.5)
    /// G, D     3 x 512 ReLU, noise 2-D standard normal       (NetworkArchitecture.wganGPToy)
    /// loss     WGAN-GP, lambda 0.1, 5 critic steps per generator step
    /// Adam     lr 1e-4, betas (0.5, 0.9), both players
    /// batch    256;  budget 100 000 generator updates
    /// ```
    public static let wganGPToy = PaperProtocol(
        name: "wgan-gp-toy",
        source: "WGAN-GP's gan_toy.py (Gulrajani et al. 2017, igul222/improved_wgan_training)",
        arms: ["wgan-gp-toy"], datasets: ["8gaussians", "25gaussians", "swissroll"], steps: 100_000, seeds: 1,
        departures: [
            "hidden weights drawn from a normal of tflib's He variance, not a uniform of it",
            "the critic steps come before the generator step in each iteration; gan_toy.py does the generator step first (from iteration 1)",
            "25gaussians is an endless stream of fresh samples, not 100 000 fixed ones cycled in order",
        ],
        published: [],
        configure: { arm, data in
            var c = TrainingConfig(objective: arm, data: data, settings: WGANGP.toy().recommendedSettings)
            c.architecture = .wganGPToy
            c.noiseDimension = 2
            c.evaluationSamples = 2500
            return c
        },
        objective: { arm in arm == "wgan-gp-toy" ? WGANGP.toy() : nil })
}
