// Differentiable convolution and resampling. Only two pairs of primitives carry pullbacks, and
// each pair is mutually adjoint, so every order of derivative comes for free:
//
//   im2col            <->  col2im             (copy receptive fields out / add them back)
//   upsampledNearest  <->  sumPooled          (repeat into blocks / sum over blocks)
//
// A convolution is then `im2col`, a reshape and a `matmul`, each already differentiable, and
// average pooling is `sumPooled / factor^2`.

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

    /// The 2-D cross-correlation of a `[N, C, H, W]` image with `[Cout, C, kh, kw]` filters:
    ///
    /// ```
    /// y[n, o, oy, ox] = sum_{c, ky, kx} w[o, c, ky, kx] x[n, c, oy*stride - padding + ky, ox*stride - padding + kx]
    /// ```
    ///
    /// Built from `im2col`, `reshape`, `matmul` and `permute`, so its gradients with respect to
    /// both the image and the filters (and their own gradients) follow from those ops' rules:
    /// `dx = col2im(G W)` and `dW = G^T cols`, with `G` the upstream gradient as a matrix.
    ///
    /// - Returns: `[N, Cout, Ho, Wo]`, `Ho = (H + 2 padding - kh) / stride + 1`, likewise `Wo`.
    public static func convolution2D(_ input: Variable, _ filter: Variable, stride: Int = 1, padding: Int = 0) -> Variable {
        let g = Tensor.convolutionGeometry(input.shape, filter.shape, stride: stride, padding: padding)
        let (n, cout) = (input.shape[0], filter.shape[0])
        let (ho, wo) = g.outputSize(height: input.shape[2], width: input.shape[3])
        let columns = input.im2col(g)                                                 // [N Ho Wo, C kh kw]
        let w = filter.reshaped([cout, -1])                                           // [Cout, C kh kw]
        return matmul(columns, w, transposeB: true)                                   // [N Ho Wo, Cout]
            .reshaped([n, ho, wo, cout]).permuted([0, 3, 1, 2])                       // [N, Cout, Ho, Wo]
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
