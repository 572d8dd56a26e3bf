import Testing
import Foundation
import Autodiff
@testable import Metrics

@Suite("Spearman's rank correlation")
struct RankCorrelationTests {
    @Test("+1 for any increasing relation, -1 for any decreasing one, unchanged by monotone maps", arguments: 0..<20)
    func monotoneRelations(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let x = (0..<15).map { _ in rng.nextNormal() }
        #expect(close(try #require(spearmanCorrelation(x, x.map { exp(3 * $0) })), 1), "seed \(seed)")
        #expect(close(try #require(spearmanCorrelation(x, x.map { -$0 * $0 * $0 })), -1), "seed \(seed)")
        let y = (0..<15).map { _ in rng.nextNormal() }
        let rho = try #require(spearmanCorrelation(x, y))
        #expect(close(try #require(spearmanCorrelation(x.map { atan($0) }, y.map { $0 + 10 })), rho), "seed \(seed)")
        #expect((-1...1).contains(rho))
    }

    @Test("ties share their mean rank: x = [1, 2, 2, 3], y = [1, 3, 2, 4] gives 3 / sqrt(10)")
    func tiesByHand() throws {
        #expect(ranks([5, 1, 5]) == [2.5, 1, 2.5])
        let rho = try #require(spearmanCorrelation([1, 2, 2, 3], [1, 3, 2, 4]))
        #expect(close(rho, 3 / (10.0).squareRoot(), 1e-14))
    }

    @Test("undefined for constant lists and for fewer than two pairs")
    func undefinedCases() {
        #expect(spearmanCorrelation([1, 1, 1], [1, 2, 3]) == nil)
        #expect(spearmanCorrelation([1], [2]) == nil)
    }
}

/// `a` and `b` agree to `tolerance`, relative to the larger of 1 and their sizes.
private func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
    Swift.abs(a - b) <= tolerance * Swift.max(1, Swift.abs(a), Swift.abs(b))
}
