import Dispatch

// The convolution of `Variable.convolution2D` (transposed-columns layout) a few images at a time.
//
// Built over the whole batch, the columns matrix `[C kh kw, N Ho Wo]` of a layer of lesson 4's
// progressive GAN (16 channels, 3 x 3, 32 images of 16 x 16) is 9.4 MB: it is written to memory by
// `im2colTransposed`, read back by the product, and built again in the backward pass's transposed
// packing (likewise its gradient, which `col2imTransposed` reads back). Built for one block of
// images at a time (one 16 x 16 image: 295 KB), it stays in the 1 MB level-2 cache between the copy
// and the product, and the backward pass builds it again per block instead of keeping it.
//
// The bits are those of the whole-batch products, because each block's product computes each of
// its elements exactly as the whole product does (`Kernels.gemm`'s contract: a fused multiply-add
// chain over each depth block of 256 from its start):
// - forward, `y[b, o, pixel] = sum_p cols[p, (b, pixel)] W[o, p]`, and the input gradient,
//   `dcols[p, (b, pixel)] = sum_o W[o, p] G[b, o, pixel]`, are sums within one image, over the same
//   operands in the same order whichever other images share the product;
// - the filter gradient `dW[o, p] = sum_(b, pixel) G[b, o, pixel] cols[p, (b, pixel)]` runs over
//   the whole batch. The whole product chains it in depth blocks of 256 pixels, adding each block's
//   chain to the running sum; a block of images whose pixels are a multiple of 256 starts at a
//   depth block's start, so the block products (the first writing, the later ones adding) form the
//   same chains and add them in the same order.
// ConvolutionTests compares both passes with the whole-batch composition bit for bit.

/// One convolution's sizes, shared read-only by the threads that work on separate images.
struct BlockedConvolution: @unchecked Sendable {
    let geometry: ConvolutionGeometry
    /// `[N, C, H, W]` of the input.
    let image: (n: Int, c: Int, h: Int, w: Int)
    let outputChannels: Int
    /// `Ho Wo`, the pixels of one output image.
    let pixels: Int
    /// `C kh kw`, the depth of the forward product.
    let depth: Int
    /// Images per block: the fewest whose pixels are a whole number of depth blocks.
    let imagesPerBlock: Int
    /// The input gradient's fast adjoint copy, where the geometry allows it.
    let sameWidth: Kernels.SameWidthColumns?

    init(_ g: ConvolutionGeometry, image: (n: Int, c: Int, h: Int, w: Int), outputChannels: Int) {
        let (ho, wo) = g.outputSize(height: image.h, width: image.w)
        geometry = g
        self.image = image
        self.outputChannels = outputChannels
        pixels = ho * wo
        depth = image.c * g.kernelHeight * g.kernelWidth
        var (a, b) = (pixels, Kernels.depthBlock)
        while b != 0 { (a, b) = (b, a % b) }                                  // gcd(pixels, 256)
        imagesPerBlock = Kernels.depthBlock / a
        sameWidth = Kernels.SameWidthColumns(g, height: image.h, width: image.w)
    }

    var blocks: Int { (image.n + imagesPerBlock - 1) / imagesPerBlock }
    func images(ofBlock i: Int) -> Range<Int> { (i * imagesPerBlock)..<Swift.min(image.n, (i + 1) * imagesPerBlock) }
    var imageSize: Int { image.c * image.h * image.w }

    /// The columns `[C kh kw, nb Ho Wo]` of the images `images` of `x`.
    func columns(_ images: Range<Int>, x: UnsafePointer<Double>, into cols: UnsafeMutablePointer<Double>) {
        Kernels.im2colTransposed(geometry, image: (images.count, image.c, image.h, image.w), channels: 0..<image.c,
                                 x: x + images.lowerBound * imageSize, o: cols)
    }

