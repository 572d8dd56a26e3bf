import Foundation
import Plots
import Training

/// The screen and keyboard the live view talks to: the real terminal in raw mode
/// (`RawTerminal`), or a scripted one in tests.
protocol LiveTerminal: AnyObject {
    /// The size in cells now (read again before every frame, so a resized window is followed).
    func size() -> (columns: Int, rows: Int)
    /// The keys pressed since the last call, without waiting; `timeout > 0` waits up to that long
    /// for the first key (while paused, so a paused view does not spin).
    func readKeys(timeout: Duration) -> [UInt8]
    /// Writes the bytes of a frame as they are.
    func write(_ text: String)
    /// Whether a signal (SIGTERM, SIGHUP) asked the program to stop.
    var interrupted: Bool { get }
}

/// `gan-notes train --live`: trains while the picture of the run redraws in place.
///
/// Keys (read between steps, so each is answered within one training step):
/// - space pauses and resumes; `n`, while paused, makes one step (n_critic discriminator updates
///   and one generator update);
/// - `d` and `g` freeze or free the discriminator and the generator (`GANTrainer.frozen`);
/// - `+` and `-` change the steps between redraws (1, 2, 5, 10, 20, 50, ...); until one is
///   pressed the view chooses it (see `automaticStepsPerRedraw`);
/// - `q` stops, keeping what was trained (the command still writes `--json` and `--save`); when
///   the run is done the last frame stays until `q`;
/// - Ctrl-C (or SIGTERM, SIGHUP) stops with `LiveView.Interrupted`: nothing is written.
///
/// Drawing and training time are measured separately; `summary` reports both.
final class LiveView {
    struct Interrupted: Error, CustomStringConvertible {
        let step: Int
        var description: String { "interrupted at step \(step); nothing written" }
    }

