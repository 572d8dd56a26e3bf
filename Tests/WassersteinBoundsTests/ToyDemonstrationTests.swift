import Testing
import Foundation
import Autodiff
import ToyData
import Training
@testable import WassersteinBounds

@Suite("WGAN-GP's toy settings against the paper's, over seeds")
struct ToyDemonstrationTests {
    static func tiny() -> ToyDemonstrationSettings {
        var s = ToyDemonstrationSettings()
        s.datasets = ["8gaussians", "swissroll"]; s.seeds = [3, 4]
        s.steps = 3; s.width = 8; s.depth = 1; s.evaluationSamples = 60
        return s
    }

    @Test("a small run is well formed: every arm and seed, modes only where the data has them, a positive floor")
    func wellFormed() throws {
        let r = try toyDemonstration(Self.tiny())
        #expect(r.datasets.map(\.data) == ["8gaussians", "swissroll"])
        for d in r.datasets {
            #expect(d.baseline.count == 2 && d.treatment.count == 2 && d.w1.a.count == 2)
            #expect(d.floorW1.mean > 0 && d.floorW1.mean.isFinite)
            // The comparison is treatment minus baseline, of the runs it lists.
            let treated: Double = d.treatment.map(\.w1).reduce(0, +) / 2
            let base: Double = d.baseline.map(\.w1).reduce(0, +) / 2
            let diff = treated - base
            #expect(Swift.abs(d.w1.difference - diff) < 1e-12)
        }
        #expect(r.datasets[0].modes?.a.count == 2 && r.datasets[0].baseline[0].modesTotal == 8)
        #expect(r.datasets[1].modes == nil && r.datasets[1].highQualityShare == nil)
        #expect(r.departures.contains { $0.contains("3 generator steps") })
        #expect(r.departures.contains { $0.contains("learning rate") })
    }

    @Test("the arms are the paper's and the toy code's settings, and a seed repeats")
    func armsAndDeterminism() throws {
        let paper = WGANGPArm.paper.objective(learningRate: 1e-4), toy = WGANGPArm.toyCode.objective(learningRate: 1e-4)
        #expect(paper.penaltyWeight == 10 && paper.beta1 == 0 && paper.batchSize == 64 && paper.nCritic == 5)
        #expect(toy.penaltyWeight == 0.1 && toy.beta1 == 0.5 && toy.batchSize == 256 && toy.name == "wgan-gp-toy")
        var s = Self.tiny(); s.datasets = ["8gaussians"]
        #expect(try toyDemonstration(s) == toyDemonstration(s))
    }

    @Test("an unknown data set is a configuration error, not a trap")
    func unknownData() {
        var s = Self.tiny(); s.datasets = ["ring9"]
        #expect(throws: TrainingError.self) { try toyDemonstration(s) }
    }
}
