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
