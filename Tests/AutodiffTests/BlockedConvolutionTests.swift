import Testing
@testable import Autodiff

/// A convolution that takes the blocked path (every side of its product above
/// `Kernels.narrowLimit`), at sizes where the blocks matter: images of 4 x 4 (16 to a block),
/// 8 x 8 (4 to a block), 16 x 16 (one) or odd sizes (the whole batch one block), batches that end
/// in a partial block, output channels that leave a partial row band, depths above 256 (more than
/// one depth block in the forward product), strides 1-2, paddings 0-2; every eighth case large
/// enough to be split over the CPUs.
struct RandomBlockedConvolution: CustomStringConvertible {
    var input: Tensor                 // [N, C, H, W]
    var filter: Tensor                // [Cout, C, kh, kw]
    var upstream: Tensor              // [N, Cout, Ho, Wo]
    var geometry: ConvolutionGeometry
    var description: String { "input \(input.shape), filter \(filter.shape), \(geometry)" }

    init(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        repeat { self = Self(drawingFrom: &rng, large: seed % 8 == 7) } while !isBlocked      // redraw the rare narrow case
    }

    private init(drawingFrom rng: inout SeededGenerator, large: Bool) {
        func draw(_ r: ClosedRange<Int>) -> Int { r.lowerBound + rng.nextInt(below: r.count) }
        let side = [4, 8, 16, draw(5...11)][draw(0...3)]
        let (kh, kw) = (draw(1...3), draw(1...3))
        let (stride, padding) = side == 16 || large ? (1, Swift.min(kh, kw) / 2) : (draw(1...2), draw(0...2))
        geometry = ConvolutionGeometry(kernelHeight: kh, kernelWidth: kw, stride: stride, padding: padding)
        let n = large ? draw(8...12) : [draw(1...3), draw(5...40)][draw(0...1)]
        let c = large ? 16 : (draw(0...5) == 0 ? draw(29...34) : draw(2...9))
        let cout = large ? 16 : draw(5...20)
        input = Tensor.randomNormal([n, c, side, side], using: &rng)
        filter = Tensor.randomNormal([cout, c, kh, kw], using: &rng)
        let (ho, wo) = geometry.outputSize(height: side, width: side)
        upstream = Tensor.randomNormal([n, cout, ho, wo], using: &rng)
    }

    /// Whether `Variable.convolution2D` takes the blocked path for this case (more than 4 output
    /// pixels, channels and depth).
    var isBlocked: Bool {
        let (ho, wo) = geometry.outputSize(height: input.shape[2], width: input.shape[3])
        return Swift.min(ho * wo, filter.shape[0], filter.count / filter.shape[0]) > Kernels.narrowLimit
    }
}

@Suite("the blocked convolution gives the bits of the whole-batch composition")
struct BlockedConvolutionTests {
    @Test("value, input gradient and filter gradient equal the composition's, bit for bit", arguments: 0..<160)
    func blockedMatchesComposition(seed: UInt64) throws {
        let p = RandomBlockedConvolution(seed: seed)
        try #require(p.isBlocked, "seed \(seed): \(p) does not take the blocked path")
        let (s, pad) = (p.geometry.stride, p.geometry.padding)
        let (x, w) = (Variable(parameter: p.input), Variable(parameter: p.filter))
        let blocked = Variable.convolution2D(x, w, stride: s, padding: pad)
        let composed = Variable.composedConvolution2D(x, w, p.geometry)
        #expect(blocked.op == "conv2d", "seed \(seed): \(p)")
        let single = Tensor.ones([8, p.input.shape[1], p.geometry.kernelHeight, p.geometry.kernelWidth])
        let tiny = Variable.convolution2D(Variable(parameter: single), w)                // one output pixel per image
        #expect(tiny.op != "conv2d", "seed \(seed): images of one output pixel must keep the whole-batch composition")
        #expect(blocked.shape == composed.shape, "seed \(seed): \(p)")
        // Compared as one Bool each: a failure prints the case, not thousands of numbers.
        let sameValue = blocked.value.scalars == composed.value.scalars
        #expect(sameValue, "seed \(seed): \(p)")
        let fast = gradients(of: blocked, wrt: [x, w], seed: p.upstream)
        let slow = gradients(of: composed, wrt: [x, w], seed: p.upstream)
        let (sameInput, sameFilter) = (fast[0].value.scalars == slow[0].value.scalars, fast[1].value.scalars == slow[1].value.scalars)
        #expect(sameInput, "seed \(seed): \(p), input gradient")
        #expect(sameFilter, "seed \(seed): \(p), filter gradient")
        // Each gradient alone (the other input a constant) takes the single-pass paths.
        let onlyX = gradients(of: Variable.convolution2D(x, Variable(p.filter), stride: s, padding: pad), wrt: [x], seed: p.upstream)
        let onlyW = gradients(of: Variable.convolution2D(Variable(p.input), w, stride: s, padding: pad), wrt: [w], seed: p.upstream)
        let (inputAlone, filterAlone) = (onlyX[0].value.scalars == slow[0].value.scalars, onlyW[0].value.scalars == slow[1].value.scalars)
        #expect(inputAlone, "seed \(seed): \(p), input gradient alone")
        #expect(filterAlone, "seed \(seed): \(p), filter gradient alone")
    }

    @Test("differentiated again, the blocked node gives the composition's second-order bits", arguments: 0..<12)
    func secondOrderMatchesComposition(seed: UInt64) throws {
        let p = RandomBlockedConvolution(seed: seed &+ 500)
        try #require(p.isBlocked, "seed \(seed): \(p) does not take the blocked path")
        let (x, w) = (Variable(parameter: p.input), Variable(parameter: p.filter))
        func penalty(_ y: Variable) -> [Double] {
            let g = gradients(of: (y.tanh() * Variable(p.upstream)).sum(), wrt: [x], createGraph: true)[0]
            return gradients(of: (g * g).sum(), wrt: [w]).first!.value.scalars
        }
        let blocked = penalty(Variable.convolution2D(x, w, stride: p.geometry.stride, padding: p.geometry.padding))
        let same = blocked == penalty(Variable.composedConvolution2D(x, w, p.geometry))
        #expect(same, "seed \(seed): \(p)")
    }
}
