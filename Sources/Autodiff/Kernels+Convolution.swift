import Dispatch

// The copy loops behind `Tensor.im2colTransposed` and `Tensor.col2imTransposed` (the receptive
// fields of an image laid out one kernel entry per row, so that every run the loops copy or add
// is a stretch of one image row, contiguous at stride 1, instead of `kw` scalars) and behind
// `Tensor.im2col` and `Tensor.col2im` (`im2colRows`, `col2imRows`: the window's bounds worked out
// once per row instead of once per entry).
//
// They are the fast versions of the readable walk `Tensor.forEachWindowEntry`
// (`referenceIm2col`, `referenceCol2im`) and are tested against it, and against the definition
// written out in the tests, bit for bit (ConvolutionTests).

extension Kernels {
    /// Work (scalars copied) from which the column loops are split over the CPUs: starting
    /// threads costs 50-100 microseconds, the time to copy about a quarter of a million scalars.
    static let columnsParallelThreshold = 256 * 1024

    /// The output columns `ox` whose input column `ox stride - padding + kx` lies inside an image
    /// of width `w`: `ceil((padding - kx) / stride) ... floor((w - 1 + padding - kx) / stride)`,
    /// clipped to `0 ..< wo` (empty when the kernel entry sees only padding).
    @inline(__always)
    static func insideColumns(kx: Int, w: Int, wo: Int, _ g: ConvolutionGeometry) -> Range<Int> {
        let (s, p) = (g.stride, g.padding)
        let low = p - kx <= 0 ? 0 : Swift.min((p - kx + s - 1) / s, wo)
        let last = w - 1 + p - kx
        let high = last < 0 ? 0 : Swift.min(last / s + 1, wo)
        return low..<Swift.max(low, high)
    }

    /// The kernel offsets `k` in `0 ..< kernel` whose input position `start + k` lies inside
    /// `0 ..< size` (empty when the window sees only padding).
    @inline(__always)
    static func insideOffsets(start: Int, kernel: Int, size: Int) -> Range<Int> {
        let low = Swift.min(kernel, Swift.max(0, -start))
        return low..<Swift.max(low, Swift.min(kernel, size - start))
    }

    /// Runs `body` over `0 ..< count` pieces, on both CPUs when `work` scalars are worth a thread.
    @inline(__always)
    static func splitOverCPUs(_ count: Int, work: Int, _ body: @Sendable (Int) -> Void) {
        if usableCPUs > 1 && count > 1 && work >= columnsParallelThreshold {
            let chunks = Swift.min(count, usableCPUs)
            DispatchQueue.concurrentPerform(iterations: chunks) { part in
                for i in (count * part / chunks)..<(count * (part + 1) / chunks) { body(i) }
            }
        } else {
            for i in 0..<count { body(i) }
        }
    }

    /// Rows `(ch, ky, kx)` for `ch` in `channels` of the `[C kh kw, N Ho Wo]` matrix of an image
    /// `x` `[N, C, H, W]`: row `(ch, ky, kx)`, column `(b, oy, ox)` is
    /// `x[b, ch, oy s - p + ky, ox s - p + kx]`, or 0 in the padding. Every entry is written.
    static func im2colTransposed(_ g: ConvolutionGeometry, image: (n: Int, c: Int, h: Int, w: Int),
                                 channels: Range<Int>, x: UnsafePointer<Double>, o: UnsafeMutablePointer<Double>) {
        let (n, c, h, w) = image
        let (ho, wo) = g.outputSize(height: h, width: w)
        let (kh, kw, s, p) = (g.kernelHeight, g.kernelWidth, g.stride, g.padding)
        let rowLength = n * ho * wo
        for ch in channels {
            for ky in 0..<kh {
                for kx in 0..<kw {
                    let row = o + ((ch * kh + ky) * kw + kx) * rowLength
                    let inside = insideColumns(kx: kx, w: w, wo: wo, g)
                    if s == 1 && wo == w {
                        for b in 0..<n {
                            sameWidthRows(ky: ky, shift: kx - p, inside: inside, image: (h, w, ho, p),
                                          x: x + (b * c + ch) * h * w, d: row + b * ho * wo)
                        }
                        continue
                    }
                    for b in 0..<n {
                        for oy in 0..<ho {
                            let d = row + (b * ho + oy) * wo                      // wo entries
                            let iy = oy * s - p + ky
                            if iy < 0 || iy >= h { d.update(repeating: 0, count: wo); continue }
                            let src = x + ((b * c + ch) * h + iy) * w + kx - p     // src[ox s] = x[.., ix]
                            for ox in 0..<inside.lowerBound { d[ox] = 0 }
                            if s == 1 {
                                for ox in inside { d[ox] = src[ox] }
                            } else {
                                for ox in inside { d[ox] = src[ox * s] }
                            }
                            for ox in inside.upperBound..<wo { d[ox] = 0 }
                        }
                    }
                }
            }
        }
    }

