/// Samples of a scalar field `f(x, y)` at the centres of a `rows` x `columns` grid of cells tiling
/// a rectangle: the data of a heat map.
///
/// ```
/// x(column) = xMin + (column + 1/2) * (xMax - xMin) / columns
/// y(row)    = yMax - (row + 1/2) * (yMax - yMin) / rows          row 0 is the top (largest y)
/// values[row * columns + column] = f(x(column), y(row))
/// ```
///
/// The cells are the bins of `AxisRange`, so a point at `(x(c), y(r))` maps back to cell `(r, c)`.
public struct ScalarGrid: Sendable, Equatable {
    public let xRange: AxisRange
    public let yRange: AxisRange
    public let columns: Int
    public let rows: Int
    /// Row-major, row 0 at the top; may hold NaN or infinities (drawn as missing).
    public let values: [Double]

    /// A grid of precomputed values, row-major with row 0 at the top.
    public init(xRange: AxisRange, yRange: AxisRange, columns: Int, rows: Int, values: [Double]) {
        precondition(columns >= 1 && rows >= 1, "ScalarGrid(values:): needs columns, rows >= 1, got \(columns) x \(rows)")
        precondition(values.count == columns * rows,
                     "ScalarGrid(values:): \(columns) x \(rows) grid needs \(columns * rows) values, got \(values.count)")
        self.xRange = xRange
        self.yRange = yRange
        self.columns = columns
        self.rows = rows
        self.values = values
    }

    /// The field sampled at the cell centres.
    public init(xRange: AxisRange, yRange: AxisRange, columns: Int, rows: Int,
                sampling field: (_ x: Double, _ y: Double) throws -> Double) rethrows {
        precondition(columns >= 1 && rows >= 1, "ScalarGrid(sampling:): needs columns, rows >= 1, got \(columns) x \(rows)")
        var values: [Double] = []
        values.reserveCapacity(columns * rows)
        for row in 0..<rows {
            for column in 0..<columns {
                values.append(try field(Self.centre(column, of: columns, in: xRange),
                                        Self.centre(rows - 1 - row, of: rows, in: yRange)))
            }
        }
        self.init(xRange: xRange, yRange: yRange, columns: columns, rows: rows, values: values)
    }

    /// The x coordinate of the centre of `column`.
    public func x(column: Int) -> Double { Self.centre(column, of: columns, in: xRange) }

    /// The y coordinate of the centre of `row` (row 0 at the top).
    public func y(row: Int) -> Double { Self.centre(rows - 1 - row, of: rows, in: yRange) }

    public subscript(row: Int, column: Int) -> Double { values[row * columns + column] }

    /// `(1 - t) * lower + t * upper` with `t = (i + 1/2) / count`; unlike `lower + t * span`, it
    /// stays finite when the span overflows.
    private static func centre(_ i: Int, of count: Int, in range: AxisRange) -> Double {
        let t = (Double(i) + 0.5) / Double(count)
        return (1 - t) * range.lower + t * range.upper
    }
}
