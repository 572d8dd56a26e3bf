// Reshaping, transposition, concatenation, slicing and row selection.

extension Tensor {
    /// The same scalars read with a new shape; one dimension may be -1 and is then inferred.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var s = newShape
        if let i = s.firstIndex(of: -1) {
            let known = s.enumerated().filter { $0.offset != i }.reduce(1) { $0 * $1.element }
            precondition(known > 0 && count % known == 0, "reshape: cannot reshape \(shape) to \(newShape)")
            s[i] = count / known
        }
        precondition(s.reduce(1, *) == count && s.allSatisfy { $0 >= 0 },
                     "reshape: cannot reshape \(shape) (\(count) scalars) to \(newShape)")
        return Tensor(shape: s, scalars: scalars)
    }

    /// The axes reordered: output axis `i` is input axis `permutation[i]`.
    public func permuted(_ permutation: [Int]) -> Tensor {
        precondition(permutation.sorted() == Array(0..<rank),
                     "permute: \(permutation) is not a permutation of the axes of shape \(shape)")
        if rank == 2 && permutation == [1, 0] { return transposed() }
        if rank > 2 && permutation == Array(0..<(rank - 2)) + [rank - 1, rank - 2] {
            return batchTransposed()
        }
        let outShape = permutation.map { shape[$0] }
        let inStrides = strides
        let readStrides = permutation.map { inStrides[$0] }
        var out = [Double](repeating: 0, count: count)
        var index = [Int](repeating: 0, count: rank)
        var src = 0
        for k in 0..<count {
            out[k] = scalars[src]
            var d = rank - 1
            while d >= 0 {
                index[d] += 1; src += readStrides[d]
                if index[d] < outShape[d] { break }
                src -= readStrides[d] * outShape[d]; index[d] = 0; d -= 1
            }
        }
        return Tensor(shape: outShape, scalars: out)
    }

    /// Each matrix of the last two axes transposed, `[..., m, n] -> [..., n, m]` (the permutation
    /// that swaps the last two axes, as blocked copies: a convolution's `[N, Ho Wo, Cout]` output
    /// becomes `[N, Cout, Ho Wo]` this way, and its gradient goes back the same way).
    func batchTransposed() -> Tensor {
        let (m, n) = (shape[rank - 2], shape[rank - 1])
        let matrices = m * n == 0 ? 0 : count / (m * n)
        var outShape = shape
        outShape.swapAt(rank - 2, rank - 1)
        let out = [Double](unsafeUninitializedCapacity: count) { o, initialized in
            scalars.withUnsafeBufferPointer { x in
                for b in 0..<matrices {
                    Tensor.transpose(x.baseAddress! + b * m * n, m: m, n: n, into: o.baseAddress! + b * m * n)
                }
            }
            initialized = count
        }
        return Tensor(shape: outShape, scalars: out)
    }

    /// `o[j m + i] = x[i n + j]`, blocked so that both reads and writes stay within cache lines.
    static func transpose(_ x: UnsafePointer<Double>, m: Int, n: Int, into o: UnsafeMutablePointer<Double>) {
        let b = 32
        for i0 in stride(from: 0, to: m, by: b) {
            for j0 in stride(from: 0, to: n, by: b) {
                for i in i0..<Swift.min(i0 + b, m) {
                    for j in j0..<Swift.min(j0 + b, n) { o[j * m + i] = x[i * n + j] }
                }
            }
        }
    }

    /// The matrix transpose of a rank-2 tensor.
    public func transposed() -> Tensor {
        precondition(rank == 2, "transpose: needs rank 2, got shape \(shape)")
        let (m, n) = (shape[0], shape[1])
        var out = [Double](repeating: 0, count: count)
        scalars.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { o in
                // Blocked so that both reads and writes stay within cache lines.
                let b = 32
                for i0 in stride(from: 0, to: m, by: b) {
                    for j0 in stride(from: 0, to: n, by: b) {
                        for i in i0..<Swift.min(i0 + b, m) {
                            for j in j0..<Swift.min(j0 + b, n) { o[j * m + i] = x[i * n + j] }
                        }
                    }
                }
            }
        }
        return Tensor(shape: [n, m], scalars: out)
    }

    /// Tensors joined along `axis`; all other dimensions must agree.
    public static func concatenate(_ parts: [Tensor], alongAxis axis: Int) -> Tensor {
        precondition(!parts.isEmpty, "concatenate: no tensors given")
        let first = parts[0]
        let ax = axis < 0 ? axis + first.rank : axis
        precondition(ax >= 0 && ax < first.rank, "concatenate: axis \(axis) out of range for shape \(first.shape)")
        for p in parts {
            precondition(p.rank == first.rank && (0..<first.rank).allSatisfy { $0 == ax || p.shape[$0] == first.shape[$0] },
                         "concatenate: shapes \(first.shape) and \(p.shape) differ off axis \(ax)")
        }
        let outer = first.shape[..<ax].reduce(1, *)
        let inner = first.shape[(ax + 1)...].reduce(1, *)
        var outShape = first.shape
        outShape[ax] = parts.reduce(0) { $0 + $1.shape[ax] }
        var out = [Double]()
        out.reserveCapacity(outShape.reduce(1, *))
        for o in 0..<outer {
            for p in parts {
                let run = p.shape[ax] * inner
                out.append(contentsOf: p.scalars[(o * run)..<((o + 1) * run)])
            }
        }
        return Tensor(shape: outShape, scalars: out)
    }

    /// The sub-tensor with indices `range` along `axis`.
    public func slice(alongAxis axis: Int, _ range: Range<Int>) -> Tensor {
        let ax = axis < 0 ? axis + rank : axis
        precondition(ax >= 0 && ax < rank, "slice: axis \(axis) out of range for shape \(shape)")
        precondition(range.lowerBound >= 0 && range.upperBound <= shape[ax],
                     "slice: range \(range) out of bounds for axis \(ax) of shape \(shape)")
        let outer = shape[..<ax].reduce(1, *)
        let inner = shape[(ax + 1)...].reduce(1, *)
        var outShape = shape
        outShape[ax] = range.count
        var out = [Double]()
        out.reserveCapacity(outShape.reduce(1, *))
        for o in 0..<outer {
            let base = o * shape[ax] * inner
            out.append(contentsOf: scalars[(base + range.lowerBound * inner)..<(base + range.upperBound * inner)])
        }
        return Tensor(shape: outShape, scalars: out)
    }

    /// The slices at `indices` along axis 0, in that order (repeats allowed): minibatch selection.
    public func rows(at indices: [Int]) -> Tensor {
        precondition(rank >= 1, "rows(at:): needs rank >= 1")
        let inner = shape[1...].reduce(1, *)
        var out = [Double]()
        out.reserveCapacity(indices.count * inner)
        for i in indices {
            precondition(i >= 0 && i < shape[0], "rows(at:): row \(i) out of range 0..<\(shape[0])")
            out.append(contentsOf: scalars[(i * inner)..<((i + 1) * inner)])
        }
        var s = shape
        s[0] = indices.count
        return Tensor(shape: s, scalars: out)
    }
}
