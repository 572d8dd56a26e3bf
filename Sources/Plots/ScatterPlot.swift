/// One named set of points in a scatter plot.
public typealias ScatterSeries = PlotSeries

/// Several labelled point sets in one frame: real against generated samples.
///
/// In a terminal each point marks the character cell that contains it (see `AxisRange` for the
/// mapping); a cell shows its series' glyph, or `overlapGlyph` when points of two or more series
/// share it, so the plot reads without colour:
///
/// ```
/// let plot = ScatterPlot(real: [PlotPoint(x: 0, y: 0), PlotPoint(x: 4, y: 2)],
///                        generated: [PlotPoint(x: 2, y: 1)], width: 5, height: 3)
/// print(plot.render(style: .plain))
/// //     +-----+
/// // 2.0 |    .|
/// // 1.0 |  o  |
/// // 0.0 |.    |
/// //     +-----+
/// //      0.0 4.0
/// //      . real (2)   o generated (1)   @ both
/// ```
///
/// (x spans [0, 4] in 5 columns, so x = 2 is column floor(2 / 4 * 5) = 2; the middle x label is
/// left out when it would touch its neighbours.)
///
/// Ranges are the caller's `xRange`/`yRange` when given (points outside are skipped and counted),
/// else the smallest box holding every finite point, widened by `AxisRange.padded()` when it has
/// no width (one point, or identical points), and `[0, 1]` when there is no finite point at all.
/// With `equalAspect`, the narrower range is widened so a circle looks round: a terminal cell is
/// taken to be `cellAspect` times as tall as wide.
///
/// NaN or infinite points are skipped and counted; the figure says so in a note under the legend.
public struct ScatterPlot: Figure {
    /// How points are drawn in a terminal.
    public enum Marks: Sendable, Hashable {
        /// One glyph per cell, per series (the default; reads in any terminal, with or without colour).
        case glyphs
        /// Unicode braille patterns, 2 x 4 dots per cell: four times the resolution, but series are
        /// told apart only by colour (cells shared by several series take the overlap colour).
        case braille
    }

    public var series: [ScatterSeries]
    public var title: String
    public var xName: String
    public var yName: String
    /// Data area size in character cells.
    public var width: Int
    public var height: Int
    public var xRange: AxisRange?
    public var yRange: AxisRange?
    public var equalAspect: Bool
    /// Height of a terminal cell over its width; fonts are about twice as tall as wide.
    public var cellAspect: Double
    public var overlapGlyph: Character
    public var marks: Marks

    /// Glyphs of series 0, 1, 2, ... when a series does not choose its own: `.` for the first
    /// (real data, drawn light) and `o` for the second (generated samples, drawn heavier).
    public static let defaultGlyphs: [Character] = [".", "o", "x", "+", "*", "#", "%", "&"]

    /// - Parameters:
    ///   - series: the point sets, drawn in order.
    ///   - width, height: data area in character cells (at least 1 x 1); 64 x 24 fits an 80 x 30 terminal.
    ///   - xRange, yRange: fixed axes (keep them fixed across the frames of a film); `nil` fits the data.
    ///   - equalAspect: widen one range so x and y units have the same length on screen.
    ///   - overlapGlyph: the glyph of a cell holding points of several series.
    public init(series: [ScatterSeries], title: String = "", xName: String = "", yName: String = "",
                width: Int = 64, height: Int = 24, xRange: AxisRange? = nil, yRange: AxisRange? = nil,
                equalAspect: Bool = false, cellAspect: Double = 2, overlapGlyph: Character = "@",
                marks: Marks = .glyphs) {
        precondition(width >= 1 && height >= 1, "ScatterPlot(series:): needs width, height >= 1, got \(width) x \(height)")
        precondition(cellAspect > 0 && cellAspect.isFinite,
                     "ScatterPlot(series:): cellAspect must be positive and finite, got \(cellAspect)")
        self.series = series; self.title = title; self.xName = xName; self.yName = yName
        self.width = width; self.height = height; self.xRange = xRange; self.yRange = yRange
        self.equalAspect = equalAspect; self.cellAspect = cellAspect; self.overlapGlyph = overlapGlyph; self.marks = marks
    }

    /// Real data (`.`) against generated samples (`o`).
    public init(real: [PlotPoint], generated: [PlotPoint], title: String = "", width: Int = 64, height: Int = 24,
                xRange: AxisRange? = nil, yRange: AxisRange? = nil, equalAspect: Bool = false) {
        self.init(series: [ScatterSeries(name: "real", points: real), ScatterSeries(name: "generated", points: generated)],
                  title: title, width: width, height: height, xRange: xRange, yRange: yRange, equalAspect: equalAspect)
    }

    func glyph(_ index: Int) -> Character {
        series[index].glyph ?? Self.defaultGlyphs[index % Self.defaultGlyphs.count]
    }

