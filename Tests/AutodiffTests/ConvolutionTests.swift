import Testing
@testable import Autodiff

/// A random convolution problem at odd sizes: batch 1-2, 1-3 channels in and out, images 3-7 on a
/// side, kernels 1-3 (not always square), stride 1-2, padding 0-1.
struct RandomConvolution: CustomStringConvertible {
    var input: Tensor      // [N, C, H, W]
    var filter: Tensor     // [Cout, C, kh, kw]
    var stride: Int, padding: Int
    var description: String { "input \(input.shape), filter \(filter.shape), stride \(stride), padding \(padding)" }

    init(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        func draw(_ r: ClosedRange<Int>) -> Int { r.lowerBound + rng.nextInt(below: r.count) }
        let (n, c, cout) = (draw(1...2), draw(1...3), draw(1...3))
        let (kh, kw) = (draw(1...3), draw(1...3))
        let (h, w) = (draw(kh...7), draw(kw...7))
        stride = draw(1...2); padding = draw(0...1)
        input = Tensor.randomNormal([n, c, h, w], using: &rng)
        filter = Tensor.randomNormal([cout, c, kh, kw], using: &rng)
    }
}

@Suite("2-D convolution, upsampling and pooling")
struct ConvolutionTests {
    @Test("im2col + matmul equals the seven-loop definition at odd sizes, strides and paddings", arguments: 0..<30)
    func fastMatchesReference(seed: UInt64) {
        let p = RandomConvolution(seed: seed)
        let fast = Tensor.convolution2D(p.input, p.filter, stride: p.stride, padding: p.padding)
        let slow = Tensor.referenceConvolution2D(p.input, p.filter, stride: p.stride, padding: p.padding)
        #expect(fast.isApproximatelyEqual(to: slow, relativeTolerance: 1e-12, absoluteTolerance: 1e-12), "seed \(seed): \(p)")
    }

    @Test("the output size is (n + 2p - k) / s + 1, rounded down")
    func outputSize() {
        let g = ConvolutionGeometry(kernelHeight: 3, kernelWidth: 2, stride: 2, padding: 1)
        // (7 + 2 - 3) / 2 + 1 = 4; (6 + 2 - 2) / 2 + 1 = 4; (8 + 2 - 3) / 2 + 1 = 4 (7/2 rounds down).
        #expect(g.outputSize(height: 7, width: 6) == (4, 4))
        #expect(g.outputSize(height: 8, width: 5) == (4, 3))
        let y = Tensor.convolution2D(.zeros([2, 1, 7, 6]), .zeros([5, 1, 3, 2]), stride: 2, padding: 1)
        #expect(y.shape == [2, 5, 4, 4])
    }

    @Test("a 3x3 box of ones with padding 1 counts the neighbours inside the image: 4 at corners, 6 on edges, 9 inside")
    func boxFilterCountsNeighbours() {
        let y = Tensor.convolution2D(.ones([1, 1, 4, 5]), .ones([1, 1, 3, 3]), padding: 1)
        let expected: [[Double]] = [[4, 6, 6, 6, 4], [6, 9, 9, 9, 6], [6, 9, 9, 9, 6], [4, 6, 6, 6, 4]]
        #expect(y.reshaped([4, 5]).rows == expected)
    }

    @Test("a 1x1 convolution is a matrix product over channels at every pixel", arguments: 0..<5)
    func oneByOneIsChannelMixing(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let x = Tensor.randomNormal([2, 3, 4, 5], using: &rng)
        let w = Tensor.randomNormal([2, 3, 1, 1], using: &rng)
        let y = Tensor.convolution2D(x, w)
        for (n, o, i, j) in [(0, 0, 0, 0), (1, 1, 3, 4), (0, 1, 2, 1), (1, 0, 1, 3)] {
            let direct = (0..<3).reduce(0.0) { $0 + w[o, $1, 0, 0] * x[n, $1, i, j] }
            #expect(Swift.abs(y[n, o, i, j] - direct) < 1e-12, "seed \(seed) at \((n, o, i, j))")
        }
    }

    @Test("col2im is the adjoint of im2col: <im2col(x), y> = <x, col2im(y)>", arguments: 0..<20)
    func im2colAdjoint(seed: UInt64) {
        let p = RandomConvolution(seed: seed)
        var rng = SeededGenerator(seed: seed &+ 99)
        let g = ConvolutionGeometry(kernelHeight: p.filter.shape[2], kernelWidth: p.filter.shape[3],
                                    stride: p.stride, padding: p.padding)
        let cols = p.input.im2col(g)
        let y = Tensor.randomNormal(cols.shape, using: &rng)
        let lhs = (cols * y).sum().scalar
        let rhs = (p.input * y.col2im(g, imageShape: p.input.shape)).sum().scalar
        #expect(Swift.abs(lhs - rhs) <= 1e-12 * Swift.max(1, Swift.abs(lhs)), "seed \(seed): \(p)")
    }

