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
        let text = ProgressLine.text(label: label, progress: latest, elapsed: elapsed)
        io.writeError("\r\u{1B}[K" + String(text.prefix(max(io.columns - 1, 10))))
        isDrawn = true
    }

    /// The line for `progress` after `elapsed` seconds, without control characters.
    static func text(label: String, progress: ProgressReport?, elapsed: Double) -> String {
        var parts = [label + ":"]
        if let p = progress {
            parts.append(p.stage)
            parts.append(String(format: "%3.0f%% (%d/%d)", 100 * p.fraction, p.done, p.total))
        } else {
            parts.append("starting")
        }
        var time = seconds(elapsed)
        if let p = progress, p.fraction > 0.02, p.fraction < 1 {
            time += ", about " + seconds(elapsed / p.fraction * (1 - p.fraction)) + " left"
        }
        parts.append(time)
        return parts.joined(separator: "  ")
    }

    /// `7 s`, `2 min 05 s`.
    static func seconds(_ s: Double) -> String {
        let whole = Int(s.rounded())
        return whole < 60 ? "\(whole) s" : String(format: "%d min %02d s", whole / 60, whole % 60)
    }
}
