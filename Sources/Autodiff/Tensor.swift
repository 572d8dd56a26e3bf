import Foundation

/// An n-dimensional array of `Double` in row-major order, with value semantics.
///
/// `Tensor` is plain data and eager arithmetic: it records nothing. Wrap it in a `Variable` to
/// differentiate through it. Copies are cheap until one of them is written (copy on write, through
/// the underlying `Array`).
///
/// ```
/// let a = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
/// a[1, 2]               // 6.0
/// a.sum(alongAxes: [0]) // [5, 7, 9], shape [3]
/// ```
public struct Tensor: Sendable, Hashable, Codable {
    /// The size of each dimension; `[]` for a scalar.
    public private(set) var shape: [Int]

    /// The elements in row-major order. Writing keeps the element count, so the shape stays valid.
    public var scalars: [Double] {
        get { storage }
        set {
            precondition(newValue.count == shape.reduce(1, *),
                         "Tensor: \(newValue.count) scalars written into a tensor of shape \(shape)")
            storage = newValue
        }
        // In-place access (`t.scalars[i] = x`, `t.scalars.withUnsafeMutableBufferPointer`): the
        // array is mutated where it is stored and checked afterwards. A `didSet` observer here
        // would copy the whole array on every such write.
        _modify {
            defer {
                precondition(storage.count == shape.reduce(1, *),
                             "Tensor: \(storage.count) scalars written into a tensor of shape \(shape)")
            }
            yield &storage
        }
    }
    private var storage: [Double]

    /// A tensor of the given shape holding `scalars` in row-major order.
    public init(shape: [Int], scalars: [Double]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor: negative dimension in shape \(shape)")
        precondition(scalars.count == shape.reduce(1, *),
                     "Tensor: shape \(shape) holds \(shape.reduce(1, *)) scalars, got \(scalars.count)")
        self.shape = shape
        self.storage = scalars
        _ = AllocatorTuning.applied
    }

    private enum CodingKeys: String, CodingKey { case shape, scalars }

    /// Decodes `{"shape": [...], "scalars": [...]}`; throws when the count does not fit the shape.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let shape = try c.decode([Int].self, forKey: .shape)
        let scalars = try c.decode([Double].self, forKey: .scalars)
        // The product is taken with overflow reported: a hostile shape like [2^32, 2^32] must be
        // refused here, not trap in `reduce(1, *)`.
        let count = shape.reduce(Optional(1)) { n, d in
            guard let n, d >= 0 else { return nil }
            let (p, overflow) = n.multipliedReportingOverflow(by: d)
            return overflow ? nil : p
        }
        guard let count, scalars.count == count else {
            throw DecodingError.dataCorruptedError(forKey: .scalars, in: c,
                debugDescription: "Tensor: shape \(shape) does not hold \(scalars.count) scalars")
        }
        self.init(shape: shape, scalars: scalars)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(shape, forKey: .shape)
        try c.encode(storage, forKey: .scalars)
    }

    /// A rank-1 tensor.
    public init(_ scalars: [Double]) { self.init(shape: [scalars.count], scalars: scalars) }

    /// A rank-0 (scalar) tensor.
    public init(_ scalar: Double) { self.init(shape: [], scalars: [scalar]) }

    /// A rank-2 tensor from rows of equal length.
    public init(rows: [[Double]]) {
        let width = rows.first?.count ?? 0
        precondition(rows.allSatisfy { $0.count == width }, "Tensor(rows:): rows of unequal length")
        self.init(shape: [rows.count, width], scalars: rows.flatMap { $0 })
    }

    /// Number of dimensions.
    public var rank: Int { shape.count }
    /// Number of elements.
    public var count: Int { scalars.count }
    /// The single element of a tensor with one element.
    public var scalar: Double {
        precondition(scalars.count == 1, "Tensor.scalar: tensor of shape \(shape) has \(scalars.count) elements")
        return scalars[0]
    }

    /// Row-major strides: `strides[i]` is the distance in `scalars` between neighbours along axis `i`.
    public var strides: [Int] { Tensor.strides(of: shape) }

    static func strides(of shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var s = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) { strides[i] = s; s *= shape[i] }
        return strides
    }

    /// The element at a full multi-index.
    public subscript(_ index: Int...) -> Double {
        get { scalars[offset(of: index)] }
        set { scalars[offset(of: index)] = newValue }
    }

    func offset(of index: [Int]) -> Int {
        precondition(index.count == rank, "Tensor subscript: \(index.count) indices for a tensor of shape \(shape)")
        var o = 0, s = 1
        for i in stride(from: rank - 1, through: 0, by: -1) {
            precondition(index[i] >= 0 && index[i] < shape[i], "Tensor subscript: index \(index) out of range for shape \(shape)")
            o += index[i] * s; s *= shape[i]
        }
        return o
    }

    /// Rows of a rank-2 tensor, for printing and tests.
    public var rows: [[Double]] {
        precondition(rank == 2, "Tensor.rows: needs rank 2, got shape \(shape)")
        return (0..<shape[0]).map { Array(scalars[$0 * shape[1] ..< ($0 + 1) * shape[1]]) }
    }
}

