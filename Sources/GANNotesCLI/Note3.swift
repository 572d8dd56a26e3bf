// Note 3 on the command line: its objectives and experiments. This file belongs to note 3 alone.
import Training

extension ObjectiveCatalogue {
    static let note3: [@Sendable () -> any GANObjective] = []
}

extension ExperimentCatalogue {
    static let note3: [ExperimentEntry] = []
}
