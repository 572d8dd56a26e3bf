/// An sRGB colour, written as `#rrggbb` in SVG and as the nearest xterm 256-colour index in a terminal.
public struct PlotColor: Sendable, Hashable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// `#rrggbb`, lower-case.
    public var hex: String {
        "#" + [red, green, blue].map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }

    /// The nearest entry of the xterm 256-colour palette, by squared distance in RGB.
    ///
    /// Candidates are the 6x6x6 cube (indices 16...231, channel levels 0, 95, 135, 175, 215, 255,
    /// index `16 + 36 r + 6 g + b`) and the grey ramp (indices 232...255, level `8 + 10 i`). The
    /// first 16 entries are skipped because terminals redefine them.
    public var ansi256Index: UInt8 {
        let levels = [0, 95, 135, 175, 215, 255]
        func nearestLevel(_ channel: UInt8) -> Int {
            levels.indices.min { abs(levels[$0] - Int(channel)) < abs(levels[$1] - Int(channel)) }!
        }
        func distance(_ r: Int, _ g: Int, _ b: Int) -> Int {
            let dr = r - Int(red), dg = g - Int(green), db = b - Int(blue)
            return dr * dr + dg * dg + db * db
        }
        let (r, g, b) = (nearestLevel(red), nearestLevel(green), nearestLevel(blue))
        let cubeIndex = 16 + 36 * r + 6 * g + b
        let cubeDistance = distance(levels[r], levels[g], levels[b])

        let mean = (Int(red) + Int(green) + Int(blue)) / 3
        let grey = min(max((mean - 8 + 5) / 10, 0), 23)    // nearest of 8, 18, ..., 238
        let greyLevel = 8 + 10 * grey
        let greyDistance = distance(greyLevel, greyLevel, greyLevel)
        return UInt8(greyDistance < cubeDistance ? 232 + grey : cubeIndex)
    }

    /// Relative luminance in [0, 1] (Rec. 709 weights on the gamma-encoded channels; good enough
    /// to choose black or white text over a colour).
    var luminance: Double {
        (0.2126 * Double(red) + 0.7152 * Double(green) + 0.0722 * Double(blue)) / 255
    }

    /// Series colours, in order: blue, orange, green, purple, red, grey. Blue and orange differ in
    /// both hue and lightness, so "real" and "generated" stay apart for most colour-blind readers.
    public static let palette: [PlotColor] = [
        PlotColor(red: 0x3B, green: 0x6F, blue: 0xB6),
        PlotColor(red: 0xE6, green: 0x78, blue: 0x00),
        PlotColor(red: 0x2A, green: 0x9D, blue: 0x55),
        PlotColor(red: 0x8E, green: 0x44, blue: 0xAD),
        PlotColor(red: 0xC0, green: 0x39, blue: 0x2B),
        PlotColor(red: 0x64, green: 0x64, blue: 0x64),
    ]

    /// The colour of series `index`, cycling through `palette`.
    public static func series(_ index: Int) -> PlotColor { palette[index % palette.count] }

    /// Magenta: cells where several series overlap in a terminal scatter or line chart.
    public static let overlap = PlotColor(red: 0xD0, green: 0x30, blue: 0xC0)
    /// Light grey: cells whose value is NaN or infinite.
    public static let missing = PlotColor(red: 0xC8, green: 0xC8, blue: 0xC8)
    public static let black = PlotColor(red: 0, green: 0, blue: 0)
    public static let white = PlotColor(red: 0xFF, green: 0xFF, blue: 0xFF)
}