    /// `y` `[N, Cout, Ho Wo]` for the images of one block: the columns, their product with the
    /// filters `[nb Ho Wo, Cout]` (the whole-batch product's rows for these images), transposed into
    /// place.
    func forward(block: Int, x: UnsafePointer<Double>, filter: UnsafePointer<Double>, y: UnsafeMutablePointer<Double>) {
        let images = self.images(ofBlock: block)
        let rows = images.count * pixels, cout = outputChannels
        Kernels.withScratch(depth * rows + rows * cout) { scratch in
            let (cols, product) = (scratch, scratch + depth * rows)
            columns(images, x: x, into: cols)
            Kernels.gemm(transA: true, transB: true, m: rows, n: cout, k: depth, a: cols, b: filter,
                         c: product, accumulate: false)                      // [nb Ho Wo, Cout]
            let out = y + images.lowerBound * cout * pixels
            for b in 0..<images.count {
                for o in 0..<cout {
                    let d = out + (b * cout + o) * pixels, s = product + b * pixels * cout + o
                    for i in 0..<pixels { d[i] = s[i * cout] }
                }
            }
        }
    }

    /// The input gradient of image `b`: the columns' gradient `W^T G_b` `[C kh kw, Ho Wo]` added
    /// back into the image's planes (`col2imTransposed`, which needs them zero first).
    func inputGradient(image b: Int, upstream: UnsafePointer<Double>, filter: UnsafePointer<Double>,
                       dx: UnsafeMutablePointer<Double>) {
        let margin = Kernels.SameWidthColumns.margin
        Kernels.withScratch(depth * pixels + 2 * margin) { scratch in
            let dcols = scratch + margin
            Kernels.gemm(transA: true, transB: false, m: depth, n: pixels, k: outputChannels, a: filter,
                         b: upstream + b * outputChannels * pixels, c: dcols, accumulate: false)
            let planes = dx + b * imageSize
            if let rows = sameWidth {
                scratch.update(repeating: 0, count: margin)                   // read, never added
                (dcols + depth * pixels).update(repeating: 0, count: margin)
                for ch in 0..<image.c { rows.addBack(channel: ch, columns: dcols, into: planes + ch * image.h * image.w) }
                return
            }
            planes.update(repeating: 0, count: imageSize)
            Kernels.col2imTransposed(geometry, image: (1, image.c, image.h, image.w), planes: 0..<image.c,
                                     x: dcols, o: planes)
        }
    }

    /// The filter gradient `dW` `[Cout, C kh kw]`: block by block in the order of the images, the
    /// first block's product written, the others added.
    func filterGradient(upstream: UnsafePointer<Double>, x: UnsafePointer<Double>, dW: UnsafeMutablePointer<Double>) {
        let most = imagesPerBlock * pixels, cout = outputChannels
        Kernels.withScratch(depth * most + (imagesPerBlock > 1 ? cout * most : 0)) { scratch in
            let (cols, gathered) = (scratch, scratch + depth * most)
            for block in 0..<blocks {
                let images = self.images(ofBlock: block)
                let k = images.count * pixels
                columns(images, x: x, into: cols)
                var g = upstream + images.lowerBound * cout * pixels           // [nb, Cout, Ho Wo]
                if images.count > 1 {                                         // -> [Cout, nb Ho Wo]
                    for b in 0..<images.count {
                        for o in 0..<cout {
                            (gathered + o * k + b * pixels).update(from: g + (b * cout + o) * pixels, count: pixels)
                        }
                    }
                    g = UnsafePointer(gathered)
                }
                Kernels.gemm(transA: false, transB: true, m: cout, n: depth, k: k, a: g, b: cols, c: dW,
                             accumulate: block > 0)
            }
        }
    }
}

