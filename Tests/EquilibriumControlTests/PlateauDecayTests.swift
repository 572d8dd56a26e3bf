import Foundation
import Testing
@testable import EquilibriumControl

@Suite("BEGAN's learning-rate decay on a stalled convergence measure")
struct PlateauDecayTests {
    @Test("a measure that keeps falling by more than the minimum improvement never decays the rate")
    func improvingNeverDecays() {
        var d = PlateauDecay(window: 10, minimumImprovement: 0.01)
        for t in 0..<1000 { d.observe(Foundation.exp(-Double(t) / 200)) }      // -5% per window
        #expect(d.scale == 1)
    }

    @Test("a flat measure halves the rate once per window after the first, down to the floor and no further")
    func flatHalvesPerWindow() {
        var d = PlateauDecay(window: 10, minimumScale: 0.1)
        var scales: [Double] = []
        for t in 1...60 {
            let s = d.observe(0.3)
            if t % 10 == 0 { scales.append(s) }
        }
        #expect(scales == [1, 0.5, 0.25, 0.125, 0.1, 0.1])
    }

    @Test("state round-trips mid-window: a restored schedule continues exactly")
    func stateRoundTrip() {
        var a = PlateauDecay(window: 7)
        for t in 0..<25 { a.observe(1 + 0.001 * Double(t % 3)) }
        var b = PlateauDecay(window: 7)
        b.restore(a.state)
        for t in 0..<40 {
            let m = 1 - 0.002 * Double(t % 5)
            #expect(a.observe(m) == b.observe(m))
        }
        #expect(a == b)
    }

    @Test("non-finite measures are skipped")
    func nonFinite() {
        var d = PlateauDecay(window: 2)
        d.observe(1); d.observe(.nan); d.observe(1)       // one window: [1, 1]
        d.observe(.infinity); d.observe(1); d.observe(1)  // second window [1, 1]: a stall
        #expect(d.scale == 0.5)
    }
}
