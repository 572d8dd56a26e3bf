import Testing
import Metrics
import ToyData
@testable import EquilibriumControl

@Suite("BEGAN's diversity ratio gamma")
struct BEGANGammaTests {
    @Test("the comparison and the rank test are built from the lowest and highest gamma's per-seed values")
    func comparisonFromRows() throws {
        let settings = BEGANRunSettings(steps: 60, batchSize: 16, evaluationSamples: 100)
        let r = try beganGammaExperiment(data: "gaussian", gammas: [1, 0.3, 0.6], fixedK: [0], seeds: [1, 2, 3],
                                         settings: settings, threads: 1)
        #expect(r.rows.map(\.label) == ["gamma = 1.0", "gamma = 0.3", "gamma = 0.6", "k fixed at 0.0"])
        let low = r.rows[1], high = r.rows[0]
        let spread = try #require(r.spreadLowVersusHigh)
        #expect(spread == compareSeeds(low.perSeedSpread, high.perSeedSpread))
        #expect(r.qualityLowVersusHigh == compareSeeds(low.perSeedQuality, high.perSeedQuality))
        #expect(abs(low.spreadRatio - low.perSeedSpread.reduce(0, +) / 3) < 1e-12)
        #expect(r.spreadRankTest.count == 9, "the rank test uses the controlled runs only")
        let pairs = r.rows.prefix(3).flatMap { row in row.perSeedSpread.map { (row.gamma, $0) } }
        #expect(r.spreadRankTest == rankCorrelationTest(pairs.map(\.0), pairs.map(\.1)))
    }

    /// The paper's claim (Berthelot et al. 2017, section 3.4), at a cheaper setting of the search
    /// (toy lr 1e-3 and lambda_k 0.01, 4000 steps) on the tuning seeds 1-8: a Gaussian, whose
    /// collapse is gradual, is spread wider at gamma = 1 than at gamma = 0.3.
    @Test("on a Gaussian, gamma = 1 spreads the samples wider than gamma = 0.3 over seeds 1-8 (p < 0.05)", .tags(.slow))
    func lowerGammaLowerDiversity() throws {
        let settings = BEGANRunSettings(steps: 4000, batchSize: 64, evaluationSamples: 1000)
        let r = try beganGammaExperiment(data: "gaussian", gammas: [0.3, 1], fixedK: [], seeds: Array(1...8), settings: settings)
        let spread = try #require(r.spreadLowVersusHigh)
        #expect(spread.b.mean > spread.a.mean + 0.1, "spread \(spread.a.mean) at 0.3 against \(spread.b.mean) at 1")
        #expect(spread.pValue < 0.05, "p \(spread.pValue)")
    }
}
