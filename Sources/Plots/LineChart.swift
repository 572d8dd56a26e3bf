import Foundation

/// One named curve in a line chart: points joined in order, e.g. a loss per training step.
public typealias LineSeries = PlotSeries

extension PlotSeries {
    /// `values[i]` at step `firstStep + i * stepSize`.
    public init(name: String, values: [Double], firstStep: Double = 0, stepSize: Double = 1,
                glyph: Character? = nil, color: PlotColor? = nil) {
        self.init(name: name, points: values.indices.map { PlotPoint(x: firstStep + Double($0) * stepSize, y: values[$0]) },
                  glyph: glyph, color: color)
    }
}

/// How values are placed along a line chart's y axis.
public enum YScale: Sendable, Hashable {
    /// `y` as it is.
    case linear
    /// `log10(max(y, floor))`: equal steps are equal ratios, so a gradient norm collapsing from 1
    /// to 1e-8 stays readable. Zero and negative values have no logarithm; they, and any positive
    /// value below `floor`, are drawn at the floor and counted in a note, never trapped on.
    /// `floor: nil` (or a floor that is not a positive finite number) takes the smallest positive
    /// finite value in the chart, or 1 when there is none.
    case log10(floor: Double? = nil)
}

/// Curves over a shared x axis (training steps): the loss and gradient-norm charts of the lessons.
///
/// Points map to cells as in `ScatterPlot` (see `AxisRange`); consecutive points are joined cell
/// by cell (a line through the cell indices, one cell per step along the longer direction), so a
/// noisy curve squeezed into few columns shows its spread as a vertical band. A cell crossed by
/// several series shows `overlapGlyph`. A NaN or infinite value, or a point outside fixed axes,
/// breaks the curve and is counted in a note.
///
/// With `yScale: .log10`, values 1, 10 and 100 sit on equally spaced rows.
public struct LineChart: Figure {
    public var series: [LineSeries]
    public var title: String
    public var xName: String
    public var yName: String
    /// Data area size in character cells.
    public var width: Int
    public var height: Int
    public var yScale: YScale
    /// Fixed x axis (steps); `nil` fits the data.
    public var xRange: AxisRange?
    /// Fixed y axis in data units (not logarithms, also on a log scale); `nil` fits the data.
    public var yRange: AxisRange?
    public var overlapGlyph: Character

    /// Glyphs of series 0, 1, 2, ... when a series does not choose its own.
    public static let defaultGlyphs: [Character] = ["*", "o", "+", "x", "#", "%", "&", "="]
    /// SVG stroke dash patterns of series 0, 1, 2, ..., so curves differ without colour too.
    static let dashes: [[Double]] = [[], [6, 3], [2, 2], [8, 3, 2, 3], [1, 3], [12, 4]]

    public init(series: [LineSeries], title: String = "", xName: String = "step", yName: String = "",
                width: Int = 64, height: Int = 16, yScale: YScale = .linear,
                xRange: AxisRange? = nil, yRange: AxisRange? = nil, overlapGlyph: Character = "@") {
        precondition(width >= 1 && height >= 1, "LineChart(series:): needs width, height >= 1, got \(width) x \(height)")
        self.series = series; self.title = title; self.xName = xName; self.yName = yName
        self.width = width; self.height = height; self.yScale = yScale
        self.xRange = xRange; self.yRange = yRange; self.overlapGlyph = overlapGlyph
    }

    func glyph(_ index: Int) -> Character {
        series[index].glyph ?? Self.defaultGlyphs[index % Self.defaultGlyphs.count]
    }

    func color(_ index: Int) -> PlotColor { series[index].color ?? PlotColor.series(index) }

    /// The floor of a log scale (see `YScale.log10`), `nil` on a linear scale.
    public var logFloor: Double? {
        guard case .log10(let floor) = yScale else { return nil }
        if let floor, floor > 0, floor.isFinite { return floor }
        let positive = series.lazy.flatMap(\.points).map(\.y).filter { $0 > 0 && $0.isFinite }
        return positive.min() ?? 1
    }

    /// What the chart draws: axes in plot space (y holds log10 values on a log scale), each
    /// series cut into unbroken runs of plot-space points, and the counts behind the notes.
    struct Layout {
        var x: AxisRange
        var y: AxisRange
        var runs: [[[PlotPoint]]]
        var counts: [PointCounts]
        var clippedToFloor: Int
        var floor: Double?
    }

