import Foundation
import Dispatch
import Plots
import Training

extension LiveView {
    /// Whether `train --live` can draw: standard input and output must both be terminals (a
    /// person can watch and press keys) and the data 2-D. When not, says so in one line on
    /// standard error, and the caller trains as without `--live`.
    static func available(_ io: IO, trainer: GANTrainer) -> Bool {
        guard trainer.data.dimension == 2 else {
            io.printError("train --live: the live view draws 2-D data; \(trainer.config.data) is \(trainer.data.dimension)-D, training without it")
            return false
        }
        if io.isInteractive && isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 && io.environment["TERM"] != "dumb" {
            return true
        }
        io.printError("train --live: standard input and output are not both a terminal; training without the live view")
        return false
    }

    /// Runs the live view on the process's terminal: raw keys, the alternate screen, a hidden
    /// cursor, all restored on every way out (q, Ctrl-C, a signal, an error, a divergence).
    /// Prints the measured redraw rate and drawing share when it ends.
    static func run(_ trainer: GANTrainer, io: IO) throws {
        let terminal = try RawTerminal(write: io.writeOutput)
        let view = LiveView(trainer: trainer, terminal: terminal, style: io.useColor ? .ansi256 : .plain)
        do {
            try view.run()
        } catch {
            terminal.restore()
            io.print(view.summary())
            throw error
        }
        terminal.restore()
        io.print(view.summary())
        io.print("stopped at step \(trainer.step) of \(trainer.config.steps)")
    }
}

/// The terminal settings to put back if the program crashes (a trap) while in raw mode.
///
/// The one global of the live view, because a signal handler can capture nothing: it is written
/// once before raw mode starts and cleared when the terminal is restored, and the handler only
/// reads it with async-signal-safe calls (`tcsetattr`, `write`).
nonisolated(unsafe) private var crashRestore: termios?
nonisolated(unsafe) private var crashPrevious: [Int32: sigaction] = [:]

/// On a crash signal: the terminal back to its settings, the main screen and the cursor back, then
/// the previous handler (the Swift runtime's backtracer) reinstalled and the signal raised again
/// for it.
private func restoreOnCrash(_ number: Int32) {
    if var settings = crashRestore {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &settings)
        let reset: [UInt8] = Array("\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l\r\n".utf8)
        _ = reset.withUnsafeBufferPointer { Glibc.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }
    if var previous = crashPrevious[number] { sigaction(number, &previous, nil) } else { signal(number, SIG_DFL) }
    raise(number)              // delivered on return, to that handler (also for a signal sent by kill)
}

/// A set-once flag that a signal handler on another thread raises and the training loop reads.
final class SignalFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false
    func raise() { lock.lock(); raised = true; lock.unlock() }
    var isRaised: Bool { lock.lock(); defer { lock.unlock() }; return raised }
}

/// The process's terminal in raw mode: keys arrive one by one without echo (Ctrl-C as the byte 3,
/// not a signal), reads never block, and output goes to the alternate screen with the cursor
/// hidden. `restore()` puts every setting back; it is safe to call twice.
final class RawTerminal: LiveTerminal {
    private var original = termios()
    private var restored = false
    private let writeOutput: (String) -> Void
    private let stop = SignalFlag()
    private var sources: [any DispatchSourceSignal] = []
    private static let signals = [SIGTERM, SIGHUP, SIGINT]
    /// What a Swift trap or a memory fault raises.
    private static let crashSignals = [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE]

    struct Unavailable: Error, CustomStringConvertible {
        var description: String { "cannot put the terminal in raw mode (tcgetattr/tcsetattr failed)" }
    }

    init(write: @escaping (String) -> Void) throws {
        writeOutput = write
        guard tcgetattr(STDIN_FILENO, &original) == 0 else { throw Unavailable() }
        var raw = original
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 0      // a read returns at once, with what is there
            cc[Int(VTIME)] = 0
        }
        crashRestore = original
        for number in Self.crashSignals {
            var action = sigaction(), previous = sigaction()
            action.__sigaction_handler.sa_handler = restoreOnCrash
            sigaction(number, &action, &previous)
            crashPrevious[number] = previous
        }
        guard tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) == 0 else { throw Unavailable() }
        let flag = stop
        for number in Self.signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { flag.raise() }
            source.resume()
            sources.append(source)
        }
        // Alternate screen, hidden cursor, cleared.
        write("\u{1B}[?1049h\u{1B}[?25l\u{1B}[2J")
    }

    func restore() {
        guard !restored else { return }
        restored = true
        writeOutput("\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l")
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
        for source in sources { source.cancel() }
        for number in Self.signals { signal(number, SIG_DFL) }
        for number in Self.crashSignals {
            if var previous = crashPrevious[number] { sigaction(number, &previous, nil) }
        }
        crashRestore = nil
    }

    deinit { restore() }

    var interrupted: Bool { stop.isRaised }

    func size() -> (columns: Int, rows: Int) {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return (80, 24) }
        return (Int(size.ws_col), Int(size.ws_row))
    }

    func readKeys(timeout: Duration) -> [UInt8] {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(LiveView.seconds(timeout) * 1000)
        guard poll(&descriptor, 1, milliseconds) > 0 else { return [] }
        var keys: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let n = read(STDIN_FILENO, &buffer, buffer.count)
            guard n > 0 else { break }
            keys += buffer[0..<n]
            if n < buffer.count { break }
        }
        return keys
    }

    func write(_ text: String) { writeOutput(text) }
}
