import Foundation
import Dispatch
import Training

/// A long command's progress as one line on standard error that rewrites itself:
///
/// ```
/// zoo: wgan-gp on grid25, seed 2 of 3  41% (205/500)  12 s, about 17 s left
/// ```
///
/// Shown only when standard error is a terminal, so `--json` on standard output and logs in files
/// stay clean. Reports may come from several threads at once; the line keeps the latest one and
/// is drawn as soon as the work starts, redraws at most five times a second, and once a second even
/// when no report comes, so a learner never watches a silent screen for more than a second. The line is cleared when the work
/// ends, and the report is printed in its place.
final class ProgressLine: @unchecked Sendable {
    private let io: IO
    private let label: String
    private let lock = NSLock()
    // Guarded by `lock`.
    private var latest: ProgressReport?
    private var lastDraw: DispatchTime = .init(uptimeNanoseconds: 0)
    private var start: DispatchTime = .now()
    private var isDrawn = false
    private var active = false

    init(io: IO, label: String) {
        self.io = io
        self.label = label
    }

    /// The handler to give the work: keeps `progress` and redraws if the last draw is old enough.
    var report: ProgressHandler { { [self] progress in update(progress) } }

    /// Runs `work` with the line shown (and refreshed once a second), then clears it.
    func during<T>(_ work: () throws -> T) throws -> T {
        guard io.errorIsTerminal else { return try work() }
        lock.withLock { start = .now(); active = true; draw(force: true) }
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + 1, repeating: 1)
        timer.setEventHandler { [self] in lock.withLock { draw(force: true) } }
        timer.resume()
        defer {
            timer.cancel()
            lock.withLock {
                active = false
                if isDrawn { io.writeError("\r\u{1B}[K") }
                isDrawn = false
            }
        }
        return try work()
    }

    private func update(_ progress: ProgressReport) {
        lock.withLock {
            latest = progress
            draw(force: false)
        }
    }

    /// Call with `lock` held.
    private func draw(force: Bool) {
        guard active else { return }
        let now = DispatchTime.now()
        guard force || now.uptimeNanoseconds - lastDraw.uptimeNanoseconds >= 200_000_000 else { return }
        lastDraw = now
        let elapsed = Double(now.uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        io.writeError("\r\u{1B}[K" + ProgressLine.text(label: label, progress: latest, elapsed: elapsed, width: io.columns - 1))
        isDrawn = true
    }

    /// The line for `progress` after `elapsed` seconds, without control characters, in at most
    /// `width` characters: when it is too wide the stage is shortened first, so that the share
    /// done and the time left stay in view.
    static func text(label: String, progress: ProgressReport?, elapsed: Double, width: Int = .max) -> String {
        var time = seconds(elapsed)
        if let p = progress, p.fraction > 0.02, p.fraction < 1 {
            time += ", about " + seconds(elapsed / p.fraction * (1 - p.fraction)) + " left"
        }
        guard let p = progress else { return fitted(label + ":  starting", "", "  " + time, width: width) }
        let share = String(format: "%3.0f%% (%d/%d)", 100 * p.fraction, p.done, p.total)
        return fitted(label + ":  ", p.stage, "  " + share + "  " + time, width: width)
    }

    /// `head + middle + tail` in at most `width` characters: the middle is cut (ending in `…`)
    /// to make room, and only if that is not enough is the whole line cut at the end.
    static func fitted(_ head: String, _ middle: String, _ tail: String, width: Int) -> String {
        let whole = head + middle + tail
        guard whole.count > width else { return whole }
        let room = width - head.count - tail.count
        if room >= 2 { return head + middle.prefix(room - 1) + "…" + tail }
        return String(whole.prefix(max(width, 1)))
    }

    /// `7 s`, `2 min 05 s`.
    static func seconds(_ s: Double) -> String {
        let whole = Int(s.rounded())
        return whole < 60 ? "\(whole) s" : String(format: "%d min %02d s", whole / 60, whole % 60)
    }
}
