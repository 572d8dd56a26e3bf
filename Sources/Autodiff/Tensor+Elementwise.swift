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
    @usableFromInline
    static func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
        let own = strides(of: shape)
        let pad = target.count - shape.count
        return (0..<target.count).map { i in
            i < pad || shape[i - pad] == 1 ? 0 : own[i - pad]
        }
    }

    /// `f` applied to each element.
    @inlinable @inline(__always)
    public func map(_ f: (Double) -> Double) -> Tensor {
        // Written straight into fresh storage: one pass, no copy of `self` first.
        let n = count
        let out = scalars.withUnsafeBufferPointer { x in
            [Double](unsafeUninitializedCapacity: n) { o, initialized in
                for i in 0..<n { o[i] = f(x[i]) }
                initialized = n
            }
        }
        return Tensor(shape: shape, scalars: out)
    }

    /// `f(a, b)` over the broadcast of `self` and `other`.
    @inlinable @inline(__always)
    public func zipWith(_ other: Tensor, op: String = "zipWith", _ f: (Double, Double) -> Double) -> Tensor {
        // Fast paths: equal shapes, and one side a single element.
        if shape == other.shape {
            let n = count
            let out = scalars.withUnsafeBufferPointer { a in
                other.scalars.withUnsafeBufferPointer { b in
                    [Double](unsafeUninitializedCapacity: n) { o, initialized in
                        for i in 0..<n { o[i] = f(a[i], b[i]) }
                        initialized = n
                    }
                }
            }
            return Tensor(shape: shape, scalars: out)
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

    /// The general case of `zipWith`. The broadcast is first simplified: size-1 axes of the
    /// output are dropped and neighbouring axes that both operands walk contiguously (or both
    /// repeat) are merged, so `[N, F] + [F]` becomes `N` rows of `F` and `[N, F] * [N, 1]` `N` rows
    /// of a repeated scalar. The innermost loop is then specialised on whether each side moves
    /// (stride 1) or repeats (stride 0), which lets it vectorise.
    @inlinable @inline(__always)
    func broadcastZip(_ other: Tensor, op: String, _ f: (Double, Double) -> Double) -> Tensor {
        let outShape = Tensor.broadcastShape(shape, other.shape, op: op)
        let n = outShape.reduce(1, *)
        if n == 0 { return Tensor(shape: outShape, scalars: []) }
        let plan = BroadcastPlan(outShape, Tensor.broadcastStrides(shape, to: outShape),
                                 Tensor.broadcastStrides(other.shape, to: outShape))
        let out = scalars.withUnsafeBufferPointer { pa in
            other.scalars.withUnsafeBufferPointer { pb in
                [Double](unsafeUninitializedCapacity: n) { po, initialized in
                    let a = pa.baseAddress!, b = pb.baseAddress!, o = po.baseAddress!
                    let inner = plan.inner
                    plan.forEachRun { k, oa, ob in
                        let ok = o + k, ak = a + oa, bk = b + ob
                        switch (plan.innerStrideA, plan.innerStrideB) {
                        case (1, 1): for j in 0..<inner { ok[j] = f(ak[j], bk[j]) }
                        case (1, 0): let y = bk[0]; for j in 0..<inner { ok[j] = f(ak[j], y) }
                        case (0, 1): let x = ak[0]; for j in 0..<inner { ok[j] = f(x, bk[j]) }
                        default: let v = f(ak[0], bk[0]); for j in 0..<inner { ok[j] = v }
                        }
                    }
                    initialized = n
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
        if count == 1 { return Tensor(repeating: scalars[0], shape: target) }
        let n = target.reduce(1, *)
        let plan = BroadcastPlan(target, [Int](repeating: 0, count: target.count), Tensor.broadcastStrides(shape, to: target))
        let out = scalars.withUnsafeBufferPointer { px in
            [Double](unsafeUninitializedCapacity: n) { po, initialized in
                let x = px.baseAddress!, o = po.baseAddress!, inner = plan.inner
                plan.forEachRun { k, _, ox in
                    if plan.innerStrideB == 1 { (o + k).update(from: x + ox, count: inner) }
                    else { (o + k).update(repeating: x[ox], count: inner) }
                }
                initialized = n
            }
        }
        return Tensor(shape: target, scalars: out)
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
    /// The IEEE square root of each element (`squareRootIEEE`: the bits of `squareRoot()`, in a
    /// loop the compiler vectorises).
    public func sqrt() -> Tensor { map { squareRootIEEE($0) } }
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

/// How to walk a broadcast of two operands to an output shape: runs of `inner` output elements,
/// along which each operand either moves (stride 1) or repeats one element (stride 0), at offsets
/// given by the outer axes.
///
/// Size-1 axes are dropped and neighbouring axes merged where both operands' strides allow, so
/// that the runs are as long as possible: `[N, F] + [F]` is `N` runs of `F` (`b` restarting at 0
/// in each), `[N, F] * [N, 1]` is `N` runs of `F` with `b` repeating, `[2, 3, 4] - [3, 1]` is 6
/// runs of 4.
@usableFromInline
struct BroadcastPlan {
    /// Sizes of the merged outer axes, and each operand's stride along them.
    @usableFromInline let outer: [Int], outerStridesA: [Int], outerStridesB: [Int]
    /// Length of one run, and each operand's stride along it (0 or 1).
    @usableFromInline let inner: Int, innerStrideA: Int, innerStrideB: Int

    /// - Parameters: the output shape and the two operands' strides read against it (0 along
    ///   broadcast axes), as `Tensor.broadcastStrides` gives them.
    @usableFromInline
    init(_ shape: [Int], _ stridesA: [Int], _ stridesB: [Int]) {
        var axes: [(size: Int, a: Int, b: Int)] = []
        for i in shape.indices where shape[i] != 1 {
            let axis = (size: shape[i], a: stridesA[i], b: stridesB[i])
            // Merge with the previous axis when stepping it equals stepping this one to its end.
            if let last = axes.last, last.a == axis.a * axis.size, last.b == axis.b * axis.size {
                axes[axes.count - 1] = (last.size * axis.size, axis.a, axis.b)
            } else {
                axes.append(axis)
            }
        }
        let innermost = axes.popLast() ?? (size: 1, a: 0, b: 0)
        precondition(innermost.a <= 1 && innermost.b <= 1, "BroadcastPlan: an innermost stride above 1")
        inner = innermost.size; innerStrideA = innermost.a; innerStrideB = innermost.b
        outer = axes.map(\.size); outerStridesA = axes.map(\.a); outerStridesB = axes.map(\.b)
    }

    /// Calls `body(k, oa, ob)` for each run, in output order: the run starts at output offset `k`,
    /// at offset `oa` in the first operand and `ob` in the second.
    @inlinable @inline(__always)
    func forEachRun(_ body: (_ k: Int, _ oa: Int, _ ob: Int) -> Void) {
        let r = outer.count
        let runs = outer.reduce(1, *)
        var index = [Int](repeating: 0, count: r)
        var oa = 0, ob = 0, k = 0
        for _ in 0..<runs {
            body(k, oa, ob)
            k += inner
            // Carry the multi-index of the outer axes, moving both operand offsets with it.
            var d = r - 1
            while d >= 0 {
                index[d] += 1; oa += outerStridesA[d]; ob += outerStridesB[d]
                if index[d] < outer[d] { break }
                oa -= outerStridesA[d] * outer[d]; ob -= outerStridesB[d] * outer[d]; index[d] = 0
                d -= 1
            }
        }
    }
}

/// The IEEE square root, correctly rounded, so the same bits as `Double.squareRoot()`, as LLVM's
/// intrinsic: on Linux `squareRoot()` goes through a C shim that keeps `errno` (a compare, a branch
/// and a scalar `sqrtsd` per element), which keeps loops over tensors from vectorising.
/// Adam's update (NeuralNet) uses it for the same reason.
@_silgen_name("llvm.sqrt.f64")
public func squareRootIEEE(_ x: Double) -> Double
