import Foundation
import Testing
import Autodiff
import ToyData

@Suite("Checkerboard")
struct CheckerboardTests {
    @Test("every point lies in the black square its label names", arguments: 0..<5)
    func pointsInTheirSquares(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let batch = Checkerboard().sample(count: 4_000, using: &rng)
        for (n, row) in batch.points.rows.enumerated() {
            let square = Checkerboard.blackSquares[batch.labels[n]]
            let i = Int((row[0] + 2).rounded(.down)), j = Int((row[1] + 2).rounded(.down))
            #expect(i == square.i && j == square.j && (i + j) % 2 == 0, "point \(row) label \(batch.labels[n]), seed \(seed)")
        }
    }

    @Test("each black square gets 1/8 of the points, uniformly spread inside", arguments: 0..<3)
    func uniformOverBlackSquares(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let n = 40_000
        let batch = Checkerboard().sample(count: n, using: &rng)
        for label in 0..<8 {
            #expect(abs(Double(batch.labels.filter { $0 == label }.count) / Double(n) - 1.0 / 8)
                    <= zTolerance * binomialStandardError(p: 1.0 / 8, n: n), "square \(label), seed \(seed)")
        }
        // Position within the square: U[0, 1) per coordinate, mean 1/2 and variance 1/12.
        for j in 0..<2 {
            let offsets = batch.points.rows.map { $0[j] + 2 - ($0[j] + 2).rounded(.down) }
            #expect(abs(mean(offsets) - 0.5) <= zTolerance * (1.0 / 12 / Double(n)).squareRoot(), "coordinate \(j), seed \(seed)")
            // Var of a U[0,1) sample variance: (1/80 - 1/144) / n.
            let v = pow(standardDeviation(offsets), 2)
            #expect(abs(v - 1.0 / 12) <= zTolerance * ((1.0 / 80 - 1.0 / 144) / Double(n)).squareRoot(), "coordinate \(j), seed \(seed)")
        }
    }

    @Test("the density is 1/8 on black squares, 0 on white squares and outside, and integrates to 1")
    func densityValuesAndIntegral() throws {
        let board = Checkerboard()
        #expect(board.density([-1.5, -1.5]) == 1.0 / 8)   // square (0, 0): black
        #expect(board.density([-0.5, -1.5]) == 0)         // square (1, 0): white
        #expect(board.density([1.5, 1.5]) == 1.0 / 8)     // square (3, 3): black
        #expect(board.density([2.5, 0]) == 0)
        // Midpoint rule on [-2.5, 2.5]^2 with cells of 0.01: every square edge is a cell edge, so
        // every cell is wholly black or white and the sum is exact up to rounding.
        let h = 0.01
        var total = 0.0
        for a in 0..<500 {
            for b in 0..<500 {
                total += try #require(board.density([-2.5 + (Double(a) + 0.5) * h, -2.5 + (Double(b) + 0.5) * h]))
            }
        }
        #expect(abs(total * h * h - 1) < 1e-9, "integral \(total * h * h)")
    }
}
