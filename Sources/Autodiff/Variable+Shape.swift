// Shape ops: each pullback is the inverse rearrangement.

extension Variable {
    public func reshaped(_ newShape: [Int]) -> Variable {
        let source = shape
        let out = value.reshaped(newShape)
        if out.shape == source { return self }
        return Variable.record(out, "reshape", [self]) { g, _ in [g.reshaped(source)] }
    }

    /// The axes reordered; the pullback applies the inverse permutation.
    public func permuted(_ permutation: [Int]) -> Variable {
        var inverse = permutation
        for (i, p) in permutation.enumerated() { inverse[p] = i }
        return Variable.record(value.permuted(permutation), "permute", [self]) { g, _ in [g.permuted(inverse)] }
    }
    /// The matrix transpose of a rank-2 variable.
    public func transposed() -> Variable { permuted([1, 0]) }

    /// Variables joined along `axis`; each input's gradient is its slice of the upstream gradient.
    public static func concatenate(_ parts: [Variable], alongAxis axis: Int) -> Variable {
        let sizes = parts.map { $0.shape[axis < 0 ? axis + $0.rank : axis] }
        let out = Tensor.concatenate(parts.map(\.value), alongAxis: axis)
        return record(out, "concatenate", parts) { g, _ in
            var start = 0
            return zip(parts, sizes).map { part, size in
                defer { start += size }
                return part.requiresGradient ? g.slice(alongAxis: axis, start..<(start + size)) : nil
            }
        }
    }

    /// Indices `range` along `axis`; the pullback pads the gradient with zeros back to full size.
    public func slice(alongAxis axis: Int, _ range: Range<Int>) -> Variable {
        let ax = axis < 0 ? axis + rank : axis
        let full = shape[ax]
        return Variable.record(value.slice(alongAxis: ax, range), "slice", [self]) { g, _ in
            var parts: [Variable] = []
            var padShape = g.shape
            if range.lowerBound > 0 { padShape[ax] = range.lowerBound; parts.append(Variable(.zeros(padShape))) }
            parts.append(g)
            if range.upperBound < full { padShape[ax] = full - range.upperBound; parts.append(Variable(.zeros(padShape))) }
            return [parts.count == 1 ? g : Variable.concatenate(parts, alongAxis: ax)]
        }
    }

    /// Rows (slices along axis 0) at `indices`, repeats allowed. The pullback adds each row's
    /// gradient back at its index: `scatterRows`, whose own pullback is `rows(at:)` again.
    public func rows(at indices: [Int]) -> Variable {
        let n = shape[0]
        return Variable.record(value.rows(at: indices), "rows", [self]) { g, _ in [g.scatterRows(indices, count: n)] }
    }

    /// A tensor of `count` rows, zero except that row `indices[i]` gets `self`'s row `i` added:
    /// the adjoint of `rows(at:)`.
    public func scatterRows(_ indices: [Int], count: Int) -> Variable {
        var outShape = shape
        outShape[0] = count
        let inner = shape.dropFirst().reduce(1, *)
        var out = Tensor.zeros(outShape)
        out.scalars.withUnsafeMutableBufferPointer { o in
            value.scalars.withUnsafeBufferPointer { x in
                for (i, r) in indices.enumerated() {
                    precondition(r >= 0 && r < count, "scatterRows: row \(r) out of range 0..<\(count)")
                    for j in 0..<inner { o[r * inner + j] += x[i * inner + j] }
                }
            }
        }
        return Variable.record(out, "scatter rows", [self]) { g, _ in [g.rows(at: indices)] }
    }

    /// For a `[N, C]` variable and one class index per row, the `[N]` entries `x[i, indices[i]]`:
    /// a one-hot mask and a row sum, so its derivative needs no rule of its own.
    public func gather(classIndices indices: [Int]) -> Variable {
        precondition(rank == 2 && indices.count == shape[0],
                     "gather(classIndices:): needs a [N, C] variable and N indices; got shape \(shape) and \(indices.count) indices")
        return (self * Tensor.oneHot(indices, classes: shape[1])).sum(alongAxes: [1])
    }
}

extension Variable {
    /// The matrix product `op(a) op(b)`, `op` the transpose when asked.
    ///
    /// With `C = op(A) op(B)` and upstream `G`, the input gradients are again matrix products of
    /// the stored matrices, so no transpose is ever materialised:
    ///
    /// ```
    /// dA = G op(B)^T        (stored transposed: dA = op(B) G^T)
    /// dB = op(A)^T G        (stored transposed: dB = G^T op(A))
    /// ```
    public static func matmul(_ a: Variable, _ b: Variable, transposeA: Bool = false, transposeB: Bool = false) -> Variable {
        let out = Tensor.matmul(a.value, b.value, transposeA: transposeA, transposeB: transposeB)
        return record(out, "matmul", [a, b], selective: { g, _, wanted in
            let da: Variable? = !wanted[0] ? nil
                : transposeA ? matmul(b, g, transposeA: transposeB, transposeB: true)
                : matmul(g, b, transposeA: false, transposeB: !transposeB)
            let db: Variable? = !wanted[1] ? nil
                : transposeB ? matmul(g, a, transposeA: true, transposeB: transposeA)
                : matmul(a, g, transposeA: !transposeA, transposeB: false)
            return [da, db]
        })
    }
}

/// `a . b` for rank-2 variables: the matrix product.
public func matmul(_ a: Variable, _ b: Variable) -> Variable { Variable.matmul(a, b) }
