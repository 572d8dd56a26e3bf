// Differentiable convolution and resampling. Only three pairs of primitives carry pullbacks, and
// each pair is mutually adjoint, so every order of derivative comes for free:
//
//   im2col            <->  col2im             (copy receptive fields out / add them back;
//   im2colTransposed  <->  col2imTransposed    the same with one kernel entry per row)
//   upsampledNearest  <->  sumPooled          (repeat into blocks / sum over blocks)
//
// A convolution is then `im2colTransposed` (or `im2col`), a reshape and a `matmul`, each already
// differentiable, and average pooling is `sumPooled / factor^2`.

extension Variable {
    /// Every receptive field as a row (see `Tensor.im2col`); the pullback adds each row back
    /// where it came from (`col2im`).
    public func im2col(_ g: ConvolutionGeometry) -> Variable {
        let imageShape = shape
        return Variable.record(value.im2col(g), "im2col", [self]) { grad, _ in
            [grad.col2im(g, imageShape: imageShape)]
        }
    }

    /// The adjoint of `im2col` (see `Tensor.col2im`); its pullback is `im2col`.
    public func col2im(_ g: ConvolutionGeometry, imageShape: [Int]) -> Variable {
        Variable.record(value.col2im(g, imageShape: imageShape), "col2im", [self]) { grad, _ in
            [grad.im2col(g)]
        }
    }

    /// `im2col` transposed, `[C kh kw, N Ho Wo]` (see `Tensor.im2colTransposed`); the pullback
    /// adds each entry back where it came from (`col2imTransposed`).
    public func im2colTransposed(_ g: ConvolutionGeometry) -> Variable {
        let imageShape = shape
        return Variable.record(value.im2colTransposed(g), "im2col^T", [self]) { grad, _ in
            [grad.col2imTransposed(g, imageShape: imageShape)]
        }
    }

    /// The adjoint of `im2colTransposed` (see `Tensor.col2imTransposed`); its pullback is
    /// `im2colTransposed`.
    public func col2imTransposed(_ g: ConvolutionGeometry, imageShape: [Int]) -> Variable {
        Variable.record(value.col2imTransposed(g, imageShape: imageShape), "col2im^T", [self]) { grad, _ in
            [grad.im2colTransposed(g)]
        }
    }

