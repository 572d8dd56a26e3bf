import Foundation
import Testing
import Autodiff
import NeuralNet
import Training
import ToyData
@testable import LossZoo

/// LSGAN whose discriminator loss turns NaN: every run with it must diverge.
final class NaNObjective: GANObjective, Sendable {
    let base = LeastSquaresGAN.practical
    var name: String { "nan-lsgan" }
    var summary: String { "test objective whose discriminator loss is NaN" }
    var recommendedSettings: ObjectiveSettings { base.recommendedSettings }
    func discriminatorLoss(discriminator: any Layer, real: Variable, fake: Variable, using rng: inout SeededGenerator) -> LossTerms {
        var t = base.discriminatorLoss(discriminator: discriminator, real: real, fake: fake, using: &rng)
        t.loss = t.loss * Double.nan
        return t
    }
    func generatorLoss(discriminator: any Layer, real: Variable, fake: Variable) -> LossTerms {
        base.generatorLoss(discriminator: discriminator, real: real, fake: fake)
    }
}

@Suite("The zoo table")
struct ZooTests {
    static let tiny = ZooSettings(datasets: ["ring8"], seeds: 2, firstSeed: 3, steps: 8, batchSize: 16, width: 8, depth: 1,
                                  evaluationSamples: 60)

    /// The runs without their wall and CPU times, the only parts allowed to differ.
    func timeless(_ r: ZooResult) -> [ZooRun] {
        r.rows.flatMap(\.runs).map { var run = $0; run.wallSeconds = 0; run.cpuSeconds = 0; return run }
    }

    @Test("one row per dataset and objective, each summarising its seeds' runs; threads change nothing but the clock")
    func structure() throws {
        let makers: [@Sendable () -> any GANObjective] = [{ LeastSquaresGAN.practical }, { HingeGAN() }]
        let r = try runZoo(objectives: makers, settings: Self.tiny)
        #expect(r.rows.map(\.objective) == ["lsgan", "hinge"])
        for row in r.rows {
            #expect(row.runs.map(\.seed) == [3, 4] && row.diverged == 0 && row.modesTotal == 8)
            let modes = row.runs.map { Double($0.modesCovered!) }
            #expect(row.modesCovered == MeanAndError(modes))
            #expect(row.w1 == MeanAndError(row.runs.map { $0.w1! }))
        }
        #expect(r.published.map(\.dataset) == ["ring8", "ring8"])
        #expect(r.dataReference.count == 1 && r.dataReference[0].modesCovered == 8)
        var threaded = Self.tiny
        threaded.jobs = 3
        #expect(timeless(try runZoo(objectives: makers, settings: threaded)) == timeless(r))
    }

    @Test("PacGAN draws m times the batch under its paper's protocol, the same batch otherwise")
    func pacGANBatch() throws {
        var settings = Self.tiny
        settings.seeds = 1
        let makers: [@Sendable () -> any GANObjective] = [{ PacGAN(packing: 4) }, { HingeGAN() }]
        let paper = try runZoo(objectives: makers, settings: settings)
        #expect(paper.rows.map { $0.runs[0].batchSize } == [64, 16])
        settings.pacGANFullPacks = false
        let same = try runZoo(objectives: makers, settings: settings)
        #expect(same.rows.map { $0.runs[0].batchSize } == [16, 16])
    }

    @Test("a run that turns NaN is counted as diverged and left out of the means")
    func divergence() throws {
        let r = try runZoo(objectives: [{ NaNObjective() }], settings: Self.tiny)
        #expect(r.rows[0].diverged == 2 && r.rows[0].modesCovered.mean == nil && r.rows[0].modesCovered.count == 0)
        #expect(r.rows[0].runs.allSatisfy { $0.failure?.contains("discriminator loss") == true })
    }

    @Test("the data itself covers every mode with the chi-square high-quality share")
    func dataReference() throws {
        let ref = LossZoo.dataReference(for: GaussianMixture.grid25(), samples: 400, seed: 1)
        // P(|x - mu| < 3 sigma) for a 2-D Gaussian is 1 - exp(-9/2) = 0.9889; 400 draws: sd about 0.005.
        #expect(ref.modesCovered == 25 && abs(ref.highQualityShare - (1 - exp(-4.5))) < 0.02, "\(ref)")
        // The finite-sample W1 floor is positive: two samples of 400 never match exactly.
        #expect(ref.w1 > 0 && ref.w1.isFinite, "\(ref)")
    }

    @Test("datasets without modes and impossible sizes are refused")
    func refusals() {
        #expect(throws: ZooError.self) { try runZoo(objectives: [{ HingeGAN() }], settings: ZooSettings(datasets: ["moons"])) }
        #expect(throws: ZooError.self) { try runZoo(objectives: [{ HingeGAN() }], settings: ZooSettings(seeds: 0)) }
        #expect(throws: ZooError.self) { try runZoo(objectives: [], settings: ZooSettings()) }
    }
}