    func color(_ index: Int) -> PlotColor { series[index].color ?? PlotColor.series(index) }

    /// The axes drawn for a data area `width` x `height` screen units, cells `cellAspect` tall.
    func axes(width: Double, height: Double, cellAspect: Double) -> (x: AxisRange, y: AxisRange) {
        let finite = series.flatMap(\.points).filter(\.isFinite)
        let x = (xRange ?? AxisRange.enclosing(finite.map(\.x)) ?? AxisRange(0, 1)).padded()
        let y = (yRange ?? AxisRange.enclosing(finite.map(\.y)) ?? AxisRange(0, 1)).padded()
        guard equalAspect else { return (x, y) }
        return AxisRange.equalAspect(x: x, y: y, width: width, height: height, cellAspect: cellAspect)
    }

    /// The axes of the terminal rendering.
    public var terminalAxes: (x: AxisRange, y: AxisRange) {
        axes(width: Double(width), height: Double(height), cellAspect: cellAspect)
    }

    /// Points drawn and skipped, per series, in the terminal rendering.
    public func pointCounts() -> [PointCounts] {
        let (x, y) = terminalAxes
        return series.map { counts(of: $0, x: x, y: y) }
    }

    func counts(of series: ScatterSeries, x: AxisRange, y: AxisRange) -> PointCounts {
        var counts = PointCounts()
        for point in series.points {
            if !point.isFinite {
                counts.nonFinite += 1
            } else if x.contains(point.x) && y.contains(point.y) {
                counts.plotted += 1
            } else {
                counts.outside += 1
            }
        }
        return counts
    }

    public func render(style: TerminalStyle) -> String {
        let (x, y) = terminalAxes
        // In braille mode each cell is a 2 x 4 block of dots; points are placed on the dot grid.
        let (across, down) = marks == .braille ? (2, 4) : (1, 1)
        var owners = Array(repeating: CellOwner.empty, count: width * height)
        var dots = Array(repeating: UInt32(0), count: width * height)
        for (index, s) in series.enumerated() {
            for point in s.points where point.isFinite {
                guard let column = x.column(of: point.x, count: width * across),
                      let row = y.row(of: point.y, count: height * down) else { continue }
                let cell = (row / down) * width + column / across
                owners[cell].add(index)
                if marks == .braille { dots[cell] |= Self.brailleBit(column: column % 2, row: row % 4) }
            }
        }

        var grid = CellGrid(width: width, height: height)
        for row in 0..<height {
            for column in 0..<width {
                let cell = row * width + column
                let (glyph, color): (Character, PlotColor)
                switch owners[cell] {
                case .empty: continue
                case .one(let index): (glyph, color) = (self.glyph(index), self.color(index))
                case .several: (glyph, color) = (overlapGlyph, .overlap)
                }
                let shown = marks == .braille ? Character(Unicode.Scalar(0x2800 + dots[cell])!) : glyph
                grid[row, column] = TerminalCell(glyph: shown, foreground: color.ansi256Index)
            }
        }

        let xResolution = x.span / Double(width), yResolution = y.span / Double(height)
        var frame = TerminalFrame()
        frame.title = title
        frame.yName = yName
        frame.xName = xName
        frame.labelAxes(x: x, xResolution: xResolution, y: y, yResolution: yResolution)
        let tallies = series.map { counts(of: $0, x: x, y: y) }
        let fullBraille: Character = "\u{28FF}"
        frame.legend = series.indices.map { index in
            LegendEntry(glyph: marks == .braille ? fullBraille : glyph(index), foreground: color(index).ansi256Index,
                        text: "\(series[index].name) (\(tallies[index].plotted))")
        }
        if series.count >= 2 {
            frame.legend.append(LegendEntry(glyph: marks == .braille ? fullBraille : overlapGlyph,
                                            foreground: PlotColor.overlap.ansi256Index,
                                            text: series.count == 2 ? "both" : "several"))
            if marks == .braille && !style.usesColor {
                frame.notes.append("braille dots: series are told apart by colour only")
            }
        }
        frame.notes += series.indices.compactMap { tallies[$0].note(for: series[$0].name) }
        return frame.render(grid, style: style)
    }

    /// The bit of braille dot (`column` 0...1, `row` 0...3) in a pattern `U+2800 + bits`.
    ///
    /// Unicode numbers the dots down the left column 1, 2, 3, down the right 4, 5, 6, then 7 and 8
    /// along the bottom row; dot k is bit k - 1.
    static func brailleBit(column: Int, row: Int) -> UInt32 {
        let dot = row == 3 ? 7 + column : 1 + row + 3 * column
        return 1 << UInt32(dot - 1)
    }
}

/// Which series have points in a cell.
enum CellOwner {
    case empty
    case one(Int)
    case several

    mutating func add(_ series: Int) {
        switch self {
        case .empty: self = .one(series)
        case .one(let existing) where existing != series: self = .several
        default: break
        }
    }
}