    /// The 2-D cross-correlation of a `[N, C, H, W]` image with `[Cout, C, kh, kw]` filters:
    ///
    /// ```
    /// y[n, o, oy, ox] = sum_{c, ky, kx} w[o, c, ky, kx] x[n, c, oy*stride - padding + ky, ox*stride - padding + kx]
    /// ```
    ///
    /// Built from `im2colTransposed`, `reshape`, `matmul` and `permute`, so its gradients with
    /// respect to both the image and the filters (and their own gradients) follow from those ops'
    /// rules: `dx = col2im((G W)^T)` and `dW = G^T cols`, with `G` the upstream gradient as a
    /// matrix. The columns are built transposed (`[C kh kw, N Ho Wo]`) because that layout is
    /// copied in whole image-row stretches and read in place by the matrix kernel; every product
    /// sums over the same index in the same order as with `im2col`'s layout, so the values are
    /// the same bits either way. Products with a side of at most `Kernels.narrowLimit` (RGB
    /// layers) go to the narrow kernel, whose order of summation depends on the layout: those
    /// keep `im2col`'s rows.
    ///
    /// The rest is one node that computes these products a block of images at a time
    /// (`BlockedConvolution`, Kernels+BlockedConvolution.swift: the columns of a block stay in the
    /// level-2 cache), with the same bits as the composition (`composedConvolution2D`, tested);
    /// differentiated again (`createGraph`), its rule is the composition's, built from those ops.
    ///
    /// - Returns: `[N, Cout, Ho, Wo]`, `Ho = (H + 2 padding - kh) / stride + 1`, likewise `Wo`.
    public static func convolution2D(_ input: Variable, _ filter: Variable, stride: Int = 1, padding: Int = 0) -> Variable {
        let g = Tensor.convolutionGeometry(input.shape, filter.shape, stride: stride, padding: padding)
        let (n, cout) = (input.shape[0], filter.shape[0])
        let (ho, wo) = g.outputSize(height: input.shape[2], width: input.shape[3])
        let w = filter.reshaped([cout, -1])                                           // [Cout, C kh kw]
        if Swift.min(n * ho * wo, cout, w.shape[1]) <= Kernels.narrowLimit {
            // A side of at most 4 (an RGB layer): the narrow kernel's sums depend on which operand
            // is transposed, so these keep the row layout whose bits they always had.
            let rows = input.im2col(g)                                                // [N Ho Wo, C kh kw]
            return matmul(rows, w, transposeB: true)                                  // [N Ho Wo, Cout]
                .reshaped([n, ho, wo, cout]).permuted([0, 3, 1, 2])                   // [N, Cout, Ho, Wo]
        }
        if ho * wo <= Kernels.narrowLimit {
            // Images of at most 4 output pixels: a product over one image's pixels would take the
            // narrow kernel, whose order of summation differs, so the batch stays whole.
            return composedConvolution2D(input, filter, g)
        }
        let y = Tensor.blockedConvolution2D(input.value, w.value, g)                  // [N, Cout, Ho, Wo]
        return record(y, "conv2d", [input, filter], selective: { grad, _, wanted in
            if GradientMode.isRecording {
                // Differentiating again: the composition's own rule, built from differentiable ops.
                let gm = grad.reshaped([n, cout, ho * wo]).permuted([0, 2, 1])          // [N, Ho Wo, Cout]
                    .reshaped([n * ho * wo, cout])                                    // [N Ho Wo, Cout]
                return [wanted[0] ? matmul(w, gm, transposeA: true, transposeB: true)  // [C kh kw, N Ho Wo]
                            .col2imTransposed(g, imageShape: input.shape) : nil,
                        wanted[1] ? matmul(gm, input.im2colTransposed(g), transposeA: true, transposeB: true)
                            .reshaped(filter.shape) : nil]                            // [Cout, C, kh, kw]
            }
            let (dx, dW) = Tensor.blockedConvolutionGradients(grad.value, x: input.value, filter: w.value, g,
                                                              input: wanted[0], filter: wanted[1])
            return [dx.map { Variable($0) }, dW.map { Variable($0.reshaped(filter.shape)) }]
        })
    }

    /// `convolution2D` in the transposed-columns layout as the composition it stands for:
    /// `matmul(im2colTransposed(x), W, transposeA: true, transposeB: true)` permuted to
    /// `[N, Cout, Ho, Wo]`, every op recorded. The blocked node must give its bits (tested).
    static func composedConvolution2D(_ input: Variable, _ filter: Variable, _ g: ConvolutionGeometry) -> Variable {
        let (n, cout) = (input.shape[0], filter.shape[0])
        let (ho, wo) = g.outputSize(height: input.shape[2], width: input.shape[3])
        let columns = input.im2colTransposed(g)                                       // [C kh kw, N Ho Wo]
        return matmul(columns, filter.reshaped([cout, -1]), transposeA: true, transposeB: true)  // [N Ho Wo, Cout]
            .reshaped([n, ho * wo, cout]).permuted([0, 2, 1])                         // [N, Cout, Ho Wo]
            .reshaped([n, cout, ho, wo])                                              // [N, Cout, Ho, Wo]
    }

    /// Nearest-neighbour upsampling of the last two axes by `factor` (see
    /// `Tensor.upsampledNearest`); the pullback sums each block of the gradient (`sumPooled`).
    public func upsampledNearest(factor: Int) -> Variable {
        if factor == 1 { return self }
        return Variable.record(value.upsampledNearest(factor: factor), "upsample", [self]) { grad, _ in
            [grad.sumPooled(factor: factor)]
        }
    }

    /// The sum over `factor` by `factor` blocks of the last two axes (see `Tensor.sumPooled`);
    /// the pullback repeats the gradient into each block (`upsampledNearest`).
    public func sumPooled(factor: Int) -> Variable {
        if factor == 1 { return self }
        return Variable.record(value.sumPooled(factor: factor), "sum pool", [self]) { grad, _ in
            [grad.upsampledNearest(factor: factor)]
        }
    }

    /// Average pooling over `factor` by `factor` blocks of the last two axes (ProGAN's
    /// `downscale2d`): `sumPooled / factor^2`.
    public func averagePooled(factor: Int) -> Variable {
        factor == 1 ? self : sumPooled(factor: factor) / Double(factor * factor)
    }
}
