// Note 1 on the command line: its objectives and experiments. This file belongs to note 1 alone.
import JSDivergence
import Training

extension ObjectiveCatalogue {
    static let note1: [@Sendable () -> any GANObjective] = [
        { StandardGAN(generatorLoss: .nonSaturating) },
        { StandardGAN(generatorLoss: .minimax) },
    ]
}

extension ExperimentCatalogue {
    static let note1: [ExperimentEntry] = []
}
