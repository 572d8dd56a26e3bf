import Foundation
import Autodiff

/// `checkerboard`: the uniform distribution on the black squares of a 4 x 4 board covering
/// [-2, 2]^2, the checkerboard density of the normalising-flow literature (e.g. FFJORD, Grathwohl
/// et al. 2019), here on a 4 x 4 board of unit squares:
///
/// ```
/// square (i, j) = [-2 + i, -1 + i) x [-2 + j, -1 + j),   i, j in 0..<4,   black when i + j is even
/// p(x) = 1/8 on the 8 black squares, 0 elsewhere
/// ```
///
/// The label of a point is the index of its black square in `blackSquares` (0..<8), so a
/// conditional GAN can be asked for one square. No Gaussian modes; the density is piecewise constant.
///
/// Properties the tests check: every point lies in the black square its label names, each square
/// gets 1/8 of the points, points are uniform within a square, the density integrates to 1.
public struct Checkerboard: ToyDistribution {
    /// The `(i, j)` board coordinates of the black squares, in label order.
    public static let blackSquares: [(i: Int, j: Int)] =
        (0..<4).flatMap { i in (0..<4).compactMap { j in (i + j) % 2 == 0 ? (i: i, j: j) : nil } }

    public init() {}

    public var name: String { "checkerboard" }
    public var summary: String { "uniform on the 8 black squares of a 4x4 board on [-2, 2]^2" }
    public var dimension: Int { 2 }
    public var classCount: Int { 8 }

    public func sample(count: Int, using rng: inout some RandomNumberGenerator) -> LabelledSample {
        precondition(count >= 0, "Checkerboard.sample: count must be non-negative, got \(count)")
        var points = [Double](repeating: 0, count: 2 * count)
        var labels = [Int](repeating: 0, count: count)
        for n in 0..<count {
            let label = rng.nextInt(below: 8)
            let square = Checkerboard.blackSquares[label]
            points[2 * n] = -2 + Double(square.i) + rng.nextUniform()
            points[2 * n + 1] = -2 + Double(square.j) + rng.nextUniform()
            labels[n] = label
        }
        return LabelledSample(points: Tensor(shape: [count, 2], scalars: points), labels: labels)
    }

    public func density(_ point: [Double]) -> Double? {
        precondition(point.count == 2, "Checkerboard.density: needs a 2-D point, got length \(point.count)")
        let (x, y) = (point[0], point[1])
        guard x >= -2 && x < 2 && y >= -2 && y < 2 else { return 0 }
        let i = Int((x + 2).rounded(.down)), j = Int((y + 2).rounded(.down))
        return (i + j) % 2 == 0 ? 1.0 / 8 : 0
    }
}
