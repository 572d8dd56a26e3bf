/// Where a progressively grown network is: its current resolution level and, while a new block
/// fades in, the new block's weight `alpha`.
///
/// Level 0 is 4x4, level 1 is 8x8, level `l` is `4 * 2^l` on a side. ProGAN counts the other way
/// (its level of detail `lod` is 0 at full resolution, and `alpha = 1 - (lod - floor(lod))`
/// while fading); counting up from the smallest image reads more naturally here.
public struct GrowthStage: Sendable, Hashable, Codable, CustomStringConvertible {
    /// 0 for 4x4, 1 for 8x8, 2 for 16x16, ...
    public var level: Int
    /// The weight of the newest block, in `[0, 1]`; 1 once it is fully in (always 1 at level 0).
    public var alpha: Double

    public init(level: Int, alpha: Double = 1) {
        precondition(level >= 0, "GrowthStage: level must be at least 0, got \(level)")
        precondition(alpha >= 0 && alpha <= 1, "GrowthStage: alpha must lie in [0, 1], got \(alpha)")
        precondition(level > 0 || alpha == 1, "GrowthStage: at level 0 there is nothing to fade in, so alpha must be 1")
        self.level = level; self.alpha = alpha
    }

    /// Side of the images at this level.
    public var resolution: Int { 4 << level }
    /// Whether a new block is being blended in.
    public var isFading: Bool { alpha < 1 }

    public var description: String {
        isFading ? "\(resolution)x\(resolution) fading in, alpha \(alpha)" : "\(resolution)x\(resolution)"
    }
}

/// ProGAN's schedule: train at 4x4, then for each higher level fade it in (alpha from 0 to 1,
/// linearly) and train it stably, each phase for the same number of steps (the paper shows
/// 800k images per phase; `lod_training_kimg` and `lod_transition_kimg` are 600 in the code).
public struct GrowthSchedule: Sendable, Hashable, Codable {
    public enum Phase: String, Sendable, Hashable, Codable { case stable, fade }
    /// The highest level reached (2 for 16x16).
    public var finalLevel: Int
    /// Steps in each stable phase and in each fade.
    public var stepsPerPhase: Int

    public init(finalLevel: Int, stepsPerPhase: Int) {
        precondition(finalLevel >= 0 && stepsPerPhase >= 1,
                     "GrowthSchedule: need finalLevel >= 0 and stepsPerPhase >= 1, got \(finalLevel) and \(stepsPerPhase)")
        self.finalLevel = finalLevel; self.stepsPerPhase = stepsPerPhase
    }

    /// The phases in order: stable level 0, then (fade, stable) for each level up to `finalLevel`.
    public var phases: [(phase: Phase, level: Int)] {
        [(.stable, 0)] + (0..<finalLevel).flatMap { [(Phase.fade, $0 + 1), (Phase.stable, $0 + 1)] }
    }

    public var totalSteps: Int { phases.count * stepsPerPhase }

    /// The stage at step `t` (1-based) of a phase: during a fade `alpha = t / stepsPerPhase`, so
    /// the last step of a fade has `alpha = 1`.
    public func stage(_ phase: Phase, level: Int, step t: Int) -> GrowthStage {
        GrowthStage(level: level, alpha: phase == .fade ? Double(t) / Double(stepsPerPhase) : 1)
    }
}
