import Testing
@testable import Plots

@Suite("PlotColor and ColorRamp")
struct ColorTests {
    @Test("hex writes two lower-case digits per channel")
    func hex() {
        #expect(PlotColor(red: 0, green: 0x0A, blue: 0xFF).hex == "#000aff")
    }

    @Test("ansi256Index finds exact cube and grey entries: index 16 + 36 r + 6 g + b, or 232 + i for grey 8 + 10 i")
    func ansiIndexExactEntries() {
        let levels: [UInt8] = [0, 95, 135, 175, 215, 255]
        for r in 0..<6 {
            for g in 0..<6 {
                for b in 0..<6 where !(r == g && g == b) {
                    let color = PlotColor(red: levels[r], green: levels[g], blue: levels[b])
                    #expect(Int(color.ansi256Index) == 16 + 36 * r + 6 * g + b, "\(color.hex)")
                }
            }
        }
        for i in 0..<24 {
            let level = UInt8(8 + 10 * i)
            #expect(Int(PlotColor(red: level, green: level, blue: level).ansi256Index) == 232 + i, "grey \(level)")
        }
    }

    @Test("ansi256Index picks the entry nearest in RGB among all 240 candidates", arguments: 0..<20)
    func ansiIndexIsNearest(seed: UInt64) {
        var rng = TestGenerator(seed: seed)
        let color = PlotColor(red: UInt8(rng.int(0...255)), green: UInt8(rng.int(0...255)), blue: UInt8(rng.int(0...255)))
        // Brute force over the whole palette from 16 on.
        let levels = [0, 95, 135, 175, 215, 255]
        var palette: [(Int, Int, Int)] = []
        for r in levels { for g in levels { for b in levels { palette.append((r, g, b)) } } }
        for i in 0..<24 { palette.append((8 + 10 * i, 8 + 10 * i, 8 + 10 * i)) }
        func distance(_ p: (Int, Int, Int)) -> Int {
            let dr = p.0 - Int(color.red), dg = p.1 - Int(color.green), db = p.2 - Int(color.blue)
            return dr * dr + dg * dg + db * db
        }
        let best = palette.map(distance).min()!
        #expect(distance(palette[Int(color.ansi256Index) - 16]) == best, "seed \(seed): \(color.hex)")
    }

    @Test("The ramp passes through its anchors and stays between neighbours in every channel", arguments: 0..<20)
    func rampInterpolates(seed: UInt64) {
        var rng = TestGenerator(seed: seed)
        let ramp = ColorRamp.viridis
        let n = ramp.anchors.count
        for k in 0..<n {
            #expect(ramp.color(at: Double(k) / Double(n - 1)) == ramp.anchors[k])
        }
        let t = rng.uniform(0...1)
        let i = min(Int(t * Double(n - 1)), n - 2)
        let (a, b, c) = (ramp.anchors[i], ramp.anchors[i + 1], ramp.color(at: t))
        for (u, v, w) in [(a.red, b.red, c.red), (a.green, b.green, c.green), (a.blue, b.blue, c.blue)] {
            #expect(min(u, v) <= w && w <= max(u, v), "seed \(seed): t = \(t)")
        }
        #expect(ramp.color(at: -3) == ramp.anchors[0] && ramp.color(at: 7) == ramp.anchors[n - 1])
        #expect(ramp.color(at: .nan) == ramp.anchors[0])
    }

    @Test("Viridis gets lighter from end to end, so it also reads in greyscale")
    func viridisLuminanceIncreases() {
        let lum = (0...20).map { ColorRamp.viridis.color(at: Double($0) / 20).luminance }
        #expect(zip(lum, lum.dropFirst()).allSatisfy { $0 < $1 })
    }
}