    /// One image's part of a row `(ch, ky, kx)` of the transposed columns when the stride is 1 and
    /// the output is as wide as the image (`kw = 2 padding + 1`): entry `(oy, ox)` is pixel
    /// `(oy - p + ky, ox + shift)` of plane `x`, so all the rows `oy` that see the image are one
    /// contiguous run of the plane shifted by `shift`, copied at once; the entries of columns
    /// outside the image (which the run filled from the neighbouring row) and of rows outside it
    /// are then set to zero. The same values as the row-by-row loop.
    @inline(__always)
    private static func sameWidthRows(ky: Int, shift: Int, inside: Range<Int>, image: (h: Int, w: Int, ho: Int, p: Int),
                                      x: UnsafePointer<Double>, d: UnsafeMutablePointer<Double>) {
        let (h, w, ho, p) = image
        let low = Swift.min(ho, Swift.max(0, p - ky)), high = Swift.max(low, Swift.min(ho, h + p - ky))
        d.update(repeating: 0, count: low * w)                                 // rows above the image
        (d + high * w).update(repeating: 0, count: (ho - high) * w)            // rows below it
        if low == high { return }
        let (first, last) = (Swift.max(0, -shift), Swift.max(0, shift))
        let run = (high - low) * w - first - last
        if run > 0 { (d + low * w + first).update(from: x + (low - p + ky) * w + shift + first, count: run) }
        for oy in low..<high {
            let r = d + oy * w
            for ox in 0..<inside.lowerBound { r[ox] = 0 }
            for ox in inside.upperBound..<w { r[ox] = 0 }
        }
    }

    /// Adds the `[C kh kw, N Ho Wo]` matrix `x` back into the image planes `(b, ch)` for
    /// `b C + ch` in `planes` of `o` `[N, C, H, W]` (which must hold zeros there).
    ///
    /// Each pixel receives its entries in increasing `(oy, ox)`, the order of the walk
    /// `forEachWindowEntry`, so the sums have the same bits: for a fixed pixel, `oy` (the outer
    /// loop) determines `ky`, and within one `(oy, ky)` the entries `(ox, kx)` with
    /// `ox s + kx = ix + p` come in increasing `ox` because `kx` runs downwards.
    static func col2imTransposed(_ g: ConvolutionGeometry, image: (n: Int, c: Int, h: Int, w: Int),
                                 planes: Range<Int>, x: UnsafePointer<Double>, o: UnsafeMutablePointer<Double>) {
        let (n, c, h, w) = image
        let (ho, wo) = g.outputSize(height: h, width: w)
        let (kh, kw, s, p) = (g.kernelHeight, g.kernelWidth, g.stride, g.padding)
        let rowLength = n * ho * wo
        for plane in planes {
            let (b, ch) = (plane / c, plane % c)
            let image = o + plane * h * w
            for oy in 0..<ho {
                for ky in 0..<kh {
                    let iy = oy * s - p + ky
                    if iy < 0 || iy >= h { continue }
                    let out = image + iy * w - p                             // out[ox s + kx] = pixel ix
                    for kx in (0..<kw).reversed() {
                        let src = x + ((ch * kh + ky) * kw + kx) * rowLength + (b * ho + oy) * wo
                        let inside = insideColumns(kx: kx, w: w, wo: wo, g)
                        let dst = out + kx
                        if s == 1 {
                            for ox in inside { dst[ox] += src[ox] }
                        } else {
                            for ox in inside { dst[ox * s] += src[ox] }
                        }
                    }
                }
            }
        }
    }

