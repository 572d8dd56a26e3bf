/// A rectangle in SVG user units (pixels), y growing downward.
public struct SVGRect: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
}

/// An append-only list of SVG 1.1 elements, written with fixed formatting so the same drawing
/// calls always give the same bytes: coordinates with two decimals (`12.50`), colours as
/// `#rrggbb`, attributes in a fixed order, text escaped by `SVGCanvas.escape`.
///
/// Figures draw into a canvas in their panel's own coordinates (origin at the panel's top left);
/// `FigureGrid` places the panels and wraps them in an `<svg>` document.
public struct SVGCanvas: Sendable {
    /// The elements drawn so far, one per line.
    public private(set) var elements: [String] = []

    public init() {}

    /// How text is anchored at its `x` coordinate.
    public enum TextAnchor: String, Sendable {
        case start, middle, end
    }

    public mutating func rect(_ r: SVGRect, fill: PlotColor?, stroke: PlotColor? = nil, strokeWidth: Double = 1) {
        elements.append("<rect x=\"\(n(r.x))\" y=\"\(n(r.y))\" width=\"\(n(r.width))\" height=\"\(n(r.height))\""
            + paint(fill: fill, stroke: stroke, strokeWidth: strokeWidth) + "/>")
    }

    public mutating func circle(cx: Double, cy: Double, r: Double, fill: PlotColor?, stroke: PlotColor? = nil,
                                strokeWidth: Double = 1) {
        elements.append("<circle cx=\"\(n(cx))\" cy=\"\(n(cy))\" r=\"\(n(r))\""
            + paint(fill: fill, stroke: stroke, strokeWidth: strokeWidth) + "/>")
    }

    public mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: PlotColor,
                              strokeWidth: Double = 1, dash: [Double] = []) {
        elements.append("<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\""
            + paint(fill: nil, stroke: stroke, strokeWidth: strokeWidth, dash: dash, fillAttribute: false) + "/>")
    }

    /// An open polyline through `points` (in order); nothing for fewer than two points.
    public mutating func polyline(_ points: [(x: Double, y: Double)], stroke: PlotColor, strokeWidth: Double = 1.5,
                                  dash: [Double] = []) {
        guard points.count >= 2 else { return }
        let list = points.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " ")
        elements.append("<polyline points=\"\(list)\""
            + paint(fill: nil, stroke: stroke, strokeWidth: strokeWidth, dash: dash, roundJoins: true) + "/>")
    }

    /// Text at (`x`, `y`) (the baseline), escaped; `rotation` in degrees about that point.
    public mutating func text(_ string: String, x: Double, y: Double, anchor: TextAnchor = .start,
                              size: Double? = nil, rotation: Double? = nil, fill: PlotColor? = nil) {
        var attributes = "x=\"\(n(x))\" y=\"\(n(y))\""
        if anchor != .start { attributes += " text-anchor=\"\(anchor.rawValue)\"" }
        if let size { attributes += " font-size=\"\(n(size))\"" }
        if let fill { attributes += " fill=\"\(fill.hex)\"" }
        if let rotation { attributes += " transform=\"rotate(\(n(rotation)) \(n(x)) \(n(y)))\"" }
        elements.append("<text \(attributes)>\(Self.escape(string))</text>")
    }

    /// A `<g>` translated by (`dx`, `dy`), holding what `body` draws; `attributes` are written
    /// as given (callers pass constants such as `shape-rendering="crispEdges"`).
    public mutating func group(dx: Double = 0, dy: Double = 0, attributes: String = "",
                               _ body: (inout SVGCanvas) -> Void) {
        var inner = SVGCanvas()
        body(&inner)
        var open = "<g"
        if dx != 0 || dy != 0 { open += " transform=\"translate(\(n(dx)),\(n(dy)))\"" }
        if !attributes.isEmpty { open += " " + attributes }
        elements.append(open + ">")
        elements += inner.elements.map { "  " + $0 }
        elements.append("</g>")
    }

    /// `text` with the five XML special characters replaced by entities (`&` `<` `>` `"` `'`)
    /// and characters XML 1.0 forbids (controls other than tab, newline, carriage return) dropped,
    /// so any label gives a well-formed document.
    public static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private func n(_ value: Double) -> String { NumberText.svg(value) }

    private func paint(fill: PlotColor?, stroke: PlotColor?, strokeWidth: Double, dash: [Double] = [],
                       fillAttribute: Bool = true, roundJoins: Bool = false) -> String {
        var text = ""
        if fillAttribute { text += " fill=\"\(fill?.hex ?? "none")\"" }
        if let stroke {
            text += " stroke=\"\(stroke.hex)\" stroke-width=\"\(n(strokeWidth))\""
            if !dash.isEmpty { text += " stroke-dasharray=\"\(dash.map(n).joined(separator: " "))\"" }
            if roundJoins { text += " stroke-linejoin=\"round\"" }
        }
        return text
    }
}
