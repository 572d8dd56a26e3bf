import Foundation

/// A small, fast, seedable pseudo-random generator: xoshiro256** seeded through SplitMix64.
///
/// Every random draw in GANNotes goes through this type, so the same seed gives the same numbers,
/// bit for bit, on every machine and every run.
///
/// ```
/// var rng = SeededGenerator(seed: 42)
/// rng.next()            // a UInt64; the same value on every machine
/// rng.nextUniform()     // a Double in [0, 1)
/// rng.nextNormal()      // a Double from N(0, 1)
/// ```
///
/// - xoshiro256** is by Blackman and Vigna, "Scrambled Linear Pseudorandom Number Generators" (2021).
/// - The 256-bit state is filled from the 64-bit seed by SplitMix64 (Steele, Lea, Flood 2014),
///   as the xoshiro authors recommend, so nearby seeds give unrelated streams.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Hashable, Codable {
    private var s0, s1, s2, s3: UInt64

    /// Creates a generator whose whole stream is determined by `seed`.
    public init(seed: UInt64) {
        var sm = seed
        func splitMix() -> UInt64 {
            sm &+= 0x9E37_79B9_7F4A_7C15
            var z = sm
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
    }

    /// The next 64 random bits (xoshiro256**).
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    @inline(__always) private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    private enum CodingKeys: String, CodingKey { case s0, s1, s2, s3 }

    /// Decodes a saved state, refusing the all-zero state: it is xoshiro's fixed point (every draw
    /// is 0 for ever), which no seed produces, and which would make a rejection loop such as
    /// `nextInt(below:)` spin without end. Only a damaged or hand-made file holds it.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        s0 = try c.decode(UInt64.self, forKey: .s0); s1 = try c.decode(UInt64.self, forKey: .s1)
        s2 = try c.decode(UInt64.self, forKey: .s2); s3 = try c.decode(UInt64.self, forKey: .s3)
        guard s0 | s1 | s2 | s3 != 0 else {
            throw DecodingError.dataCorruptedError(forKey: .s0, in: c, debugDescription:
                "the random generator's state is all zero (xoshiro's fixed point, which never changes); expected a state saved by a run")
        }
    }

    /// A new generator whose stream is independent of this one's; advances this one by one draw.
    ///
    /// Used to give each part of an experiment (data, noise, initialisation) its own stream, so that
    /// drawing more from one never shifts the others.
    public mutating func split() -> SeededGenerator { SeededGenerator(seed: next()) }
}

extension RandomNumberGenerator {
    /// A uniform `Double` in [0, 1): the top 53 bits of one draw, times 2^-53.
    @inlinable
    public mutating func nextUniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A standard normal draw by the Box-Muller transform, cosine branch only:
    ///
    /// ```
    /// z = sqrt(-2 ln u1) cos(2 pi u2),   u1 in (0, 1], u2 in [0, 1)
    /// ```
    ///
    /// One normal per two uniforms; `Tensor.randomNormal` uses both branches to fill tensors.
    public mutating func nextNormal() -> Double {
        let u1 = 1 - nextUniform()  // (0, 1]: log never sees 0
        let u2 = nextUniform()
        return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }

    /// A uniform integer in `0..<upperBound` without modulo bias, by Lemire's multiply-and-reject
    /// method ("Fast Random Integer Generation in an Interval", 2019). Written out here rather than
    /// taken from `Int.random(in:using:)` so the stream cannot change with the standard library.
    public mutating func nextInt(below upperBound: Int) -> Int {
        precondition(upperBound > 0, "nextInt(below:) needs a positive bound, got \(upperBound)")
        let s = UInt64(upperBound)
        var m = next().multipliedFullWidth(by: s)
        if m.low < s {
            let threshold = (0 &- s) % s
            while m.low < threshold { m = next().multipliedFullWidth(by: s) }
        }
        return Int(m.high)
    }
}

extension Array {
    /// Shuffles the first `count` positions (all by default) with a uniformly random choice from
    /// the whole array for each, by Fisher and Yates's method in Durstenfeld's form: position `i`
    /// takes the element at `i + nextInt(below: count - i)`. Written out, with `nextInt(below:)`,
    /// so that the permutation a seed gives cannot change with the standard library's `shuffle`.
    public mutating func shuffle(first count: Int? = nil, seeded rng: inout SeededGenerator) {
        let n = Swift.min(count ?? self.count, self.count)
        for i in 0..<n where self.count - i > 1 { swapAt(i, i + rng.nextInt(below: self.count - i)) }
    }
}
