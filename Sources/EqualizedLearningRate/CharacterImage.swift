/// Grey-scale images as text, for a terminal: each pixel becomes characters from a ramp of
/// increasing ink, `" .:-=+*#%@"`, two characters wide so that square pixels look square in a
/// terminal whose cells are about twice as tall as they are wide.
///
/// ```
/// CharacterImage.lines([[-1, 1], [1, -1]])   // ["  @@", "@@  "]
/// ```
public enum CharacterImage {
    /// The ramp from no ink (lowest value) to full ink (highest).
    public static let ramp: [Character] = Array(" .:-=+*#%@")

    /// The character for `value` on a scale from `low` to `high`: the ramp is split into equal
    /// bins, values outside the scale take the end characters (NaN takes `?`).
    public static func character(_ value: Double, low: Double = -1, high: Double = 1) -> Character {
        guard value.isFinite else { return value.isNaN ? "?" : (value > 0 ? ramp.last! : ramp.first!) }
        let t = (value - low) / (high - low)
        let i = Int((t * Double(ramp.count)).rounded(.down))
        return ramp[Swift.min(Swift.max(i, 0), ramp.count - 1)]
    }

    /// One image, `rows` of equal length, as text lines of `pixelWidth` characters per pixel.
    public static func lines(_ image: [[Double]], low: Double = -1, high: Double = 1, pixelWidth: Int = 2) -> [String] {
        image.map { row in
            String(row.flatMap { Array(repeating: character($0, low: low, high: high), count: pixelWidth) })
        }
    }

    /// Images side by side, top-aligned, `gap` spaces apart, each under an optional caption
    /// (cut to the image's width); the lines are padded so the columns stay aligned.
    public static func row(_ images: [[[Double]]], captions: [String]? = nil, low: Double = -1, high: Double = 1,
                           pixelWidth: Int = 2, gap: Int = 2) -> String {
        let blocks = images.map { lines($0, low: low, high: high, pixelWidth: pixelWidth) }
        let widths = images.map { ($0.first?.count ?? 0) * pixelWidth }
        let height = blocks.map(\.count).max() ?? 0
        let space = String(repeating: " ", count: gap)
        func pad(_ s: String, _ w: Int) -> String { s.count >= w ? String(s.prefix(w)) : s + String(repeating: " ", count: w - s.count) }
        var out: [String] = []
        if let captions {
            out.append(widths.indices.map { pad($0 < captions.count ? captions[$0] : "", widths[$0]) }.joined(separator: space))
        }
        for y in 0..<height {
            out.append(blocks.indices.map { pad(y < blocks[$0].count ? blocks[$0][y] : "", widths[$0]) }.joined(separator: space))
        }
        // Trailing spaces carry nothing; drop them so the text diffs cleanly.
        return out.map { String($0.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n")
    }
}
