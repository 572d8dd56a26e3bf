import Foundation

/// Everything a command may touch outside itself: where its output goes, where a line of input
/// comes from, whether a person is at a terminal, and the environment.
///
/// Commands never call `print` or read `ProcessInfo` directly; they go through an `IO`. The real
/// program uses ``standard()``; tests use ``capture(input:interactive:environment:currentDirectory:)``
/// and read back what a command wrote, so the whole CLI runs in-process.
///
/// ```
/// let (io, captured) = IO.capture()
/// io.print("hello")
/// captured.standardOutput   // "hello\n"
/// ```
public struct IO {
    /// Writes text to standard output as is (no newline added).
    public var writeOutput: (String) -> Void
    /// Writes text to standard error as is (no newline added).
    public var writeError: (String) -> Void
    /// Reads one line of input without its newline; `nil` at end of input.
    public var readLine: () -> String?
    /// Whether standard output is a terminal (colour is allowed only then).
    public var outputIsTerminal: Bool
    /// Whether standard input is a terminal (a person can press Enter).
    public var inputIsTerminal: Bool
    /// The process environment (`NO_COLOR`, `GAN_NOTES_LESSONS`, ...).
    public var environment: [String: String]
    /// The directory relative paths are resolved against, and where the search for `Lessons/` starts.
    public var currentDirectory: String
    /// Whether standard error is a terminal: progress lines (which overwrite themselves) go there
    /// only then.
    public var errorIsTerminal: Bool
    /// The width of the terminal in columns (80 when output is not a terminal and `COLUMNS` is not
    /// set): reports size their figures and the lesson runner reflows its prose to it.
    public var columns: Int
    /// Where a command hands its result value (the JSON that `--json` would print) besides showing
    /// its report. The lesson runner listens, to check a lesson's claims against the run it just
    /// showed; `nil` when nobody listens.
    public var recordResult: ((_ json: Data) -> Void)?
    /// Whether a write to standard output or error has failed (a closed pipe, a full disk, a
    /// closed descriptor). Later writes are dropped and the program ends with a non-zero status.
    public var writeFailed: () -> Bool = { false }

    public init(
        writeOutput: @escaping (String) -> Void,
        writeError: @escaping (String) -> Void,
        readLine: @escaping () -> String?,
        outputIsTerminal: Bool,
        inputIsTerminal: Bool,
        environment: [String: String],
        currentDirectory: String,
        errorIsTerminal: Bool = false,
        columns: Int = 80,
        recordResult: ((_ json: Data) -> Void)? = nil
    ) {
        self.writeOutput = writeOutput
        self.writeError = writeError
        self.readLine = readLine
        self.outputIsTerminal = outputIsTerminal
        self.inputIsTerminal = inputIsTerminal
        self.environment = environment
        self.currentDirectory = currentDirectory
        self.errorIsTerminal = errorIsTerminal
        self.columns = columns
        self.recordResult = recordResult
    }

    /// Writes `line` and a newline to standard output.
    public func print(_ line: String = "") { writeOutput(line + "\n") }

    /// Writes `line` and a newline to standard error.
    public func printError(_ line: String) { writeError(line + "\n") }

    /// Whether a person is at the keyboard and watching: both input and output are terminals.
    /// The lesson runner waits for Enter only then.
    public var isInteractive: Bool { inputIsTerminal && outputIsTerminal }

    /// Whether to use ANSI colour and bold: only on a terminal, never when `NO_COLOR` is set to a
    /// non-empty value (https://no-color.org) or `TERM` is `dumb`.
    public var useColor: Bool {
        outputIsTerminal
            && (environment["NO_COLOR"] ?? "").isEmpty
            && environment["TERM"] != "dumb"
    }
}