extension Kernels {
    /// `col2imTransposed` for one image when the stride is 1 and the output as wide as the image
    /// (`kw = 2 padding + 1`, "same" padding), a multiple of 8 wide, as in lesson 4's networks:
    /// each run of 8 pixels is summed in registers from zero and stored once, instead of the image
    /// being zeroed and then read and written once per kernel entry.
    ///
    /// Pixel `(iy, ix)` receives entry `(oy, ox) = (iy + p - ky, ix + p - kx)` of row `(ch, ky, kx)`;
    /// taking `ky` downwards and, within it, `kx` downwards gives the entries in increasing
    /// `(oy, ox)`, the order of `col2imTransposed` and of the walk, so every sum has the same bits.
    /// Lanes whose entry lies outside the row (the pixel is not in that window) add `+0.0`, which
    /// leaves the sum unchanged: it starts at `+0.0` and so is never `-0.0`.
    struct SameWidthColumns {
        /// Doubles the columns must be readable before their start and after their end: the
        /// shifted loads of the edge runs reach up to `padding` entries past either end.
        static let margin = 8
        let kh: Int, kw: Int, p: Int, h: Int, w: Int, ho: Int
        /// `keep[kx][chunk]`: all ones in the lanes of the run `chunk` whose entry for `kx` lies
        /// inside its row, else zero (ANDed with the loaded entries: `+0.0` in those lanes).
        let keep: [[SIMD8<UInt64>]]

        init?(_ g: ConvolutionGeometry, height: Int, width: Int) {
            let (ho, wo) = g.outputSize(height: height, width: width)
            guard g.stride == 1 && wo == width && width % 8 == 0 && g.padding <= Self.margin else { return nil }
            (kh, kw, p, h, w, self.ho) = (g.kernelHeight, g.kernelWidth, g.padding, height, width, ho)
            keep = (0..<kw).map { [p] kx in
                stride(from: 0, to: width, by: 8).map { j in
                    SIMD8<UInt64>((0..<8).map { l in (0..<width).contains(j + p - kx + l) ? UInt64.max : 0 })
                }
            }
        }

        /// Adds the rows `(ch, ., .)` of an image's columns `[C kh kw, Ho Wo]` into its plane `ch`
        /// (every pixel written).
        func addBack(channel ch: Int, columns: UnsafePointer<Double>, into plane: UnsafeMutablePointer<Double>) {
            typealias V = SIMD8<Double>
            typealias Bits = SIMD8<UInt64>
            let rowLength = ho * w
            for iy in 0..<h {
                for (chunk, j) in stride(from: 0, to: w, by: 8).enumerated() {
                    var sum = V()
                    for ky in (0..<kh).reversed() {
                        let oy = iy + p - ky
                        if oy < 0 || oy >= ho { continue }
                        for kx in (0..<kw).reversed() {
                            let src = columns + ((ch * kh + ky) * kw + kx) * rowLength + oy * w + j + p - kx
                            sum += unsafeBitCast(unsafeBitCast(V.load(src), to: Bits.self) & keep[kx][chunk], to: V.self)
                        }
                    }
                    UnsafeMutableRawPointer(plane + iy * w + j).storeBytes(of: sum, as: V.self)
                }
            }
        }
    }

    /// Runs `body` on a 64-byte aligned scratch of `count` Doubles from the packing buffers' pool
    /// (kept between calls, so the pages are not faulted in again each time).
    static func withScratch(_ count: Int, _ body: (UnsafeMutablePointer<Double>) -> Void) {
        let buffer = PackingBuffers.shared.take(bytes: count * MemoryLayout<Double>.stride)
        defer { PackingBuffers.shared.give(buffer) }
        body(buffer.start.bindMemory(to: Double.self, capacity: count))
    }
}

extension Tensor {
    /// `convolution2D`'s value in the transposed-columns layout, a block of images at a time
    /// (`BlockedConvolution`): the same bits as `matmul(im2colTransposed(x), W, transposeA: true,
    /// transposeB: true)` permuted to `[N, Cout, Ho, Wo]`. Blocks go to both CPUs when large.
    static func blockedConvolution2D(_ x: Tensor, _ filter: Tensor, _ g: ConvolutionGeometry) -> Tensor {
        let plan = BlockedConvolution(g, image: (x.shape[0], x.shape[1], x.shape[2], x.shape[3]), outputChannels: filter.shape[0])
        let (ho, wo) = g.outputSize(height: x.shape[2], width: x.shape[3])
        let count = plan.image.n * plan.outputChannels * plan.pixels
        let out = [Double](unsafeUninitializedCapacity: count) { o, initialized in
            x.scalars.withUnsafeBufferPointer { px in
                filter.scalars.withUnsafeBufferPointer { pw in
                    let pointers = ConvolutionPointers(x: px.baseAddress!, filter: pw.baseAddress!, out: o.baseAddress!)
                    Kernels.splitOverCPUs(plan.blocks, work: plan.image.n * plan.pixels * plan.depth) { block in
                        plan.forward(block: block, x: pointers.x, filter: pointers.filter, y: pointers.out)
                    }
                }
            }
            initialized = count
        }
        return Tensor(shape: [plan.image.n, plan.outputChannels, ho, wo], scalars: out)
    }

