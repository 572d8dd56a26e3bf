// Note 4 on the command line: its objectives and experiments. This file belongs to note 4 alone.
import Training

extension ObjectiveCatalogue {
    static let note4: [@Sendable () -> any GANObjective] = []
}

extension ExperimentCatalogue {
    static let note4: [ExperimentEntry] = []
}
