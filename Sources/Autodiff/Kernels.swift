// The matrix-multiply kernels behind `matmul`, behind one small interface so that a faster kernel
// can replace the loop-ordered one and be tested against the readable reference.

/// Matrix-product kernels over raw row-major buffers.
///
/// `gemm` computes `C = op(A) op(B)` (or `C += ...` when `accumulate`), where `op(X)` is `X` or its
/// transpose. Shapes: `op(A)` is `[m, k]`, `op(B)` is `[k, n]`, `C` is `[m, n]`; stored `A` is
/// `[m, k]` or, transposed, `[k, m]`; likewise `B`.
enum Kernels {
    /// The readable definition, `C[i][j] = sum_p op(A)[i][p] op(B)[p][j]`: one multiply-add per
    /// innermost step. Kept as the reference that the fast kernel is tested against.
    static func referenceGemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
                              a: UnsafePointer<Double>, b: UnsafePointer<Double>,
                              c: UnsafeMutablePointer<Double>, accumulate: Bool) {
        for i in 0..<m {
            for j in 0..<n {
                var s = accumulate ? c[i * n + j] : 0
                for p in 0..<k {
                    let x = transA ? a[p * m + i] : a[i * k + p]
                    let y = transB ? b[j * k + p] : b[p * n + j]
                    s += x * y
                }
                c[i * n + j] = s
            }
        }
    }

    /// The kernel `matmul` uses: loop orders chosen so that the innermost loop walks contiguous
    /// memory in every transpose case (and so vectorises), no allocation inside.
    static func gemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
                     a: UnsafePointer<Double>, b: UnsafePointer<Double>,
                     c: UnsafeMutablePointer<Double>, accumulate: Bool) {
        if !accumulate { c.update(repeating: 0, count: m * n) }
        switch (transA, transB) {
        case (false, false):
            // C[i, :] += A[i, p] * B[p, :]
            for i in 0..<m {
                let ci = c + i * n
                for p in 0..<k {
                    let aip = a[i * k + p]
                    let bp = b + p * n
                    for j in 0..<n { ci[j] += aip * bp[j] }
                }
            }
        case (true, false):
            // A stored [k, m]: C[i, :] += A[p, i] * B[p, :], p outermost so both rows stream.
            for p in 0..<k {
                let bp = b + p * n
                for i in 0..<m {
                    let api = a[p * m + i]
                    let ci = c + i * n
                    for j in 0..<n { ci[j] += api * bp[j] }
                }
            }
        case (false, true):
            // B stored [n, k]: C[i, j] += dot(A[i, :], B[j, :]), both contiguous; four dots at a time.
            for i in 0..<m {
                let ai = a + i * k
                var j = 0
                while j + 4 <= n {
                    let b0 = b + j * k, b1 = b0 + k, b2 = b1 + k, b3 = b2 + k
                    var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
                    for p in 0..<k {
                        let x = ai[p]
                        s0 += x * b0[p]; s1 += x * b1[p]; s2 += x * b2[p]; s3 += x * b3[p]
                    }
                    c[i * n + j] += s0; c[i * n + j + 1] += s1; c[i * n + j + 2] += s2; c[i * n + j + 3] += s3
                    j += 4
                }
                while j < n {
                    let bj = b + j * k
                    var s = 0.0
                    for p in 0..<k { s += ai[p] * bj[p] }
                    c[i * n + j] += s
                    j += 1
                }
            }
        case (true, true):
            // Rare: C = A^T B^T = (B A)^T. Accumulate row by row of the transpose.
            for i in 0..<m {
                for j in 0..<n {
                    var s = 0.0
                    for p in 0..<k { s += a[p * m + i] * b[j * k + p] }
                    c[i * n + j] += s
                }
            }
        }
    }
}

extension Tensor {
    /// The matrix product `op(a) op(b)` of two rank-2 tensors, `op` being the transpose when asked.
    ///
    /// - Complexity: `2 m n k` floating-point operations.
    public static func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
        precondition(a.rank == 2 && b.rank == 2, "matmul: needs two rank-2 tensors, got shapes \(a.shape) and \(b.shape)")
        let (m, ka) = transposeA ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
        let (kb, n) = transposeB ? (b.shape[1], b.shape[0]) : (b.shape[0], b.shape[1])
        precondition(ka == kb, "matmul: inner dimensions differ: shapes \(a.shape)\(transposeA ? "^T" : "") and \(b.shape)\(transposeB ? "^T" : "")")
        var out = [Double](repeating: 0, count: m * n)
        a.scalars.withUnsafeBufferPointer { pa in
            b.scalars.withUnsafeBufferPointer { pb in
                out.withUnsafeMutableBufferPointer { pc in
                    guard let ca = pa.baseAddress, let cb = pb.baseAddress, let cc = pc.baseAddress else { return }
                    Kernels.gemm(transA: transposeA, transB: transposeB, m: m, n: n, k: ka,
                                 a: ca, b: cb, c: cc, accumulate: true)
                }
            }
        }
        return Tensor(shape: [m, n], scalars: out)
    }
}
