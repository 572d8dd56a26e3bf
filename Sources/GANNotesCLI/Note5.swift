// Note 5 on the command line: its objectives and experiments. This file belongs to note 5 alone.
import Training

extension ObjectiveCatalogue {
    static let note5: [@Sendable () -> any GANObjective] = []
}

extension ExperimentCatalogue {
    static let note5: [ExperimentEntry] = []
}