    @Test("sum pooling is the adjoint of nearest upsampling, and average pooling undoes upsampling", arguments: 0..<20)
    func resamplingAdjoint(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let f = 2 + rng.nextInt(below: 2)
        let x = Tensor.randomNormal([2, 3, 1 + rng.nextInt(below: 4), 1 + rng.nextInt(below: 4)], using: &rng)
        let up = x.upsampledNearest(factor: f)
        let y = Tensor.randomNormal(up.shape, using: &rng)
        let lhs = (up * y).sum().scalar, rhs = (x * y.sumPooled(factor: f)).sum().scalar
        #expect(Swift.abs(lhs - rhs) <= 1e-12 * Swift.max(1, Swift.abs(lhs)), "seed \(seed)")
        #expect(up.averagePooled(factor: f).isApproximatelyEqual(to: x), "seed \(seed)")
    }

    @Test("upsampling repeats each pixel into a block; average pooling takes block means")
    func resamplingKnownValues() {
        let x = Tensor(shape: [1, 1, 2, 2], scalars: [1, 2, 3, 4])
        #expect(x.upsampledNearest(factor: 2).reshaped([4, 4]).rows == [[1, 1, 2, 2], [1, 1, 2, 2], [3, 3, 4, 4], [3, 3, 4, 4]])
        let y = Tensor(shape: [1, 1, 2, 4], scalars: [1, 2, 3, 4, 5, 6, 7, 8])
        #expect(y.averagePooled(factor: 2).scalars == [3.5, 5.5])
        #expect(y.sumPooled(factor: 2).scalars == [14, 22])
    }

    @Test("conv2d gradients agree with central differences at random geometries", arguments: 0..<20)
    func convolutionGradient(seed: UInt64) {
        let p = RandomConvolution(seed: seed)
        var rng = SeededGenerator(seed: seed &+ 7)
        let outShape = Tensor.convolution2D(p.input, p.filter, stride: p.stride, padding: p.padding).shape
        let w = Tensor.randomNormal(outShape, using: &rng)
        let result = GradientCheck.check({ v in
            (Variable.convolution2D(v[0], v[1], stride: p.stride, padding: p.padding) * w).sum()
        }, at: [p.input, p.filter])
        #expect(result.passes(tolerance: 1e-6), "seed \(seed): \(p): \(result)")
    }

    @Test("conv2d's backward pass is itself differentiable (Hessian-vector products)", arguments: 0..<10)
    func convolutionSecondOrder(seed: UInt64) {
        let p = RandomConvolution(seed: seed)
        var rng = SeededGenerator(seed: seed &+ 7)
        let outShape = Tensor.convolution2D(p.input, p.filter, stride: p.stride, padding: p.padding).shape
        let w = Tensor.randomNormal(outShape, using: &rng)
        // A gradient-penalty shape: the squared input gradient of a smooth function of the convolution.
        let result = GradientCheck.checkSecondOrder({ v in
            (Variable.convolution2D(v[0], v[1], stride: p.stride, padding: p.padding).tanh() * w).sum()
        }, at: [p.input, p.filter], seed: seed)
        #expect(result.passes(tolerance: 1e-6), "seed \(seed): \(p): \(result)")
    }
}

/// A random image and geometry for the column copies: batch 1-3, 1-4 channels, kernels 1-3 (not
/// always square), stride 1-2, padding 0-2 (so a kernel entry may see only padding), images from
/// the smallest that fits up to 9 on a side.
struct RandomColumnsCase: CustomStringConvertible {
    var image: Tensor                 // [N, C, H, W]
    var geometry: ConvolutionGeometry
    var description: String { "image \(image.shape), \(geometry)" }

    init(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        func draw(_ r: ClosedRange<Int>) -> Int { r.lowerBound + rng.nextInt(below: r.count) }
        let (n, c, kh, kw) = (draw(1...3), draw(1...4), draw(1...3), draw(1...3))
        let (stride, padding) = (draw(1...2), draw(0...2))
        let (h, w) = (draw(Swift.max(1, kh - 2 * padding)...9), draw(Swift.max(1, kw - 2 * padding)...9))
        geometry = ConvolutionGeometry(kernelHeight: kh, kernelWidth: kw, stride: stride, padding: padding)
        image = Tensor.randomNormal([n, c, h, w], using: &rng)
    }
}

