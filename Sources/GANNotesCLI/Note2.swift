// Note 2 on the command line: its objectives and experiments. This file belongs to note 2 alone.
import Training
import WassersteinBounds

extension ObjectiveCatalogue {
    static let note2: [@Sendable () -> any GANObjective] = [
        { WGAN() },
        { WGANGP() },
        { WGANGP.toy() },
        { WGANDiv() },
    ]
}

extension ExperimentCatalogue {
    static let note2: [ExperimentEntry] = []
}
