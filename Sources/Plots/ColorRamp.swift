/// A continuous colour scale: anchor colours at evenly spaced positions in [0, 1], linearly
/// interpolated in sRGB between neighbours.
///
/// ```
/// position p = t * (anchors.count - 1),  i = floor(p),  s = p - i
/// colour(t)  = round((1 - s) * anchors[i] + s * anchors[i + 1])      per channel
/// ```
///
/// `t` is clamped to [0, 1]. Mathematical properties the tests check: `colour(0)` and `colour(1)`
/// are the end anchors, `colour(k / (n - 1))` is anchor `k`, and each channel between two anchors
/// lies between theirs.
public struct ColorRamp: Sendable, Hashable {
    public var anchors: [PlotColor]

    public init(anchors: [PlotColor]) {
        precondition(anchors.count >= 2, "ColorRamp(anchors:): needs at least 2 anchors, got \(anchors.count)")
        self.anchors = anchors
    }

    /// The colour at `t` in [0, 1] (clamped; NaN gives the first anchor).
    public func color(at t: Double) -> PlotColor {
        let clamped = t.isNaN ? 0 : min(max(t, 0), 1)
        let position = clamped * Double(anchors.count - 1)
        let i = min(Int(position.rounded(.down)), anchors.count - 2)
        let s = position - Double(i)
        let a = anchors[i], b = anchors[i + 1]
        func mix(_ u: UInt8, _ v: UInt8) -> UInt8 {
            UInt8(((1 - s) * Double(u) + s * Double(v)).rounded())
        }
        return PlotColor(red: mix(a.red, b.red), green: mix(a.green, b.green), blue: mix(a.blue, b.blue))
    }

    /// Viridis, the perceptually uniform default colour map of matplotlib (van der Walt and Smith,
    /// 2015), from dark purple (low) through teal to yellow (high).
    ///
    /// Nine anchors: the colour map sampled at t = 0, 1/8, ..., 1 (`#440154`, `#472c7a`, `#3b518b`,
    /// `#2c718e`, `#21908d`, `#27ad81`, `#5cc863`, `#aadc32`, `#fde725`). Interpolating in sRGB
    /// between them approximates the full 256-entry table closely enough for a figure (it is not
    /// the table itself); lightness still increases from end to end, so it reads in greyscale too.
    public static let viridis = ColorRamp(anchors: [
        PlotColor(red: 0x44, green: 0x01, blue: 0x54),
        PlotColor(red: 0x47, green: 0x2C, blue: 0x7A),
        PlotColor(red: 0x3B, green: 0x51, blue: 0x8B),
        PlotColor(red: 0x2C, green: 0x71, blue: 0x8E),
        PlotColor(red: 0x21, green: 0x90, blue: 0x8D),
        PlotColor(red: 0x27, green: 0xAD, blue: 0x81),
        PlotColor(red: 0x5C, green: 0xC8, blue: 0x63),
        PlotColor(red: 0xAA, green: 0xDC, blue: 0x32),
        PlotColor(red: 0xFD, green: 0xE7, blue: 0x25),
    ])

    /// Black (low) to white (high): for grey-scale images, such as ProGAN's generated pictures.
    public static let grays = ColorRamp(anchors: [PlotColor(red: 0, green: 0, blue: 0), PlotColor(red: 255, green: 255, blue: 255)])
}
