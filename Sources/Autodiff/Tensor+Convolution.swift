// 2-D convolution, nearest-neighbour upsampling and sum pooling on images laid out [N, C, H, W]:
// the eager kernels that `Variable+Convolution.swift` builds differentiable ops from.
//
// A convolution is written as `im2col` (copy every receptive field into a row) followed by one
// matrix product, so it is about as fast as `Tensor.matmul`; `convolution2D` builds the same
// matrix transposed (`im2colTransposed`, one kernel entry per row), which copies whole stretches
// of image rows. `referenceConvolution2D` is the readable seven-loop definition, and the walk
// `forEachWindowEntry` (`referenceIm2col`, `referenceCol2im`) the readable copy that the fast
// loops of `Kernels+Convolution.swift` are tested against bit for bit.

/// Where a 2-D window sweeps over an image: kernel size, stride and zero padding, the same in
/// both spatial directions except for the kernel, which may be rectangular.
///
/// The output size along an axis of input size `n` is `(n + 2 padding - kernel) / stride + 1`
/// (rounded down, as in PyTorch and TensorFlow's VALID padding after explicit zero padding):
/// windows that would run past the padded edge are not taken.
public struct ConvolutionGeometry: Sendable, Hashable, Codable {
    public var kernelHeight: Int
    public var kernelWidth: Int
    public var stride: Int
    public var padding: Int

    public init(kernelHeight: Int, kernelWidth: Int, stride: Int = 1, padding: Int = 0) {
        precondition(kernelHeight >= 1 && kernelWidth >= 1 && stride >= 1 && padding >= 0,
                     "ConvolutionGeometry: need kernel >= 1, stride >= 1, padding >= 0; got kernel \(kernelHeight)x\(kernelWidth), stride \(stride), padding \(padding)")
        self.kernelHeight = kernelHeight; self.kernelWidth = kernelWidth
        self.stride = stride; self.padding = padding
    }

    /// A square kernel.
    public init(kernel: Int, stride: Int = 1, padding: Int = 0) {
        self.init(kernelHeight: kernel, kernelWidth: kernel, stride: stride, padding: padding)
    }

    /// Output height and width for an input of `height` by `width`.
    public func outputSize(height: Int, width: Int) -> (height: Int, width: Int) {
        let h = height + 2 * padding - kernelHeight, w = width + 2 * padding - kernelWidth
        precondition(h >= 0 && w >= 0,
                     "convolution: a \(kernelHeight)x\(kernelWidth) kernel with padding \(padding) does not fit a \(height)x\(width) image")
        return (h / stride + 1, w / stride + 1)
    }
}

extension Tensor {
    /// Every receptive field of a `[N, C, H, W]` image as one row: the `[N Ho Wo, C kh kw]` matrix
    /// whose row `(n, oy, ox)` holds, at column `(c, ky, kx)`,
    ///
    /// ```
    /// x[n, c, oy*stride - padding + ky, ox*stride - padding + kx]    (0 outside the image)
    /// ```
    ///
    /// Rows run over `n`, then `oy`, then `ox`; columns over `c`, then `ky`, then `kx`, which is
    /// the row-major order of a filter `[Cout, C, kh, kw]` flattened to `[Cout, C kh kw]`.
    ///
    /// - Complexity: `N Ho Wo C kh kw` copies.
    public func im2col(_ g: ConvolutionGeometry) -> Tensor {
        precondition(rank == 4, "im2col: needs an image [N, C, H, W], got shape \(shape)")
        let (n, c, h, w) = (shape[0], shape[1], shape[2], shape[3])
        let (ho, wo) = g.outputSize(height: h, width: w)
        let total = n * ho * wo * c * g.kernelHeight * g.kernelWidth
        let out = [Double](unsafeUninitializedCapacity: total) { o, initialized in
            scalars.withUnsafeBufferPointer { x in
                guard let x = x.baseAddress, let o = o.baseAddress else { return }
                let pointers = ColumnPointers(x: x, o: o)
                Kernels.splitOverCPUs(n, work: total) { b in
                    Kernels.im2colRows(g, image: (n, c, h, w), batch: b..<(b + 1), x: pointers.x, o: pointers.o)
                }
            }
            initialized = total
        }
        return Tensor(shape: [n * ho * wo, c * g.kernelHeight * g.kernelWidth], scalars: out)
    }