/// The columns matrix `[C kh kw, N Ho Wo]` straight from its definition, one entry at a time
/// (plain arrays: a tensor's subscript setter copies its storage in a debug build).
private func straightIm2colTransposed(_ x: Tensor, _ g: ConvolutionGeometry) -> Tensor {
    let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let (ho, wo) = g.outputSize(height: h, width: w)
    let (kh, kw, s, p) = (g.kernelHeight, g.kernelWidth, g.stride, g.padding)
    let (rows, columns) = (c * kh * kw, n * ho * wo)
    let image = x.scalars
    var out = [Double](repeating: 0, count: rows * columns)
    for b in 0..<n { for oy in 0..<ho { for ox in 0..<wo { for ch in 0..<c {
        for ky in 0..<kh { for kx in 0..<kw {
            let iy = oy * s - p + ky, ix = ox * s - p + kx
            if iy >= 0 && iy < h && ix >= 0 && ix < w {
                out[((ch * kh + ky) * kw + kx) * columns + (b * ho + oy) * wo + ox] = image[((b * c + ch) * h + iy) * w + ix]
            }
        } }
    } } } }
    return Tensor(shape: [rows, columns], scalars: out)
}

/// Its adjoint straight from the definition: entries added to their pixels in the order of the
/// rows of `im2col` (`b, oy, ox`, then `ch, ky, kx`), the order whose bits the fast loops keep.
private func straightCol2imTransposed(_ m: Tensor, _ g: ConvolutionGeometry, imageShape: [Int]) -> Tensor {
    let (n, c, h, w) = (imageShape[0], imageShape[1], imageShape[2], imageShape[3])
    let (ho, wo) = g.outputSize(height: h, width: w)
    let (kh, kw, s, p) = (g.kernelHeight, g.kernelWidth, g.stride, g.padding)
    let columns = n * ho * wo
    let entries = m.scalars
    var out = [Double](repeating: 0, count: n * c * h * w)
    for b in 0..<n { for oy in 0..<ho { for ox in 0..<wo { for ch in 0..<c {
        for ky in 0..<kh { for kx in 0..<kw {
            let iy = oy * s - p + ky, ix = ox * s - p + kx
            if iy >= 0 && iy < h && ix >= 0 && ix < w {
                out[((b * c + ch) * h + iy) * w + ix] += entries[((ch * kh + ky) * kw + kx) * columns + (b * ho + oy) * wo + ox]
            }
        } }
    } } } }
    return Tensor(shape: imageShape, scalars: out)
}

@Suite("the transposed column copies behind conv2d, bit for bit")
struct ConvolutionColumnsTests {
    @Test("im2colTransposed equals the definition and im2col transposed, bit for bit", arguments: 0..<200)
    func im2colTransposedMatchesDefinition(seed: UInt64) {
        let p = RandomColumnsCase(seed: seed)
        let fast = p.image.im2colTransposed(p.geometry)
        #expect(fast.shape == straightIm2colTransposed(p.image, p.geometry).shape, "seed \(seed): \(p)")
        #expect(fast.scalars == straightIm2colTransposed(p.image, p.geometry).scalars, "seed \(seed): \(p)")
        #expect(fast.scalars == p.image.referenceIm2col(p.geometry).transposed().scalars, "seed \(seed): \(p)")
    }

    @Test("im2col's row loops equal the readable walk and the definition, bit for bit", arguments: 0..<200)
    func im2colRowsMatchWalk(seed: UInt64) {
        let p = RandomColumnsCase(seed: seed)
        let fast = p.image.im2col(p.geometry)
        #expect(fast.scalars == p.image.referenceIm2col(p.geometry).scalars, "seed \(seed): \(p)")
        #expect(fast.transposed().scalars == straightIm2colTransposed(p.image, p.geometry).scalars, "seed \(seed): \(p)")
    }