    /// Steps between redraws that `+` and `-` move through.
    static let ladder = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]

    let trainer: GANTrainer
    let terminal: any LiveTerminal
    let style: TerminalStyle
    let probe: LiveProbe
    var losses: LossHistory
    var paused = false
    var stepsPerRedraw = 1
    /// Whether the view still chooses `stepsPerRedraw` itself (until `+` or `-`).
    var automatic = true
    private var stepsDone = 0
    var quit = false
    private(set) var redraws = 0
    private(set) var drawing: Duration = .zero
    private(set) var training: Duration = .zero
    /// The part of `drawing` spent turning a snapshot into text (the rest is the model's forward passes).
    private(set) var composing: Duration = .zero
    private let clock = ContinuousClock()
    private var layout: LiveLayout?
    private var lastFrame: ContinuousClock.Instant?
    private var rate = 0.0

    init(trainer: GANTrainer, terminal: any LiveTerminal, style: TerminalStyle) {
        self.trainer = trainer
        self.terminal = terminal
        self.style = style
        probe = LiveProbe(trainer: trainer)
        losses = LossHistory(firstStep: trainer.step + 1)
    }

    /// Trains to the configured number of steps (or until `q`), redrawing every `stepsPerRedraw`
    /// steps; then shows the last frame until `q`. Throws `Interrupted` on Ctrl-C or a signal, and
    /// whatever training throws (a divergence); the caller restores the terminal in every case.
    func run() throws {
        draw()
        var sinceDraw = 0
        while !quit {
            try handle(terminal.readKeys(timeout: paused || isDone ? .milliseconds(100) : .zero))
            if quit { break }
            if paused || isDone {
                if layout != currentLayout() { draw() }
                continue
            }
            try step()
            sinceDraw += 1
            if sinceDraw >= stepsPerRedraw || isDone || layout != currentLayout() {
                draw()
                sinceDraw = 0
            }
        }
    }

    var isDone: Bool { trainer.step >= trainer.config.steps }

    /// One step, timed, its losses recorded.
    private func step() throws {
        let start = clock.now
        try trainer.trainStep { losses.record($0) }
        training += start.duration(to: clock.now)
        stepsDone += 1
    }

    /// The steps between redraws the view picks from the measured mean costs of a step `t` and of
    /// a frame `f`: enough steps that drawing takes at most a tenth of the time
    /// (`n t >= 9 f`), but no more than keep 10 redraws a second (`n t + f <= 100 ms`) when
    /// the two conflict; at least 1.
    static func automaticStepsPerRedraw(step t: Double, frame f: Double) -> Int {
        guard t > 0 else { return 1 }
        let most = Double(ladder.last!)                  // capped in Double: an absurd ratio must not trap in Int()
        let forShare = Int(min((9 * f / t).rounded(.up), most))
        let forRate = Int(min(max(((0.1 - f) / t).rounded(.down), 1), most))
        return max(1, min(forShare, forRate))
    }

    func handle(_ keys: [UInt8]) throws {
        if terminal.interrupted { throw Interrupted(step: trainer.step) }
        for key in keys {
            switch key {
            case 3: throw Interrupted(step: trainer.step)                       // Ctrl-C
            case UInt8(ascii: "q"), UInt8(ascii: "Q"): quit = true; return
            case UInt8(ascii: " "): paused.toggle()
            case UInt8(ascii: "n") where paused && !isDone: try step()
            case UInt8(ascii: "d"): toggle(.discriminator)
            case UInt8(ascii: "g"): toggle(.generator)
            case UInt8(ascii: "+"), UInt8(ascii: "="):
                automatic = false
                stepsPerRedraw = Self.ladder.first { $0 > stepsPerRedraw } ?? stepsPerRedraw
            case UInt8(ascii: "-"), UInt8(ascii: "_"):
                automatic = false
                stepsPerRedraw = Self.ladder.last { $0 < stepsPerRedraw } ?? stepsPerRedraw
            default: continue                                                      // other keys, escape sequences
            }
            draw()
        }
    }

    private func toggle(_ player: TrainingConfig.Player) {
        if trainer.frozen.contains(player) { trainer.frozen.remove(player) } else { trainer.frozen.insert(player) }
    }

    private func currentLayout() -> LiveLayout {
        let (columns, rows) = terminal.size()
        return LiveLayout(columns: columns, rows: rows)
    }

    /// Composes and writes one frame from the top-left corner: each line clears the rest of its
    /// row, and the screen below the frame is cleared, so nothing of an older frame remains.
    func draw() {
        let start = clock.now
        let now = currentLayout()
        if let previous = lastFrame {
            let seconds = Self.seconds(previous.duration(to: start))
            if seconds > 0 { rate = 0.8 * rate + 0.2 / seconds }
        }
        lastFrame = start
        let snapshot = probe.snapshot(trainer, layout: now, status: status(), losses: losses)
        let composeStart = clock.now
        let lines = LiveFrame.lines(snapshot, layout: now, style: style)
        composing += composeStart.duration(to: clock.now)
        terminal.write(Self.home + lines.joined(separator: Self.clearLine + "\r\n") + Self.clearLine + Self.clearBelow)
        layout = now
        redraws += 1
        drawing += start.duration(to: clock.now)
        if automatic && stepsDone > 0 {
            stepsPerRedraw = Self.automaticStepsPerRedraw(step: Self.seconds(training) / Double(stepsDone),
                                                          frame: Self.seconds(drawing) / Double(redraws))
        }
    }

    /// The status line's items, most important first.
    func status() -> [String] {
        let config = trainer.config
        var items = ["\(config.objective) on \(config.data)", "step \(trainer.step)/\(config.steps)"]
        items.append(isDone ? "done: q to leave" : paused ? "PAUSED" : "running")
        if trainer.frozen.contains(.discriminator) { items.append("D frozen") }
        if trainer.frozen.contains(.generator) { items.append("G frozen") }
        items.append("\(stepsPerRedraw) steps/redraw" + (automatic ? " (auto)" : ""))
        let total = Self.seconds(drawing + training)
        if total > 0 && !paused && !isDone {
            items.append(String(format: "%.1f redraws/s, drawing %.0f%%", rate, 100 * Self.seconds(drawing) / total))
        }
        return items
    }

    /// `live view: 412 redraws in 30.1 s of training and drawing (13.7/s); drawing 9.8% of that time
    /// (2.4 ms a frame, 0.9 ms of it composing text), training 7.1 ms a step`:
    /// the measured cost of watching (time paused or waiting after the end not counted).
    func summary() -> String {
        let busy = Self.seconds(drawing + training)
        return String(format: "live view: %d redraws in %.1f s of training and drawing (%.1f/s); drawing %.1f%% of that time "
                      + "(%.1f ms a frame, %.1f ms of it composing text), training %.1f ms a step",
                      redraws, busy, Double(redraws) / max(busy, 1e-9), 100 * Self.seconds(drawing) / max(busy, 1e-9),
                      1000 * Self.seconds(drawing) / Double(max(redraws, 1)), 1000 * Self.seconds(composing) / Double(max(redraws, 1)),
                      1000 * Self.seconds(training) / Double(max(stepsDone, 1)))
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    static let home = "\u{1B}[H"
    static let clearLine = "\u{1B}[K"
    static let clearBelow = "\u{1B}[J"
}