    /// The adjoint of `im2col`: each entry of a `[N Ho Wo, C kh kw]` matrix is added back at the
    /// image position it was copied from, giving a `[N, C, H, W]` image (entries that came from
    /// the zero padding are dropped). Overlapping windows add up.
    ///
    /// - Parameter imageShape: `[N, C, H, W]` of the image `im2col` was applied to.
    public func col2im(_ g: ConvolutionGeometry, imageShape: [Int]) -> Tensor {
        precondition(imageShape.count == 4, "col2im: imageShape must be [N, C, H, W], got \(imageShape)")
        let (n, c, h, w) = (imageShape[0], imageShape[1], imageShape[2], imageShape[3])
        let (ho, wo) = g.outputSize(height: h, width: w)
        let columns = c * g.kernelHeight * g.kernelWidth
        precondition(shape == [n * ho * wo, columns],
                     "col2im: expected columns of shape \([n * ho * wo, columns]) for image \(imageShape), got \(shape)")
        var out = [Double](repeating: 0, count: n * c * h * w)
        scalars.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { o in
                guard let x = x.baseAddress, let o = o.baseAddress else { return }
                let pointers = ColumnPointers(x: x, o: o)
                Kernels.splitOverCPUs(n, work: count) { b in
                    Kernels.col2imRows(g, image: (n, c, h, w), batch: b..<(b + 1), x: pointers.x, o: pointers.o)
                }
            }
        }
        return Tensor(shape: imageShape, scalars: out)
    }

    /// `im2col` transposed: the `[C kh kw, N Ho Wo]` matrix whose row `(c, ky, kx)` holds, at
    /// column `(n, oy, ox)`, the same `x[n, c, oy*stride - padding + ky, ox*stride - padding + kx]`
    /// (0 outside the image). `convolution2D` uses this layout: each row is made of stretches of
    /// image rows, copied whole, and the matrix product reads it in place as a transposed operand.
    ///
    /// The fast loops are `Kernels.im2colTransposed`; the result equals `im2col(g).transposed()`
    /// bit for bit (ConvolutionTests). Split over the CPUs by channels when large.
    ///
    /// - Complexity: `N Ho Wo C kh kw` copies.
    public func im2colTransposed(_ g: ConvolutionGeometry) -> Tensor {
        precondition(rank == 4, "im2colTransposed: needs an image [N, C, H, W], got shape \(shape)")
        let image = (n: shape[0], c: shape[1], h: shape[2], w: shape[3])
        let (ho, wo) = g.outputSize(height: image.h, width: image.w)
        let (rows, columns) = (image.c * g.kernelHeight * g.kernelWidth, image.n * ho * wo)
        let out = [Double](unsafeUninitializedCapacity: rows * columns) { o, initialized in
            scalars.withUnsafeBufferPointer { x in
                guard let x = x.baseAddress, let o = o.baseAddress else { return }
                let pointers = ColumnPointers(x: x, o: o)
                Kernels.splitOverCPUs(image.c, work: rows * columns) { ch in
                    Kernels.im2colTransposed(g, image: image, channels: ch..<(ch + 1), x: pointers.x, o: pointers.o)
                }
            }
            initialized = rows * columns
        }
        return Tensor(shape: [rows, columns], scalars: out)
    }

    /// The adjoint of `im2colTransposed`: each entry of a `[C kh kw, N Ho Wo]` matrix is added
    /// back at the image position it was copied from, giving `[N, C, H, W]`. Each pixel sums its
    /// entries in the same order as `col2im` does, so the result equals
    /// `transposed().col2im(g, imageShape:)` bit for bit (ConvolutionTests). Split over the CPUs
    /// by image planes when large.
    public func col2imTransposed(_ g: ConvolutionGeometry, imageShape: [Int]) -> Tensor {
        precondition(imageShape.count == 4, "col2imTransposed: imageShape must be [N, C, H, W], got \(imageShape)")
        let image = (n: imageShape[0], c: imageShape[1], h: imageShape[2], w: imageShape[3])
        let (ho, wo) = g.outputSize(height: image.h, width: image.w)
        let rows = image.c * g.kernelHeight * g.kernelWidth
        precondition(shape == [rows, image.n * ho * wo],
                     "col2imTransposed: expected a matrix of shape \([rows, image.n * ho * wo]) for image \(imageShape), got \(shape)")
        var out = [Double](repeating: 0, count: imageShape.reduce(1, *))
        scalars.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { o in
                guard let x = x.baseAddress, let o = o.baseAddress else { return }
                let pointers = ColumnPointers(x: x, o: o)
                Kernels.splitOverCPUs(image.n * image.c, work: count) { plane in
                    Kernels.col2imTransposed(g, image: image, planes: plane..<(plane + 1), x: pointers.x, o: pointers.o)
                }
            }
        }
        return Tensor(shape: imageShape, scalars: out)
    }

    /// `im2col` by the readable walk `forEachWindowEntry`, one entry at a time: the reference the
    /// fast loops (`Kernels.im2colRows`) are tested against.
    func referenceIm2col(_ g: ConvolutionGeometry) -> Tensor {
        let (n, c, h, w) = (shape[0], shape[1], shape[2], shape[3])
        let (ho, wo) = g.outputSize(height: h, width: w)
        var out = [Double](repeating: 0, count: n * ho * wo * c * g.kernelHeight * g.kernelWidth)
        scalars.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { o in
                Tensor.forEachWindowEntry(g, imageShape: shape) { entry, pixel in o[entry] = x[pixel] }
            }
        }
        return Tensor(shape: [n * ho * wo, c * g.kernelHeight * g.kernelWidth], scalars: out)
    }

    /// `col2im` by the readable walk `forEachWindowEntry`: the reference for `Kernels.col2imRows`.
    func referenceCol2im(_ g: ConvolutionGeometry, imageShape: [Int]) -> Tensor {
        var out = [Double](repeating: 0, count: imageShape.reduce(1, *))
        scalars.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { o in
                Tensor.forEachWindowEntry(g, imageShape: imageShape) { entry, pixel in o[pixel] += x[entry] }
            }
        }
        return Tensor(shape: imageShape, scalars: out)
    }

    /// Calls `body(entry, pixel)` for every entry of the `im2col` matrix that comes from inside the
    /// image (padding entries are skipped): `entry` is its index in the `[N Ho Wo, C kh kw]` matrix,
    /// `pixel` the index in the `[N, C, H, W]` image it copies. `im2col` reads along this walk and
    /// `col2im` writes back along it, which is why the two are adjoint.
    @inline(__always)
    static func forEachWindowEntry(_ g: ConvolutionGeometry, imageShape: [Int], _ body: (_ entry: Int, _ pixel: Int) -> Void) {
        let (n, c, h, w) = (imageShape[0], imageShape[1], imageShape[2], imageShape[3])
        let (ho, wo) = g.outputSize(height: h, width: w)
        let (kh, kw, s, p) = (g.kernelHeight, g.kernelWidth, g.stride, g.padding)
        let columns = c * kh * kw
        for b in 0..<n {
            for oy in 0..<ho {
                for ox in 0..<wo {
                    let row = ((b * ho + oy) * wo + ox) * columns
                    for ch in 0..<c {
                        let plane = (b * c + ch) * h
                        for ky in 0..<kh {
                            let iy = oy * s - p + ky
                            if iy < 0 || iy >= h { continue }        // zero padding: the entries stay 0
                            let entry = row + (ch * kh + ky) * kw
                            let pixel = (plane + iy) * w
                            for kx in 0..<kw {
                                let ix = ox * s - p + kx
                                if ix >= 0 && ix < w { body(entry + kx, pixel + ix) }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The 2-D cross-correlation of a `[N, C, H, W]` image with `[Cout, C, kh, kw]` filters (what
    /// every deep-learning library calls a convolution), by `im2col` and one matrix product:
    ///
    /// ```
    /// y[n, o, oy, ox] = sum_{c, ky, kx} w[o, c, ky, kx] x[n, c, oy*stride - padding + ky, ox*stride - padding + kx]
    /// ```
    ///
    /// - Returns: `[N, Cout, Ho, Wo]`.
    /// - Complexity: `2 N Ho Wo Cout C kh kw` floating-point operations in the matrix product.
    public static func convolution2D(_ input: Tensor, _ filter: Tensor, stride: Int = 1, padding: Int = 0) -> Tensor {
        withoutGradients { Variable.convolution2D(Variable(input), Variable(filter), stride: stride, padding: padding).value }
    }

    /// The same cross-correlation as `convolution2D`, straight from its definition in seven
    /// nested loops: slow, and kept as the reference the fast path is tested against.
    public static func referenceConvolution2D(_ input: Tensor, _ filter: Tensor, stride: Int = 1, padding: Int = 0) -> Tensor {
        let g = convolutionGeometry(input.shape, filter.shape, stride: stride, padding: padding)
        let (n, c, h, w) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
        let (cout, kh, kw) = (filter.shape[0], filter.shape[2], filter.shape[3])
        let (ho, wo) = g.outputSize(height: h, width: w)
        var out = Tensor.zeros([n, cout, ho, wo])
        for b in 0..<n {
            for o in 0..<cout {
                for oy in 0..<ho {
                    for ox in 0..<wo {
                        var sum = 0.0
                        for ch in 0..<c {
                            for ky in 0..<kh {
                                for kx in 0..<kw {
                                    let iy = oy * stride - padding + ky, ix = ox * stride - padding + kx
                                    if iy >= 0 && iy < h && ix >= 0 && ix < w {
                                        sum += filter[o, ch, ky, kx] * input[b, ch, iy, ix]
                                    }
                                }
                            }
                        }
                        out[b, o, oy, ox] = sum
                    }
                }
            }
        }
        return out
    }

    /// Checks an image and filter pair and returns the geometry of their convolution.
    static func convolutionGeometry(_ input: [Int], _ filter: [Int], stride: Int, padding: Int) -> ConvolutionGeometry {
        precondition(input.count == 4 && filter.count == 4,
                     "convolution2D: needs an image [N, C, H, W] and filters [Cout, C, kh, kw], got shapes \(input) and \(filter)")
        precondition(input[1] == filter[1],
                     "convolution2D: the image has \(input[1]) channels but the filters expect \(filter[1]) (shapes \(input) and \(filter))")
        return ConvolutionGeometry(kernelHeight: filter[2], kernelWidth: filter[3], stride: stride, padding: padding)
    }
}

/// The source and destination of a column copy, shared by the threads that write disjoint parts
/// of the destination (hence `@unchecked Sendable`).
struct ColumnPointers: @unchecked Sendable {
    let x: UnsafePointer<Double>
    let o: UnsafeMutablePointer<Double>
}

// MARK: - Resampling over the last two axes

extension Tensor {
    /// Each pixel of the last two axes repeated into a `factor` by `factor` block (nearest-neighbour
    /// upsampling, ProGAN's `upscale2d`): `[..., H, W] -> [..., factor H, factor W]` with
    ///
    /// ```
    /// y[..., i, j] = x[..., i / factor, j / factor]      (integer division)
    /// ```
    public func upsampledNearest(factor f: Int) -> Tensor {
        precondition(rank >= 2 && f >= 1, "upsampledNearest: needs rank >= 2 and factor >= 1, got shape \(shape) and factor \(f)")
        if f == 1 { return self }
        let (h, w) = (shape[rank - 2], shape[rank - 1])
        let planes = count / Swift.max(h * w, 1)
        var outShape = shape
        outShape[rank - 2] = h * f; outShape[rank - 1] = w * f
        var out = [Double](repeating: 0, count: planes * h * w * f * f)
        scalars.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { o in
                for p in 0..<planes {
                    for i in 0..<(h * f) {
                        let src = (p * h + i / f) * w
                        let dst = (p * h * f + i) * w * f
                        for j in 0..<(w * f) { o[dst + j] = x[src + j / f] }
                    }
                }
            }
        }
        return Tensor(shape: outShape, scalars: out)
    }

    /// The sum over each `factor` by `factor` block of the last two axes, which must be divisible
    /// by `factor`: `[..., H, W] -> [..., H / factor, W / factor]` with
    ///
    /// ```
    /// y[..., i, j] = sum_{a, b < factor} x[..., i factor + a, j factor + b]
    /// ```
    ///
    /// The adjoint of `upsampledNearest`; divided by `factor^2` it is average pooling.
    public func sumPooled(factor f: Int) -> Tensor {
        precondition(rank >= 2 && f >= 1, "sumPooled: needs rank >= 2 and factor >= 1, got shape \(shape) and factor \(f)")
        if f == 1 { return self }
        let (h, w) = (shape[rank - 2], shape[rank - 1])
        precondition(h % f == 0 && w % f == 0, "sumPooled: a \(h)x\(w) image does not split into \(f)x\(f) blocks")
        let planes = count / Swift.max(h * w, 1)
        let (ho, wo) = (h / f, w / f)
        var outShape = shape
        outShape[rank - 2] = ho; outShape[rank - 1] = wo
        var out = [Double](repeating: 0, count: planes * ho * wo)
        scalars.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { o in
                for p in 0..<planes {
                    for i in 0..<h {
                        let src = (p * h + i) * w
                        let dst = (p * ho + i / f) * wo
                        for j in 0..<w { o[dst + j / f] += x[src + j] }
                    }
                }
            }
        }
        return Tensor(shape: outShape, scalars: out)
    }

    /// The mean over each `factor` by `factor` block of the last two axes (ProGAN's `downscale2d`,
    /// a box filter).
    public func averagePooled(factor f: Int) -> Tensor { sumPooled(factor: f) / Double(f * f) }
}