    @Test("col2im's row loops add in the readable walk's order, bit for bit", arguments: 0..<200)
    func col2imRowsMatchWalk(seed: UInt64) {
        let p = RandomColumnsCase(seed: seed)
        var rng = SeededGenerator(seed: seed &+ 3000)
        let m = Tensor.randomNormal(p.image.im2col(p.geometry).shape, using: &rng)
        let fast = m.col2im(p.geometry, imageShape: p.image.shape)
        #expect(fast.scalars == m.referenceCol2im(p.geometry, imageShape: p.image.shape).scalars, "seed \(seed): \(p)")
        #expect(fast.scalars == straightCol2imTransposed(m.transposed(), p.geometry, imageShape: p.image.shape).scalars,
                "seed \(seed): \(p)")
    }

    @Test("col2imTransposed adds in the definition's order, bit for bit, and equals col2im", arguments: 0..<200)
    func col2imTransposedMatchesDefinition(seed: UInt64) {
        let p = RandomColumnsCase(seed: seed)
        var rng = SeededGenerator(seed: seed &+ 1000)
        let shape = p.image.im2colTransposed(p.geometry).shape
        let m = Tensor.randomNormal(shape, using: &rng)
        let fast = m.col2imTransposed(p.geometry, imageShape: p.image.shape)
        #expect(fast.scalars == straightCol2imTransposed(m, p.geometry, imageShape: p.image.shape).scalars, "seed \(seed): \(p)")
        #expect(fast.scalars == m.transposed().referenceCol2im(p.geometry, imageShape: p.image.shape).scalars, "seed \(seed): \(p)")
    }

    @Test("large enough to be split over the CPUs, the copies still match the definition", arguments: 0..<2)
    func splitCopiesMatch(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let g = ConvolutionGeometry(kernel: 3, stride: 1 + Int(seed), padding: 1)
        let x = Tensor.randomNormal([4, 8, 33, 31], using: &rng)          // 8 * 9 * 4 * 33 * 31 entries
        let cols = x.im2colTransposed(g)
        #expect(cols.count >= Kernels.columnsParallelThreshold || seed > 0, "seed \(seed): too small to split")
        #expect(cols.scalars == straightIm2colTransposed(x, g).scalars, "seed \(seed)")
        let m = Tensor.randomNormal(cols.shape, using: &rng)
        #expect(m.col2imTransposed(g, imageShape: x.shape).scalars
                == straightCol2imTransposed(m, g, imageShape: x.shape).scalars, "seed \(seed)")
        #expect(x.im2col(g).scalars == x.referenceIm2col(g).scalars, "seed \(seed)")
        let rows = m.transposed()
        #expect(rows.col2im(g, imageShape: x.shape).scalars == rows.referenceCol2im(g, imageShape: x.shape).scalars, "seed \(seed)")
    }

    @Test("conv2d gives the bits of the row layout (im2col by the walk, matmul with W^T, a permute), narrow or not", arguments: 0..<150)
    func convolutionMatchesRowLayout(seed: UInt64) {
        let p = RandomColumnsCase(seed: seed)
        var rng = SeededGenerator(seed: seed &+ 2000)
        let cout = 1 + rng.nextInt(below: 20)                                // 1-4 take the narrow kernel
        let (kh, kw) = (p.geometry.kernelHeight, p.geometry.kernelWidth)
        let filter = Tensor.randomNormal([cout, p.image.shape[1], kh, kw], using: &rng)
        let (ho, wo) = p.geometry.outputSize(height: p.image.shape[2], width: p.image.shape[3])
        let rows = Tensor.matmul(p.image.referenceIm2col(p.geometry), filter.reshaped([cout, -1]), transposeB: true)
            .reshaped([p.image.shape[0], ho, wo, cout]).permuted([0, 3, 1, 2])   // [N, Cout, Ho, Wo]
        let fast = Tensor.convolution2D(p.image, filter, stride: p.geometry.stride, padding: p.geometry.padding)
        #expect(fast.shape == rows.shape, "seed \(seed): \(p), Cout \(cout)")
        #expect(fast.scalars == rows.scalars, "seed \(seed): \(p), Cout \(cout)")
    }

    @Test("swapping the last two axes (the batch transpose) matches the permute's definition", arguments: 0..<40)
    func fastPermutesMatch(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let shape = (0..<(3 + rng.nextInt(below: 2))).map { _ in 1 + rng.nextInt(below: 12) }
        let x = Tensor.randomNormal(shape, using: &rng)
        let r = shape.count
        let swapLast = Array(0..<(r - 2)) + [r - 1, r - 2]
        #expect(x.permuted(swapLast).scalars == elementwisePermute(x, swapLast).scalars, "seed \(seed): \(shape)")
    }
}

/// `permuted` by its definition: output element at index `i` is input element at `i` permuted back.
private func elementwisePermute(_ x: Tensor, _ permutation: [Int]) -> Tensor {
    let outShape = permutation.map { x.shape[$0] }
    var out = [Double](repeating: 0, count: x.count)
    let outStrides = outShape.indices.map { outShape[($0 + 1)...].reduce(1, *) }
    for k in 0..<x.count {
        var inIndex = [Int](repeating: 0, count: x.rank)
        for (d, axis) in permutation.enumerated() { inIndex[axis] = k / outStrides[d] % outShape[d] }
        let src = inIndex.indices.reduce(0) { $0 + inIndex[$1] * x.shape[($1 + 1)...].reduce(1, *) }
        out[k] = x.scalars[src]
    }
    return Tensor(shape: outShape, scalars: out)
}
