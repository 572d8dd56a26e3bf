import Testing
import Foundation
import Autodiff
import ToyData
import Training
@testable import WassersteinBounds

@Suite("Toy runs")
struct ToyRunsTests {
    @Test("every objective on every data set, each with its paper's optimizer; seeded, so repeatable")
    func runsAreComplete() throws {
        var s = ToyRunSettings()
        s.steps = 3; s.width = 8; s.depth = 1; s.evaluationSamples = 40; s.toyWidth = 4
        let makers: [@Sendable () -> any GANObjective] = [{ WGAN() }, { WGANGP.toy() }]
        let data: [any ToyDistribution] = [GaussianMixture.ring8(), SwissRoll()]
        let a = try toyRunsExperiment(objectives: makers, datasets: data, settings: s, seed: 9)
        #expect(a.runs.map { "\($0.objective)/\($0.data)" } == ["wgan/ring8", "wgan-gp-toy/ring8", "wgan/swissroll", "wgan-gp-toy/swissroll"])
        #expect(a.runs[0].config.discriminatorOptimizer == .rmsprop(5e-5) && a.runs[0].config.nCritic == 5)
        #expect(a.runs[1].config.batchSize == 256 && a.runs[1].config.width == 4 && a.runs[0].config.width == 8)
        #expect(a.runs[0].final.modesTotal == 8 && a.runs[2].final.modesTotal == nil)
        #expect(a.runs.allSatisfy { $0.final.w1.isFinite })
        let b = try toyRunsExperiment(objectives: makers, datasets: data, settings: s, seed: 9)
        #expect(zip(a.runs, b.runs).allSatisfy { $0.final == $1.final && $0.config == $1.config })
    }
}
