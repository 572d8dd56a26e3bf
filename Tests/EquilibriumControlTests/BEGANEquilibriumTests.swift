import Testing
import Autodiff
import ToyData
import Training
@testable import EquilibriumControl

@Suite("BEGAN reaches its equilibrium on ring8")
struct BEGANEquilibriumTests {
    /// A short run in the toy setting of the experiments (one hidden layer of 32 units, lr 1e-3,
    /// lambda_k = 0.01), 1000 steps.
    static let settings = BEGANRunSettings(steps: 1000, batchSize: 64, evaluationSamples: 200)

    @Test("E[L(G(z))] / E[L(x)] over the last 20% of the run lies within 0.15 of gamma = 0.5, and M_global falls",
          .tags(.slow), arguments: [UInt64(1), 2])
    func equilibriumRatio(seed: UInt64) throws {
        let began = BEGAN(gamma: 0.5, lambdaK: 0.01)
        let run = try runBEGAN(began, data: ToyDatasets.named("ring8"), settings: Self.settings, seed: seed)
        #expect(run.k.count == 1000 && run.k.allSatisfy { (0...1).contains($0) })
        #expect(Swift.abs(run.equilibriumRatio - 0.5) <= 0.15, "seed \(seed): ratio \(run.equilibriumRatio)")
        #expect(run.finalConvergence < run.earlyConvergence, "seed \(seed): M_global \(run.earlyConvergence) -> \(run.finalConvergence)")
        #expect(run.finalK > 0, "seed \(seed): the controller is active, not clamped at 0")
    }
}

extension Tag {
    @Tag static var slow: Self
}
