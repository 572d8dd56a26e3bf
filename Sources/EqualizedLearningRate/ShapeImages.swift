import Foundation
import Autodiff

/// Tiny grey-scale images of one simple shape at a random place: a soft blob, a bar, or a ring.
/// The data set the progressive-growing lesson trains on, made on the spot from a seed, with no
/// files to download.
///
/// Pixel `(i, j)` (row, column) has its centre at `(j + 0.5, i + 0.5)` in pixel units; each shape
/// gives an intensity `I` in `[0, 1]` there, and the pixel value is `2 I - 1`, in `[-1, 1]` like
/// ProGAN's `drange_net`. Sizes scale with the resolution `R` (stated at `R = 16` below):
///
/// ```
/// blob:  I = exp(-|p - c|^2 / (2 s^2)),                      s in [1.2, 2.2]
/// bar:   I = ramp(half thickness + 0.5 - |across|) * ramp(half length + 0.5 - |along|),
///        horizontal or vertical, thickness 2, length in [7, 12]
/// ring:  I = ramp(1 - | |p - c| - r | / 1.0),                r in [3, 5]
/// ramp(t) = min(max(t, 0), 1)
/// ```
///
/// with the centre `c` uniform over positions that keep the shape inside the image. Lower
/// resolutions are the same images average-pooled (`downsampled(_:to:)`), as ProGAN trains on
/// downscaled copies of its full-resolution data.
public struct ShapeImages: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case blob, bar, ring
    }

    /// Side of the square images; a power of two, at least 4.
    public var resolution: Int
    /// The shapes drawn, each equally likely.
    public var kinds: [Kind]

    public init(resolution: Int = 16, kinds: [Kind] = Kind.allCases) {
        precondition(resolution >= 4 && resolution & (resolution - 1) == 0,
                     "ShapeImages: the resolution must be a power of two, at least 4; got \(resolution)")
        precondition(!kinds.isEmpty, "ShapeImages: give at least one kind of shape")
        self.resolution = resolution; self.kinds = kinds
    }

    /// `count` images `[count, 1, R, R]` with values in `[-1, 1]`, and the kind of each.
    public func sample(count: Int, using rng: inout SeededGenerator) -> (images: Tensor, kinds: [Kind]) {
        let r = resolution, unit = Double(resolution) / 16
        var scalars = [Double](repeating: 0, count: count * r * r)
        var drawn: [Kind] = []
        func uniform(_ lo: Double, _ hi: Double) -> Double { lo + (hi - lo) * rng.nextUniform() }
        for n in 0..<count {
            let kind = kinds[rng.nextInt(below: kinds.count)]
            drawn.append(kind)
            let intensity: (Double, Double) -> Double
            switch kind {
            case .blob:
                let s = uniform(1.2, 2.2) * unit
                let cx = uniform(2 * s, Double(r) - 2 * s), cy = uniform(2 * s, Double(r) - 2 * s)
                intensity = { x, y in Foundation.exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (2 * s * s)) }
            case .bar:
                let halfLength = uniform(3.5, 6) * unit, halfThickness = 1 * unit
                let horizontal = rng.nextUniform() < 0.5
                let along = uniform(halfLength + 1, Double(r) - halfLength - 1)
                let across = uniform(halfThickness + 1, Double(r) - halfThickness - 1)
                let (cx, cy) = horizontal ? (along, across) : (across, along)
                intensity = { x, y in
                    let (a, b) = horizontal ? (Swift.abs(x - cx), Swift.abs(y - cy)) : (Swift.abs(y - cy), Swift.abs(x - cx))
                    return ShapeImages.ramp(halfLength + 0.5 - a) * ShapeImages.ramp(halfThickness + 0.5 - b)
                }
            case .ring:
                let radius = uniform(3, 5) * unit
                let margin = radius + 1.5 * unit
                let cx = uniform(margin, Double(r) - margin), cy = uniform(margin, Double(r) - margin)
                intensity = { x, y in
                    let d = ((x - cx) * (x - cx) + (y - cy) * (y - cy)).squareRoot()
                    return ShapeImages.ramp(1 - Swift.abs(d - radius) / unit)
                }
            }
            for i in 0..<r {
                for j in 0..<r {
                    scalars[(n * r + i) * r + j] = 2 * intensity(Double(j) + 0.5, Double(i) + 0.5) - 1
                }
            }
        }
        return (Tensor(shape: [count, 1, r, r], scalars: scalars), drawn)
    }

    /// `images` `[N, C, R, R]` average-pooled to `resolution` (a power-of-two divisor of `R`).
    public static func downsampled(_ images: Tensor, to resolution: Int) -> Tensor {
        let r = images.shape[images.rank - 1]
        precondition(resolution >= 1 && r % resolution == 0, "ShapeImages.downsampled: cannot pool \(r) pixels to \(resolution)")
        return images.averagePooled(factor: r / resolution)
    }

    static func ramp(_ t: Double) -> Double { Swift.min(Swift.max(t, 0), 1) }
}
