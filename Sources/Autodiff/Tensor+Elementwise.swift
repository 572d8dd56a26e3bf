import Foundation

// Element-wise arithmetic with NumPy broadcasting, and the element-wise functions.
// These are the eager kernels; `Variable` builds its differentiable ops on top of them.

extension Tensor {
    /// The NumPy broadcast of two shapes: align at the trailing axis; each pair of sizes must be
    /// equal or one of them 1. Traps naming `op` and both shapes when they do not broadcast.
    public static func broadcastShape(_ a: [Int], _ b: [Int], op: String) -> [Int] {
        let r = Swift.max(a.count, b.count)
        var out = [Int](repeating: 1, count: r)
        for i in 0..<r {
            let da = i < r - a.count ? 1 : a[i - (r - a.count)]
            let db = i < r - b.count ? 1 : b[i - (r - b.count)]
            precondition(da == db || da == 1 || db == 1,
                         "\(op): shapes \(a) and \(b) cannot be broadcast together")
            out[i] = da == 1 ? db : da
        }
        return out
    }

    /// Strides that read a tensor of shape `shape` as if it had the (broadcast) shape `target`:
    /// 0 along every axis that is missing or of size 1.
    static func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
        let own = strides(of: shape)
        let pad = target.count - shape.count
        return (0..<target.count).map { i in
            i < pad || shape[i - pad] == 1 ? 0 : own[i - pad]
        }
    }

    /// `f` applied to each element.
    @inlinable
    public func map(_ f: (Double) -> Double) -> Tensor {
        var out = self
        out.scalars.withUnsafeMutableBufferPointer { p in
            for i in p.indices { p[i] = f(p[i]) }
        }
        return out
    }

    /// `f(a, b)` over the broadcast of `self` and `other`.
    @inlinable
    public func zipWith(_ other: Tensor, op: String = "zipWith", _ f: (Double, Double) -> Double) -> Tensor {
        // Fast paths: equal shapes, and one side a single element.
        if shape == other.shape {
            var out = self
            out.scalars.withUnsafeMutableBufferPointer { o in
                other.scalars.withUnsafeBufferPointer { b in
                    for i in o.indices { o[i] = f(o[i], b[i]) }
                }
            }
            return out
        }
        if other.count == 1 && other.rank <= rank {
            let b = other.scalars[0]
            return map { f($0, b) }
        }
        if count == 1 && rank <= other.rank {
            let a = scalars[0]
            return other.map { f(a, $0) }
        }
        return broadcastZip(other, op: op, f)
    }

    @usableFromInline
    func broadcastZip(_ other: Tensor, op: String, _ f: (Double, Double) -> Double) -> Tensor {
        let outShape = Tensor.broadcastShape(shape, other.shape, op: op)
        let n = outShape.reduce(1, *)
        var out = [Double](repeating: 0, count: n)
        if n == 0 { return Tensor(shape: outShape, scalars: out) }
        let sa = Tensor.broadcastStrides(shape, to: outShape)
        let sb = Tensor.broadcastStrides(other.shape, to: outShape)
        let r = outShape.count
        let inner = outShape[r - 1], ia = sa[r - 1], ib = sb[r - 1]
        var index = [Int](repeating: 0, count: r)
        scalars.withUnsafeBufferPointer { a in
            other.scalars.withUnsafeBufferPointer { b in
                out.withUnsafeMutableBufferPointer { o in
                    var oa = 0, ob = 0, k = 0
                    while k < n {
                        // One contiguous run along the last axis, then carry the multi-index.
                        for j in 0..<inner { o[k + j] = f(a[oa + j * ia], b[ob + j * ib]) }
                        k += inner
                        var d = r - 2
                        while d >= 0 {
                            index[d] += 1; oa += sa[d]; ob += sb[d]
                            if index[d] < outShape[d] { break }
                            oa -= sa[d] * outShape[d]; ob -= sb[d] * outShape[d]; index[d] = 0
                            d -= 1
                        }
                    }
                }
            }
        }
        return Tensor(shape: outShape, scalars: out)
    }

    /// This tensor repeated along broadcast axes to `target` (NumPy's `broadcast_to`, materialised).
    public func broadcast(to target: [Int]) -> Tensor {
        if shape == target { return self }
        let b = Tensor.broadcastShape(shape, target, op: "broadcast")
        precondition(b == target, "broadcast: shape \(shape) cannot be broadcast to \(target)")
        return Tensor.zeros(target).zipWith(self, op: "broadcast") { _, x in x }
    }

    public static func + (a: Tensor, b: Tensor) -> Tensor { a.zipWith(b, op: "add", +) }
    public static func - (a: Tensor, b: Tensor) -> Tensor { a.zipWith(b, op: "subtract", -) }
    public static func * (a: Tensor, b: Tensor) -> Tensor { a.zipWith(b, op: "multiply", *) }
    public static func / (a: Tensor, b: Tensor) -> Tensor { a.zipWith(b, op: "divide", /) }
    public static prefix func - (a: Tensor) -> Tensor { a.map { -$0 } }

    public static func + (a: Tensor, b: Double) -> Tensor { a.map { $0 + b } }
    public static func - (a: Tensor, b: Double) -> Tensor { a.map { $0 - b } }
    public static func * (a: Tensor, b: Double) -> Tensor { a.map { $0 * b } }
    public static func / (a: Tensor, b: Double) -> Tensor { a.map { $0 / b } }
    public static func + (a: Double, b: Tensor) -> Tensor { b.map { a + $0 } }
    public static func - (a: Double, b: Tensor) -> Tensor { b.map { a - $0 } }
    public static func * (a: Double, b: Tensor) -> Tensor { b.map { a * $0 } }
    public static func / (a: Double, b: Tensor) -> Tensor { b.map { a / $0 } }

    public static func += (a: inout Tensor, b: Tensor) { a = a + b }
    public static func -= (a: inout Tensor, b: Tensor) { a = a - b }
    public static func *= (a: inout Tensor, b: Double) { a = a * b }
}

