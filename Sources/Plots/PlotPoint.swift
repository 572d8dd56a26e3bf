/// A point in the data plane: the unit every figure in `Plots` is drawn from.
///
/// `Plots` depends on no other target, so callers convert their own types at the boundary, e.g. a
/// `[N, 2]` tensor with `tensor.rows.map { PlotPoint(x: $0[0], y: $0[1]) }`.
public struct PlotPoint: Sendable, Equatable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// Both coordinates are finite (neither NaN nor infinite); figures skip and count the others.
    public var isFinite: Bool { x.isFinite && y.isFinite }
}

extension Array where Element == PlotPoint {
    /// Points from labelled tuples: `[(x: 0, y: 1), (x: 2, y: 3)]`.
    public init(_ tuples: [(x: Double, y: Double)]) {
        self = tuples.map { PlotPoint(x: $0.x, y: $0.y) }
    }

    /// Points from parallel coordinate arrays of equal length.
    public init(x: [Double], y: [Double]) {
        precondition(x.count == y.count, "[PlotPoint](x:y:): x has \(x.count) values but y has \(y.count)")
        self = zip(x, y).map { PlotPoint(x: $0, y: $1) }
    }
}

/// A named list of points with an optional glyph and colour: a curve of a `LineChart` (points
/// joined in order) or a point set of a `ScatterPlot`.
public struct PlotSeries: Sendable {
    public var name: String
    public var points: [PlotPoint]
    /// The terminal glyph; `nil` takes the figure's default glyph for the series' index.
    public var glyph: Character?
    /// The colour (terminal with colour on, and SVG); `nil` takes `PlotColor.series(index)`.
    public var color: PlotColor?

    public init(name: String, points: [PlotPoint], glyph: Character? = nil, color: PlotColor? = nil) {
        self.name = name
        self.points = points
        self.glyph = glyph
        self.color = color
    }
}
