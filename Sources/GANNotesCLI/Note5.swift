// Note 5 on the command line: its objectives and experiments. This file belongs to note 5 alone.
import Foundation
import LossZoo
import Training

extension ObjectiveCatalogue {
    static let note5: [@Sendable () -> any GANObjective] = [
        { LeastSquaresGAN.practical },
        { LeastSquaresGAN.pearson },
        { BoundarySeekingGAN() },
        { RelativisticStandardGAN() },
        { RelativisticAverageGAN() },
        { EnergyBasedGAN() },
        { SoftmaxGAN() },
        { HingeGAN() },
        { PacGAN(packing: 4) },
    ]

    /// The zoo's objectives: GAN, WGAN-GP and BEGAN from notes 1 to 3 when those notes have
    /// registered them, then every objective of note 5.
    static var zooMakers: [@Sendable () -> any GANObjective] {
        let others = ["gan", "wgan-gp", "began"].compactMap { name -> (@Sendable () -> any GANObjective)? in
            guard let maker = makers.first(where: { $0().name == name }) else { return nil }
            return maker
        }
        return others + note5
    }
}

extension ExperimentCatalogue {
    static let note5: [Experiment] = [zooEntry, packingEntry, sharpnessEntry, controlEntry, semiSupervisedEntry, encodersEntry, translationEntry]
}