// MARK: - Element-wise functions, in numerically stable forms where it matters

/// `log(1 + exp(x))` without overflow: `max(x, 0) + log1p(exp(-|x|))`.
@inlinable public func softplus(_ x: Double) -> Double { Swift.max(x, 0) + Foundation.log1p(Foundation.exp(-Swift.abs(x))) }
/// `1 / (1 + exp(-x))`, evaluated on the side where `exp` cannot overflow.
@inlinable public func sigmoid(_ x: Double) -> Double {
    if x >= 0 { return 1 / (1 + Foundation.exp(-x)) }
    let e = Foundation.exp(x)
    return e / (1 + e)
}

extension Tensor {
    public func exp() -> Tensor { map { Foundation.exp($0) } }
    public func log() -> Tensor { map { Foundation.log($0) } }
    public func sqrt() -> Tensor { map { $0.squareRoot() } }
    public func abs() -> Tensor { map { Swift.abs($0) } }
    public func square() -> Tensor { map { $0 * $0 } }
    public func pow(_ p: Double) -> Tensor { map { Foundation.pow($0, p) } }
    public func tanh() -> Tensor { map { Foundation.tanh($0) } }
    public func sigmoid() -> Tensor { map { Autodiff.sigmoid($0) } }
    public func softplus() -> Tensor { map { Autodiff.softplus($0) } }
    public func relu() -> Tensor { map { Swift.max($0, 0) } }
    /// +1, 0 or -1 by the sign of each element.
    public func sign() -> Tensor { map { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) } }
    /// 1 where the element is positive, else 0.
    public func positiveMask() -> Tensor { map { $0 > 0 ? 1 : 0 } }
    /// Element-wise maximum with a constant.
    public func clamped(min lo: Double = -.infinity, max hi: Double = .infinity) -> Tensor {
        map { Swift.min(Swift.max($0, lo), hi) }
    }
    /// Whether every element is finite (no NaN, no infinity).
    public var isFinite: Bool { scalars.allSatisfy { $0.isFinite } }
}
