import Testing
import Foundation
import Autodiff
import NeuralNet
import ToyData
@testable import WassersteinBounds

@Suite("The clipping experiment")
struct ClippingExperimentTests {
    static func smallSettings() -> ClippingSettings {
        var s = ClippingSettings()
        s.depthSteps = 40; s.deepCriticDepth = 5; s.deepCriticWidth = 64; s.deepCriticBatchSize = 16
        s.clippingLearningRate = 3e-3
        s.surfaceSteps = 30; s.surfaceWidth = 8; s.surfaceDepth = 2; s.batchSize = 16
        s.columns = 6; s.rows = 4; s.sampleSize = 32
        return s
    }

    @Test("clipping makes the backward signal explode for c = 0.1 and vanish for c = 0.001; the penalty keeps it near 1")
    func explodeOrVanish() {
        let r = clippingExperiment(datasets: [GaussianMixture.ring8()], profileData: SwissRoll(), settings: Self.smallSettings(), seed: 1)
        #expect(r.profiles.map(\.method) == [.clipping(0.1), .clipping(0.01), .clipping(0.001), .gradientPenalty(0.1)])
        // The geometric mean growth per layer from the output down to the input.
        func factor(_ p: LayerGradientProfile) -> Double {
            let s = p.backwardSignalNorms
            return Foundation.pow(s[0] / s[s.count - 1], 1 / Double(s.count - 1))
        }
        #expect(factor(r.profiles[0]) > 1.5, "c = 0.1: \(factor(r.profiles[0]))")
        #expect(factor(r.profiles[2]) < 0.1, "c = 0.001: \(factor(r.profiles[2]))")
        #expect((0.3...3).contains(factor(r.profiles[3])), "penalty: \(factor(r.profiles[3]))")
        for p in r.profiles {
            #expect(p.backwardSignalNorms.count == 6 && p.weightGradientNorms.count == 6)
            // Bound 2 again, on a trained critic: the slope it uses stays below its guarantee.
            if let bound = p.clippingBound { #expect(p.inputSlope <= bound, "\(p.method)") }
            #expect(p.inputSlope <= p.spectralBound * (1 + 1e-9), "\(p.method)")
        }
        #expect(r.surfaces.count == 2 && r.surfaces.allSatisfy { $0.values.count == 24 && $0.values.allSatisfy(\.isFinite) })
    }

    @Test("a surface's cells are the critic at the cell centres, row 0 on top")
    func surfaceLayout() throws {
        let s = criticSurface(method: .gradientPenalty(0.1), data: GaussianMixture.ring8(), settings: Self.smallSettings(), seed: 2)
        #expect(s.xMin < -1 && s.xMax > 1 && s.yMin < -1 && s.yMax > 1)
        #expect(s.exactW1 > 0 && s.meanSlope > 0)
        // The same critic, retrained with the same seed, evaluated at the centre of the top-left cell.
        var rng = SeededGenerator(seed: 2)
        let critic = MLP(widths: [2, 8, 8, 1], activation: .relu, using: &rng)
        trainCritic(critic, objective: LipschitzMethod.gradientPenalty(0.1).objective(), real: GaussianMixture.ring8(),
                    fake: NoisyData(GaussianMixture.ring8()), steps: 30, batchSize: 16,
                    optimizer: .adam(1e-3, beta1: 0.5, beta2: 0.9), seed: rng.next())
        let x = s.xMin + 0.5 / 6 * (s.xMax - s.xMin), y = s.yMax - 0.5 / 4 * (s.yMax - s.yMin)
        let value = withoutGradients { critic(Variable(Tensor(rows: [[x, y]])), training: false).value.scalar }
        #expect(close(s.values[0], value, 1e-12))
    }
}
