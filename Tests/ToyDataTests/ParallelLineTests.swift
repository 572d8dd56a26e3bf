import Testing
import Autodiff
import ToyData

@Suite("Parallel line")
struct ParallelLineTests {
    @Test("points are (offset, u) with u uniform on [0, 1)", arguments: 0..<3)
    func pointsOnTheSegment(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let n = 20_000
        let rows = ParallelLine(offset: -0.7).sample(count: n, using: &rng).points.rows
        #expect(rows.allSatisfy { $0[0] == -0.7 && $0[1] >= 0 && $0[1] < 1 }, "seed \(seed)")
        let ys = rows.map { $0[1] }
        #expect(abs(mean(ys) - 0.5) <= zTolerance * (1.0 / 12 / Double(n)).squareRoot(), "seed \(seed)")
    }
}
