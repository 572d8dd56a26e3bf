// Reductions over any set of axes, with or without keeping the reduced axes as size 1.

extension Tensor {
    /// Axes in `0..<rank`, sorted and unique; negative axes count from the end.
    func normalizedAxes(_ axes: [Int], op: String) -> [Int] {
        let r = Swift.max(rank, 1)
        let out = Set(axes.map { a -> Int in
            let b = a < 0 ? a + r : a
            precondition(b >= 0 && b < r, "\(op): axis \(a) out of range for shape \(shape)")
            return b
        })
        return out.sorted()
    }

    /// `combine` folded over one contiguous block of axes `lo...hi`, keeping them as size 1.
    /// Viewing the tensor as `[outer, mid, inner]` with `mid` the block, the result is `[outer, 1, inner]`.
    // Inlined into each caller so that `combine` is a known function and the loops vectorise.
    @inline(__always)
    private func reduceBlock(_ lo: Int, _ hi: Int, initial: Double,
                             _ combine: (Double, Double) -> Double) -> Tensor {
        let outer = shape[..<lo].reduce(1, *)
        let mid = shape[lo...hi].reduce(1, *)
        let inner = shape[(hi + 1)...].reduce(1, *)
        var outShape = shape
        for i in lo...hi { outShape[i] = 1 }
        var out = [Double](repeating: initial, count: outer * inner)
        scalars.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { o in
                var first = 0
                if inner == 1 {
                    // Contiguous runs (a bias gradient's sum over each image plane): one chain per
                    // output, four chains interleaved so that their latencies overlap. Each chain
                    // still folds its run in order from `initial`, so the bits are the same.
                    while first + 4 <= outer {
                        let r = x.baseAddress! + first * mid
                        var s0 = initial, s1 = initial, s2 = initial, s3 = initial
                        for m in 0..<mid {
                            s0 = combine(s0, r[m]); s1 = combine(s1, r[mid + m])
                            s2 = combine(s2, r[2 * mid + m]); s3 = combine(s3, r[3 * mid + m])
                        }
                        o[first] = s0; o[first + 1] = s1; o[first + 2] = s2; o[first + 3] = s3
                        first += 4
                    }
                }
                for a in first..<outer {
                    let ob = a * inner
                    // Eight outputs at a time (a batch norm's mean over the rows of [N, F]), each
                    // folded over `mid` in a register rather than through memory; the order of
                    // each output's chain is the one of the loop below, so the bits are the same.
                    var i0 = 0
                    while i0 + 8 <= inner {
                        var s = SIMD8<Double>(repeating: initial)
                        for m in 0..<mid {
                            let v = UnsafeRawPointer(x.baseAddress! + (a * mid + m) * inner + i0)
                                .loadUnaligned(as: SIMD8<Double>.self)
                            for l in 0..<8 { s[l] = combine(s[l], v[l]) }
                        }
                        for l in 0..<8 { o[ob + i0 + l] = s[l] }
                        i0 += 8
                    }
                    if i0 == inner { continue }
                    for m in 0..<mid {
                        let xb = (a * mid + m) * inner
                        for i in i0..<inner { o[ob + i] = combine(o[ob + i], x[xb + i]) }
                    }
                }
            }
        }
        return Tensor(shape: outShape, scalars: out)
    }

    /// Folds `combine` over `axes`. Adjacent axes are merged into one block; blocks are reduced
    /// from the last to the first, so the result is deterministic for a given shape and axes.
    @inline(__always)
    func reduce(alongAxes axes: [Int], keepingDims: Bool, initial: Double, op: String,
                _ combine: (Double, Double) -> Double) -> Tensor {
        if rank == 0 { return self }
        let ax = normalizedAxes(axes, op: op)
        var blocks: [(Int, Int)] = []
        for a in ax {
            if let last = blocks.last, last.1 == a - 1 { blocks[blocks.count - 1].1 = a } else { blocks.append((a, a)) }
        }
        var t = self
        for (lo, hi) in blocks.reversed() { t = t.reduceBlock(lo, hi, initial: initial, combine) }
        if keepingDims { return t }
        let kept = (0..<rank).filter { !ax.contains($0) }.map { shape[$0] }
        return Tensor(shape: kept, scalars: t.scalars)
    }

    /// Sum over `axes` (all axes when empty is not what you want: pass them, or use `sum()`).
    public func sum(alongAxes axes: [Int], keepingDims: Bool = false) -> Tensor {
        reduce(alongAxes: axes, keepingDims: keepingDims, initial: 0, op: "sum", +)
    }
    /// Sum of all elements, as a rank-0 tensor.
    public func sum() -> Tensor {
        var s = 0.0
        scalars.withUnsafeBufferPointer { for x in $0 { s += x } }
        return Tensor(s)
    }
    public func mean(alongAxes axes: [Int], keepingDims: Bool = false) -> Tensor {
        let n = normalizedAxes(axes, op: "mean").reduce(1) { $0 * shape[$1] }
        return sum(alongAxes: axes, keepingDims: keepingDims) / Double(n)
    }
    public func mean() -> Tensor { sum() / Double(Swift.max(count, 1)) }
    public func max(alongAxes axes: [Int], keepingDims: Bool = false) -> Tensor {
        reduce(alongAxes: axes, keepingDims: keepingDims, initial: -.infinity, op: "max") { Swift.max($0, $1) }
    }
    public func min(alongAxes axes: [Int], keepingDims: Bool = false) -> Tensor {
        reduce(alongAxes: axes, keepingDims: keepingDims, initial: .infinity, op: "min") { Swift.min($0, $1) }
    }
    /// Population variance (divide by n) over `axes`: `mean((x - mean(x))^2)`.
    public func variance(alongAxes axes: [Int], keepingDims: Bool = false) -> Tensor {
        let centred = self - mean(alongAxes: axes, keepingDims: true)
        return centred.square().mean(alongAxes: axes, keepingDims: keepingDims)
    }

    /// `sum_t sum_i t_i^2` over every element of `tensors`: what the trainers check is finite before
    /// an optimizer step (any NaN or infinity in a gradient makes it so). Summed in eight lanes
    /// that vectorise, so the order differs from a plain loop's; use it where finiteness is what
    /// counts, not the last bit.
    public static func squaredNorm(of tensors: [Tensor]) -> Double {
        var lanes = SIMD8<Double>(), tail = 0.0
        for t in tensors {
            t.scalars.withUnsafeBufferPointer { x in
                let whole = x.count / 8 * 8
                for i in stride(from: 0, to: whole, by: 8) {
                    let v = UnsafeRawPointer(x.baseAddress! + i).loadUnaligned(as: SIMD8<Double>.self)
                    lanes += v * v
                }
                for i in whole..<x.count { tail += x[i] * x[i] }
            }
        }
        return lanes.sum() + tail
    }

    /// The sum of this tensor over the axes along which `target` was broadcast to produce it,
    /// reshaped to `target`: the adjoint of `broadcast(to:)`.
    public func sum(toShape target: [Int]) -> Tensor {
        if shape == target { return self }
        let pad = rank - target.count
        precondition(pad >= 0, "sum(toShape:): cannot reduce shape \(shape) to larger rank \(target)")
        var axes = Array(0..<pad)
        for (i, d) in target.enumerated() {
            if d == 1 && shape[pad + i] != 1 { axes.append(pad + i) }
            else { precondition(d == shape[pad + i], "sum(toShape:): shape \(shape) does not broadcast from \(target)") }
        }
        let s = axes.isEmpty ? self : reduce(alongAxes: axes, keepingDims: true, initial: 0, op: "sum", +)
        return Tensor(shape: target, scalars: s.scalars)
    }
}