    /// Rows `(b, oy, ox)` for `b` in `batch` of the `[N Ho Wo, C kh kw]` matrix of `im2col`
    /// (column `(ch, ky, kx)` is `x[b, ch, oy s - p + ky, ox s - p + kx]`, or 0 in the padding),
    /// with the window's bounds worked out once per row instead of once per entry. Every entry is
    /// written.
    static func im2colRows(_ g: ConvolutionGeometry, image: (n: Int, c: Int, h: Int, w: Int),
                           batch: Range<Int>, x: UnsafePointer<Double>, o: UnsafeMutablePointer<Double>) {
        let columns = image.c * g.kernelHeight * g.kernelWidth
        forEachRowWindow(g, image: image, batch: batch) { row, pixel, ky, kx in
            let entries = o + row
            if ky.count < g.kernelHeight || kx.count < g.kernelWidth, pixel.channel == 0 {
                entries.update(repeating: 0, count: columns)
            }
            let plane = x + pixel.offset
            for y in ky { for i in kx { entries[pixel.entry + y * g.kernelWidth + i] = plane[y * image.w + i] } }
        }
    }

    /// Adds the rows `(b, oy, ox)` for `b` in `batch` of an `im2col` matrix back into the images
    /// `b` of `o` (which must hold zeros there), in the order of `forEachWindowEntry`, so every
    /// pixel's sum has the same bits.
    static func col2imRows(_ g: ConvolutionGeometry, image: (n: Int, c: Int, h: Int, w: Int),
                           batch: Range<Int>, x: UnsafePointer<Double>, o: UnsafeMutablePointer<Double>) {
        forEachRowWindow(g, image: image, batch: batch) { row, pixel, ky, kx in
            let (entries, plane) = (x + row, o + pixel.offset)
            for y in ky { for i in kx { plane[y * image.w + i] += entries[pixel.entry + y * g.kernelWidth + i] } }
        }
    }

    /// The walk both row loops share, in `forEachWindowEntry`'s order (`b`, `oy`, `ox`, `ch`):
    /// `body(row, pixel, ky, kx)` gets the offset of row `(b, oy, ox)` in the `[N Ho Wo, C kh kw]`
    /// matrix, for channel `ch` the offset of that channel's entries within the row (`entry`) and of
    /// the window's top-left corner in the image (`offset`, which may lie in the padding), and the
    /// kernel offsets whose pixels lie inside the image.
    @inline(__always)
    private static func forEachRowWindow(_ g: ConvolutionGeometry, image: (n: Int, c: Int, h: Int, w: Int), batch: Range<Int>,
                                         _ body: (_ row: Int, _ pixel: (channel: Int, entry: Int, offset: Int),
                                                  _ ky: Range<Int>, _ kx: Range<Int>) -> Void) {
        let (_, c, h, w) = image
        let (ho, wo) = g.outputSize(height: h, width: w)
        let (kh, kw, s, p) = (g.kernelHeight, g.kernelWidth, g.stride, g.padding)
        for b in batch {
            for oy in 0..<ho {
                let iy0 = oy * s - p
                let ky = insideOffsets(start: iy0, kernel: kh, size: h)
                for ox in 0..<wo {
                    let ix0 = ox * s - p
                    let kx = insideOffsets(start: ix0, kernel: kw, size: w)
                    let row = ((b * ho + oy) * wo + ox) * c * kh * kw
                    for ch in 0..<c {
                        body(row, (ch, ch * kh * kw, ((b * c + ch) * h + iy0) * w + ix0), ky, kx)
                    }
                }
            }
        }
    }
}
