import Testing
import Foundation
import Autodiff
@testable import Metrics

@Suite("Spearman's rank correlation with a permutation p-value")
struct RankCorrelationPermutationTests {
    @Test("a perfectly monotone relation over 10 points reaches the floor 1 / (1 + rounds)", arguments: 0..<5)
    func monotoneAtTheFloor(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let x = (0..<10).map { _ in rng.nextNormal() }
        let test = rankCorrelationTest(x, x.map { exp($0) }, rounds: 2000, seed: seed)
        #expect(abs(test.rho - 1) < 1e-12, "seed \(seed)")
        // 2 of 10! = 3 628 800 pairings are as extreme: almost surely none is drawn.
        #expect(test.pValue <= 2.0 / 2001, "seed \(seed): p \(test.pValue)")
    }

    @Test("unrelated lists give a large p; a constant list gives rho 0 and p 1")
    func noAssociation() {
        var rng = SeededGenerator(seed: 7)
        let x = (0..<30).map { _ in rng.nextNormal() }
        let y = (0..<30).map { _ in rng.nextNormal() }
        let test = rankCorrelationTest(x, y, rounds: 4000)
        #expect(test.pValue > 0.01, "independent draws should not look related: rho \(test.rho), p \(test.pValue)")
        #expect(abs(test.rho - spearmanCorrelation(x, y)!) < 1e-15)
        let flat = rankCorrelationTest(x, [Double](repeating: 2, count: 30))
        #expect(flat.rho == 0 && flat.pValue == 1)
    }

    @Test("the p-value matches the exact share of pairings for 5 points, and the same seed gives the same p")
    func exactSmallCase() {
        let x: [Double] = [1, 2, 3, 4, 5], y: [Double] = [2, 1, 4, 3, 5]
        let observed = abs(spearmanCorrelation(x, y)!)
        var extreme = 0, total = 0
        func permute(_ rest: [Double], _ prefix: [Double]) {
            if rest.isEmpty {
                total += 1
                if abs(spearmanCorrelation(x, prefix)!) >= observed - 1e-12 { extreme += 1 }
                return
            }
            for i in rest.indices { var r = rest; let v = r.remove(at: i); permute(r, prefix + [v]) }
        }
        permute(y, [])
        let exact = Double(extreme) / Double(total)
        let test = rankCorrelationTest(x, y, rounds: 40_000, seed: 3)
        #expect(abs(test.pValue - exact) < 0.01, "Monte Carlo \(test.pValue) against exact \(exact)")
        #expect(test == rankCorrelationTest(x, y, rounds: 40_000, seed: 3))
        #expect(abs(rankCorrelationTest(y, x, rounds: 10).rho - test.rho) < 1e-15)
    }
}
