// The affine map of a fully connected layer as one op: fewer graph nodes and one pass less over
// the output than `matmul(x, W) + b`.

extension Tensor {
    /// `x W + b` for `x: [N, in]`, `W: [in, out]`, `b: [out]` (or no bias): the matrix kernel adds
    /// `b` to each tile of the product as it first writes it, so the bias costs no extra pass over
    /// the output and no broadcast.
    public static func linear(_ x: Tensor, weight: Tensor, bias: Tensor?) -> Tensor {
        precondition(x.rank == 2 && weight.rank == 2 && x.shape[1] == weight.shape[0],
                     "linear: needs x [N, in] and W [in, out], got shapes \(x.shape) and \(weight.shape)")
        let (n, k, m) = (x.shape[0], x.shape[1], weight.shape[1])
        guard let bias else { return matmul(x, weight) }
        precondition(bias.shape == [m], "linear: bias of shape \(bias.shape) for \(m) outputs; expected [\(m)]")
        if n == 0 || m == 0 || k == 0 { return Tensor.zeros([n, m]) + bias }      // an empty product: just b
        let out = [Double](unsafeUninitializedCapacity: n * m) { po, initialized in
            x.scalars.withUnsafeBufferPointer { px in
                weight.scalars.withUnsafeBufferPointer { pw in
                    bias.scalars.withUnsafeBufferPointer { pb in
                        Kernels.gemm(transA: false, transB: false, m: n, n: m, k: k, a: px.baseAddress!,
                                     b: pw.baseAddress!, c: po.baseAddress!, accumulate: false,
                                     bias: pb.baseAddress!)                       // [N, out] = x W + b
                    }
                }
            }
            initialized = n * m
        }
        return Tensor(shape: [n, m], scalars: out)
    }
}

extension Variable {
    /// The fully connected layer's map `y = x W + b`, as one op.
    ///
    /// ```
    /// y  = x W + b            x: [N, in], W: [in, out], b: [out], y: [N, out]
    /// dx = G W^T              dW = x^T G              db = sum over rows of G
    /// ```
    ///
    /// The same value and gradients as `matmul(x, W) + b`, with one node instead of two and the
    /// bias added inside the product's kernel. The rule is written with `matmul` and
    /// `sum(toShape:)`, so it can be differentiated again (gradient penalties), and it computes
    /// only the gradients that are wanted (not `dW` when differentiating with respect to `x`).
    public static func linear(_ x: Variable, weight: Variable, bias: Variable?) -> Variable {
        let out = Tensor.linear(x.value, weight: weight.value, bias: bias?.value)
        let inputs = bias.map { [x, weight, $0] } ?? [x, weight]
        return record(out, "linear", inputs, selective: { g, _, wanted in
            var grads: [Variable?] = [
                wanted[0] ? matmul(g, weight, transposeB: true) : nil,      // [N, in]
                wanted[1] ? matmul(x, g, transposeA: true) : nil,           // [in, out]
            ]
            if let bias { grads.append(wanted[2] ? g.sum(toShape: bias.shape) : nil) }  // [out]
            return grads
        })
    }
}