    /// The layout shared by the terminal and SVG renderings.
    func layout() -> Layout {
        let floor = logFloor
        // Plot space: on a log scale, y becomes log10(max(y, floor)).
        func plotY(_ y: Double) -> Double {
            guard let floor else { return y }
            return Foundation.log10(Swift.max(y, floor))
        }
        let finite = series.flatMap(\.points).filter(\.isFinite)
        let x = (xRange ?? AxisRange.enclosing(finite.map(\.x)) ?? AxisRange(0, 1)).padded()
        let y: AxisRange
        if let yRange {
            let (low, high) = (plotY(yRange.lower), plotY(yRange.upper))
            y = AxisRange(low, high).padded()
        } else {
            y = (AxisRange.enclosing(finite.map { plotY($0.y) }) ?? AxisRange(0, 1)).padded()
        }

        var clipped = 0
        var runs: [[[PlotPoint]]] = []
        var counts: [PointCounts] = []
        for s in series {
            var seriesRuns: [[PlotPoint]] = []
            var run: [PlotPoint] = []
            var tally = PointCounts()
            for point in s.points {
                let mapped = PlotPoint(x: point.x, y: plotY(point.y))
                if !point.isFinite {
                    tally.nonFinite += 1
                } else if !x.contains(mapped.x) || !y.contains(mapped.y) {
                    tally.outside += 1
                } else {
                    tally.plotted += 1
                    if let floor, point.y < floor { clipped += 1 }
                    run.append(mapped)
                    continue
                }
                if !run.isEmpty { seriesRuns.append(run) }
                run = []
            }
            if !run.isEmpty { seriesRuns.append(run) }
            runs.append(seriesRuns)
            counts.append(tally)
        }
        return Layout(x: x, y: y, runs: runs, counts: counts, clippedToFloor: clipped, floor: floor)
    }

    /// Notes under the legend, shared by both renderings.
    func notes(_ layout: Layout) -> [String] {
        var notes = series.indices.compactMap { layout.counts[$0].note(for: series[$0].name) }
        if let floor = layout.floor, layout.clippedToFloor > 0 {
            let value = NumberText.significant(floor)
            notes.append("\(counted(layout.clippedToFloor, "value")) < \(value) (or <= 0) drawn at the log floor")
        }
        return notes
    }

    /// The y axis name, marked when the scale is logarithmic.
    var yTitle: String {
        guard case .log10 = yScale else { return yName }
        return yName.isEmpty ? "log10 scale" : "\(yName) (log10 scale)"
    }

    public func render(style: TerminalStyle) -> String {
        let (grid, frame) = terminalParts(style: style)
        return frame.render(grid, style: style)
    }

    /// The data area and the frame around it, before they are joined (the live view replaces
    /// the legend with one of its own).
    func terminalParts(style: TerminalStyle) -> (cells: CellGrid, frame: TerminalFrame) {
        let layout = self.layout()
        var owners = Array(repeating: CellOwner.empty, count: width * height)
        for (index, runs) in layout.runs.enumerated() {
            for run in runs {
                let cells = run.compactMap { point -> (column: Int, row: Int)? in
                    guard let column = layout.x.column(of: point.x, count: width),
                          let row = layout.y.row(of: point.y, count: height) else { return nil }
                    return (column, row)
                }
                var previous = cells.first
                for cell in cells {
                    for (column, row) in Self.cellsOnLine(from: previous ?? cell, to: cell) {
                        owners[row * width + column].add(index)
                    }
                    previous = cell
                }
            }
        }
        var grid = CellGrid(width: width, height: height)
        for row in 0..<height {
            for column in 0..<width {
                switch owners[row * width + column] {
                case .empty: continue
                case .one(let index):
                    grid[row, column] = TerminalCell(glyph: glyph(index), foreground: color(index).ansi256Index)
                case .several:
                    grid[row, column] = TerminalCell(glyph: overlapGlyph, foreground: PlotColor.overlap.ansi256Index)
                }
            }
        }

        let x = layout.x, y = layout.y
        func yLabel(_ value: Double) -> String {
            layout.floor == nil ? NumberText.label(value, range: y, resolution: y.span / Double(height))
                                : NumberText.significant(pow(10, value))
        }
        let xResolution = x.span / Double(width)
        var frame = TerminalFrame()
        frame.title = title
        frame.yName = yTitle
        frame.xName = xName
        frame.yLabels = (yLabel(y.upper), yLabel(y.middle), yLabel(y.lower))
        frame.labelXAxis(x, resolution: xResolution)
        frame.legend = series.indices.map {
            LegendEntry(glyph: glyph($0), foreground: color($0).ansi256Index, text: series[$0].name)
        }
        if series.count >= 2 {
            frame.legend.append(LegendEntry(glyph: overlapGlyph, foreground: PlotColor.overlap.ansi256Index,
                                            text: "overlap"))
        }
        frame.notes = notes(layout)
        return (grid, frame)
    }

    /// The cells on the straight line from `start` to `end`, both included: one cell per step
    /// along the longer direction, the other coordinate rounded (a DDA line).
    static func cellsOnLine(from start: (column: Int, row: Int), to end: (column: Int, row: Int)) -> [(Int, Int)] {
        let dc = end.column - start.column, dr = end.row - start.row
        let steps = max(abs(dc), abs(dr))
        guard steps > 0 else { return [(start.column, start.row)] }
        return (0...steps).map { k in
            let t = Double(k) / Double(steps)
            return (start.column + Int((t * Double(dc)).rounded()), start.row + Int((t * Double(dr)).rounded()))
        }
    }
}