// MARK: - Creation

extension Tensor {
    /// All elements equal to `value`.
    public init(repeating value: Double, shape: [Int]) {
        self.init(shape: shape, scalars: [Double](repeating: value, count: shape.reduce(1, *)))
    }
    public static func zeros(_ shape: [Int]) -> Tensor { Tensor(repeating: 0, shape: shape) }
    public static func ones(_ shape: [Int]) -> Tensor { Tensor(repeating: 1, shape: shape) }
    public static func full(_ shape: [Int], _ value: Double) -> Tensor { Tensor(repeating: value, shape: shape) }

    /// `start, start + step, ...` while below `end` (above, for a negative step), like NumPy's `arange`.
    public static func arange(_ start: Double, _ end: Double, step: Double = 1) -> Tensor {
        precondition(step != 0 && step.isFinite, "Tensor.arange: step must be finite and non-zero, got \(step)")
        let n = Swift.max(0, Int(((end - start) / step).rounded(.up)))
        return Tensor((0..<n).map { start + Double($0) * step })
    }

    /// `count` evenly spaced values from `start` to `end`, both included.
    public static func linspace(_ start: Double, _ end: Double, count: Int) -> Tensor {
        precondition(count >= 1, "Tensor.linspace: count must be at least 1, got \(count)")
        if count == 1 { return Tensor([start]) }
        let h = (end - start) / Double(count - 1)
        return Tensor((0..<count).map { $0 == count - 1 ? end : start + Double($0) * h })
    }

    /// Independent draws from U[low, high).
    public static func randomUniform(_ shape: [Int], low: Double = 0, high: Double = 1,
                                     using rng: inout some RandomNumberGenerator) -> Tensor {
        let n = shape.reduce(1, *)
        var s = [Double](repeating: 0, count: n)
        for i in 0..<n { s[i] = low + (high - low) * rng.nextUniform() }
        return Tensor(shape: shape, scalars: s)
    }

    /// Independent draws from N(mean, std^2), by Box-Muller using both branches
    /// (`r cos t` and `r sin t` from one pair of uniforms).
    public static func randomNormal(_ shape: [Int], mean: Double = 0, std: Double = 1,
                                    using rng: inout some RandomNumberGenerator) -> Tensor {
        let n = shape.reduce(1, *)
        var s = [Double](repeating: 0, count: n)
        var i = 0
        while i < n {
            let u1 = 1 - rng.nextUniform(), u2 = rng.nextUniform()
            let r = (-2 * Foundation.log(u1)).squareRoot(), t = 2 * Double.pi * u2
            s[i] = mean + std * r * Foundation.cos(t)
            if i + 1 < n { s[i + 1] = mean + std * r * Foundation.sin(t) }
            i += 2
        }
        return Tensor(shape: shape, scalars: s)
    }

    /// One-hot rows: `[indices.count, classes]` with a 1 at `(i, indices[i])`.
    public static func oneHot(_ indices: [Int], classes: Int) -> Tensor {
        var t = Tensor.zeros([indices.count, classes])
        for (i, c) in indices.enumerated() {
            precondition(c >= 0 && c < classes, "Tensor.oneHot: class \(c) out of range 0..<\(classes)")
            t.scalars[i * classes + c] = 1
        }
        return t
    }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        func fmt(_ x: Double) -> String { x == x.rounded() && Swift.abs(x) < 1e15 ? String(Int(x)) : "\(x)" }
        if rank == 0 { return fmt(scalars[0]) }
        func render(_ dim: Int, _ base: Int) -> String {
            if dim == rank - 1 { return "[" + (0..<shape[dim]).map { fmt(scalars[base + $0]) }.joined(separator: ", ") + "]" }
            let st = strides[dim]
            return "[" + (0..<shape[dim]).map { render(dim + 1, base + $0 * st) }.joined(separator: ", ") + "]"
        }
        return render(0, 0)
    }
}

// MARK: - Approximate comparison

extension Tensor {
    /// Whether every pair of elements satisfies `|a - b| <= absoluteTolerance + relativeTolerance * |b|`
    /// (NumPy's `isclose` rule) and the shapes agree. Deliberately not `==`: floating-point results
    /// are compared with a tolerance, stated at the call site.
    public func isApproximatelyEqual(to other: Tensor, relativeTolerance: Double = 1e-12,
                                     absoluteTolerance: Double = 1e-12) -> Bool {
        guard shape == other.shape else { return false }
        for (a, b) in zip(scalars, other.scalars) {
            let bound = absoluteTolerance + relativeTolerance * Swift.abs(b)
            if !(Swift.abs(a - b) <= bound) { return false }
        }
        return true
    }

    /// The largest `|a - b|` over matching elements; shapes must agree.
    public func maxAbsoluteDifference(_ other: Tensor) -> Double {
        precondition(shape == other.shape, "maxAbsoluteDifference: shapes \(shape) and \(other.shape) differ")
        var m = 0.0
        for (a, b) in zip(scalars, other.scalars) { m = Swift.max(m, Swift.abs(a - b)) }
        return m
    }
}