    /// The gradients of `blockedConvolution2D` for an upstream gradient `upstream` `[N, Cout, Ho, Wo]`:
    /// the input's `[N, C, H, W]` (`col2imTransposed(W^T G)`) and the filters' `[Cout, C, kh, kw]`
    /// (`G cols^T`), each only when wanted, with the bits of the whole-batch products. When both
    /// are wanted and the work is large, one CPU computes each; the input's alone is split by images.
    static func blockedConvolutionGradients(_ upstream: Tensor, x: Tensor, filter: Tensor, _ g: ConvolutionGeometry,
                                            input wantInput: Bool, filter wantFilter: Bool) -> (input: Tensor?, filter: Tensor?) {
        let plan = BlockedConvolution(g, image: (x.shape[0], x.shape[1], x.shape[2], x.shape[3]), outputChannels: filter.shape[0])
        let (inputCount, filterCount) = (wantInput ? plan.image.n * plan.imageSize : 0, wantFilter ? filter.count : 0)
        let work = plan.image.n * plan.pixels * plan.depth
        let parallel = Kernels.usableCPUs > 1 && work >= Kernels.columnsParallelThreshold
        var dW: [Double] = []
        let dx = [Double](unsafeUninitializedCapacity: inputCount) { ox, inputDone in
            dW = [Double](unsafeUninitializedCapacity: filterCount) { ow, filterDone in
                upstream.scalars.withUnsafeBufferPointer { pg in
                    x.scalars.withUnsafeBufferPointer { px in
                        filter.scalars.withUnsafeBufferPointer { pw in
                            let p = GradientPointers(upstream: pg.baseAddress!, x: px.baseAddress!, filter: pw.baseAddress!,
                                                     dx: wantInput ? ox.baseAddress : nil, dW: wantFilter ? ow.baseAddress : nil)
                            let inputPass = { @Sendable (split: Bool) in
                                guard p.dx != nil else { return }
                                Kernels.splitOverCPUs(plan.image.n, work: split ? work : 0) { b in
                                    plan.inputGradient(image: b, upstream: p.upstream, filter: p.filter, dx: p.dx!)
                                }
                            }
                            if parallel && wantInput && wantFilter {
                                DispatchQueue.concurrentPerform(iterations: 2) { i in
                                    if i == 0 { inputPass(false) } else { plan.filterGradient(upstream: p.upstream, x: p.x, dW: p.dW!) }
                                }
                            } else {
                                inputPass(parallel)
                                if let dW = p.dW { plan.filterGradient(upstream: p.upstream, x: p.x, dW: dW) }
                            }
                        }
                    }
                }
                filterDone = filterCount
            }
            inputDone = inputCount
        }
        return (wantInput ? Tensor(shape: x.shape, scalars: dx) : nil, wantFilter ? Tensor(shape: filter.shape, scalars: dW) : nil)
    }
}

/// The operands of a blocked convolution's backward pass, shared by the threads that write
/// disjoint images or the two gradients.
struct GradientPointers: @unchecked Sendable {
    let upstream: UnsafePointer<Double>, x: UnsafePointer<Double>, filter: UnsafePointer<Double>
    let dx: UnsafeMutablePointer<Double>?, dW: UnsafeMutablePointer<Double>?
}

/// The operands of a blocked convolution pass, shared by the threads that write disjoint images.
struct ConvolutionPointers: @unchecked Sendable {
    let x: UnsafePointer<Double>
    let filter: UnsafePointer<Double>
    let out: UnsafeMutablePointer<Double>
}