extension IO {
    /// The process's real standard streams, environment and working directory.
    ///
    /// Output is written unbuffered (`FileHandle`), so standard output and standard error keep
    /// their order on a terminal and a prompt shows before the program waits for Enter.
    ///
    /// A failed write (`> /dev/full`, a closed descriptor `>&-`, a reader that went away as in
    /// `| head -1`) does not trap: it is remembered, later writes are dropped, the command
    /// finishes (so the files it was asked to write are written) and ``GANNotes/main()`` exits
    /// with status 1 without a word, since there is nowhere left to say one.
    public static func standard() -> IO {
        let output = StandardStream(STDOUT_FILENO), error = StandardStream(STDERR_FILENO)
        var io = IO(
            writeOutput: { output.write($0) },
            writeError: { error.write($0) },
            readLine: { Swift.readLine(strippingNewline: true) },
            outputIsTerminal: isatty(STDOUT_FILENO) != 0,
            inputIsTerminal: isatty(STDIN_FILENO) != 0,
            environment: ProcessInfo.processInfo.environment,
            currentDirectory: FileManager.default.currentDirectoryPath,
            errorIsTerminal: isatty(STDERR_FILENO) != 0,
            columns: terminalColumns())
        io.writeFailed = { output.failed || error.failed }
        return io
    }

    /// Makes the standard streams safe to write before anything else runs: a broken pipe becomes
    /// an error (`EPIPE`) instead of a signal that kills the process before files are committed,
    /// and a standard descriptor the caller closed is reopened on `/dev/null`, read-only, so that
    /// writes to it fail (and are noticed) instead of the next `open` taking its number and our
    /// output landing in a checkpoint.
    static func prepareStandardStreams() {
        signal(SIGPIPE, SIG_IGN)
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) == -1 {
            let null = open("/dev/null", O_RDONLY)
            if null >= 0 && null != descriptor { dup2(null, descriptor); close(null) }
        }
    }

    /// The terminal's width: the window size of standard output (or error) when either is a
    /// terminal, else `COLUMNS`, else 80. Never below 40, so figures keep a usable size.
    static func terminalColumns() -> Int {
        var size = winsize()
        for fd in [STDOUT_FILENO, STDERR_FILENO] where isatty(fd) != 0 {
            if ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return max(40, Int(size.ws_col)) }
        }
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let n = Int(text), n > 0 { return max(40, n) }
        return 80
    }

    /// An `IO` that records what is written and answers reads from `input`, for tests.
    ///
    /// - Parameters:
    ///   - input: the lines `readLine` returns, in order; after them it returns `nil`.
    ///   - interactive: pretend both standard input and output are terminals.
    ///   - environment: the environment commands see (empty by default, so no `NO_COLOR` surprises).
    ///   - currentDirectory: the working directory commands see.
    /// - Returns: the `IO` and the ``CapturedIO`` that records its traffic.
    public static func capture(
        input: [String] = [],
        interactive: Bool = false,
        environment: [String: String] = [:],
        currentDirectory: String = FileManager.default.currentDirectoryPath,
        columns: Int = 80
    ) -> (io: IO, captured: CapturedIO) {
        let captured = CapturedIO(input: input)
        let io = IO(
            writeOutput: { captured.standardOutput += $0 },
            writeError: { captured.standardError += $0 },
            readLine: { captured.nextInputLine() },
            outputIsTerminal: interactive,
            inputIsTerminal: interactive,
            environment: environment,
            currentDirectory: currentDirectory,
            errorIsTerminal: interactive,
            columns: columns)
        return (io, captured)
    }
}

/// What an ``IO`` made by ``IO/capture(input:interactive:environment:currentDirectory:)`` has seen.
public final class CapturedIO {
    /// Everything written to standard output.
    public var standardOutput = ""
    /// Everything written to standard error.
    public var standardError = ""
    /// Input lines not read yet.
    public private(set) var remainingInput: [String]
    /// How many times `readLine` was called (including calls that found no input left).
    public private(set) var readCount = 0

    init(input: [String]) { remainingInput = input }

    func nextInputLine() -> String? {
        readCount += 1
        return remainingInput.isEmpty ? nil : remainingInput.removeFirst()
    }
}

/// One standard stream, written with `write(2)` so that a failure is a return value rather than
/// an Objective-C style exception (which `FileHandle.write` raises, and Swift cannot catch).
final class StandardStream: @unchecked Sendable {
    let descriptor: Int32
    /// Set by the first failed write; every later write is dropped.
    private(set) var failed = false

    init(_ descriptor: Int32) { self.descriptor = descriptor }

    func write(_ text: String) {
        guard !failed else { return }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { systemWrite(descriptor, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { failed = true; return }
            bytes = bytes.dropFirst(n)
        }
    }
}
