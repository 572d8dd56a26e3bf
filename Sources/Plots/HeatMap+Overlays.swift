import Foundation

/// An arrow from one point of the plane to another, drawn over a heat map.
public struct Arrow: Sendable, Equatable {
    public var from: PlotPoint
    public var to: PlotPoint
    public init(from: PlotPoint, to: PlotPoint) { self.from = from; self.to = to }

    /// The terminal glyph for the arrow's direction, one of eight: `>` east, `/` north-east or
    /// south-west, `^` north, `\` north-west or south-east, `<` west, `v` south. Directions are
    /// taken in data coordinates, 45-degree sectors centred on the compass directions.
    public var glyph: Character {
        let dx = to.x - from.x, dy = to.y - from.y
        guard dx != 0 || dy != 0, dx.isFinite, dy.isFinite else { return "*" }
        let octant = Int(((atan2(dy, dx) / (Double.pi / 4)).rounded() + 8).truncatingRemainder(dividingBy: 8))
        return [">", "/", "^", "\\", "<", "/", "v", "\\"][octant]
    }
}

extension HeatMap {
    /// Draws `curves` (rasterised segment by segment) and `arrows` (one direction glyph at each
    /// arrow's start) into the terminal cells, over the field and the overlay points.
    func drawCurvesAndArrows(on cells: inout CellGrid) {
        func cell(_ p: PlotPoint) -> (row: Int, column: Int)? {
            guard p.isFinite, let c = grid.xRange.column(of: p.x, count: grid.columns),
                  let r = grid.yRange.row(of: p.y, count: grid.rows) else { return nil }
            return (r, c)
        }
        for curve in curves {
            for (a, b) in zip(curve, curve.dropFirst()) where a.isFinite && b.isFinite {
                // Enough samples along the segment to touch every cell it crosses.
                let dc = abs(grid.xRange.fraction(of: b.x) - grid.xRange.fraction(of: a.x)) * Double(grid.columns)
                let dr = abs(grid.yRange.fraction(of: b.y) - grid.yRange.fraction(of: a.y)) * Double(grid.rows)
                // Capped before the conversion: a point far outside the frame would not fit in an Int.
                let cap = Double(4 * (grid.columns + grid.rows)), crossed = Swift.max(dc, dr) * 2
                let n = Int(crossed.isFinite ? Swift.min(crossed, cap) : cap) + 1
                for i in 0...n {
                    let t = Double(i) / Double(n)
                    if let (r, c) = cell(PlotPoint(x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y))) {
                        cells[r, c].glyph = curveGlyph
                    }
                }
            }
        }
        for arrow in arrows {
            if let (r, c) = cell(arrow.from) { cells[r, c].glyph = arrow.glyph }
        }
    }
}
