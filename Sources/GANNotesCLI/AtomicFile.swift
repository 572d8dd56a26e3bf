import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so that a reader finds either the old file or the complete new one, never half
/// of it: a run record, an SVG figure or a checkpoint survives a crash or Ctrl-C mid-write.
///
/// How: write everything to a temporary file in the same directory, flush it to disk, then
/// `rename(2)` it over the destination. POSIX guarantees that a rename within one file system
/// replaces the destination atomically; the same directory guarantees the same file system.
///
/// Only a regular file (or nothing) is ever replaced: a symbolic link, a FIFO, a device node or a
/// directory at the destination is refused, since renaming over it would silently swap a link for
/// a file, or never return on a FIFO. Temporary names are short (`.gan-notes-PID-N.tmp`), so a
/// destination name near the system's limit still works, and a temporary left by a killed run is
/// recognised by its dead process id and removed (``removeStaleTemporaries(in:)``).
///
/// ```
/// try AtomicFile.write("{\"steps\": 2000}\n", to: "run.json")
/// try AtomicFile.write("x", to: "/no/such/dir/run.json")
/// // throws: cannot write '/no/such/dir/run.json': no such directory '/no/such/dir'
/// ```
public enum AtomicFile {
    /// A file that could not be written, with the destination path and the reason.
    public struct WriteError: Error, Equatable, CustomStringConvertible {
        public var path: String
        public var reason: String
        /// `cannot write 'run.json': Permission denied`
        public var description: String { "cannot write '\(path)': \(reason)" }
    }

    /// Writes `text` as UTF-8 to `path`, replacing any file there, atomically.
    public static func write(_ text: String, to path: String) throws(WriteError) {
        try write(Data(text.utf8), to: path)
    }

    /// Writes `data` to `path`, replacing any regular file there, atomically.
    ///
    /// - Throws: ``WriteError`` naming `path` (not the temporary file) when the directory does not
    ///   exist or is not writable, the disk is full, or `path` is not a regular file. The
    ///   temporary file is removed on failure.
    public static func write(_ data: Data, to path: String) throws(WriteError) {
        if let problem = destinationProblem(path) { throw WriteError(path: path, reason: problem) }
        removeStaleTemporaries(in: directoryOf(path))
        let temporary = try writeTemporary(data, for: path)
        try commit(temporary, to: path)
    }

    /// Why `path` cannot be written, in words (`is a directory`, `no such directory 'out'`);
    /// `nil` when it is a regular file or absent and its directory exists and is writable.
    public static func destinationProblem(_ path: String) -> String? {
        if path.isEmpty { return "the path is empty" }
        let name = URL(fileURLWithPath: path).lastPathComponent
        if name.utf8.count > Int(NAME_MAX) { return "the file name is \(name.utf8.count) bytes long; the limit is \(NAME_MAX)" }
        var status = stat()
        if lstat(path, &status) == 0 {
            switch status.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFDIR: return "it is a directory; expected a file path"
            case S_IFLNK: return "it is a symbolic link; give the path of the file itself"
            default: return "it is not a regular file (a FIFO, socket or device); expected a file path"
            }
        } else if errno != ENOENT {
            return String(cString: strerror(errno))
        }
        let directory = directoryOf(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            return "no such directory '\(directory)'"
        }
        guard isDirectory.boolValue else { return "'\(directory)' is not a directory" }
        guard access(directory, W_OK | X_OK) == 0 else { return "the directory '\(directory)' is not writable" }
        return nil
    }

    /// The directory `path` is in (`.` for a bare name).
    static func directoryOf(_ path: String) -> String {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return path.contains("/") ? directory : "."
    }

    /// Writes `data` to a new temporary file beside `path`, flushed to disk, and returns its path.
    static func writeTemporary(_ data: Data, for path: String) throws(WriteError) -> String {
        let directory = directoryOf(path)
        var temporary = "", descriptor: Int32 = -1
        repeat {  // a name left by an earlier process with our pid is skipped, not reused
            temporary = directory + "/" + temporaryPrefix + "\(getpid())-\(TemporaryCounter.shared.next()).tmp"
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        } while descriptor < 0 && errno == EEXIST
        guard descriptor >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        var written = 0
        let failure: Int32? = data.withUnsafeBytes { buffer in
            while written < buffer.count {
                let n = systemWrite(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                written += n
            }
            // Flush to disk before the rename, or a crash could leave the new name on empty data.
            return fsync(descriptor) == 0 ? nil : errno
        }
        close(descriptor)
        if let failure {
            unlink(temporary)
            throw WriteError(path: path, reason: String(cString: strerror(failure)))
        }
        return temporary
    }

    /// Renames `temporary` over `path` (checked again just before, so nothing but a regular file
    /// is replaced), then flushes the directory so the new name itself survives a crash.
    static func commit(_ temporary: String, to path: String) throws(WriteError) {
        if let problem = destinationProblem(path) {
            unlink(temporary)
            throw WriteError(path: path, reason: problem)
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw WriteError(path: path, reason: String(cString: strerror(code)))
        }
        let directory = open(directoryOf(path), O_RDONLY)
        if directory >= 0 { fsync(directory); close(directory) }
    }

    /// How our temporary names start.
    static let temporaryPrefix = ".gan-notes-"

    /// Removes temporaries that a killed `gan-notes` left in `directory`: files named
    /// `.gan-notes-PID-N.tmp` (or `.NAME.tmp-PID-UUID`, the older form) whose process `PID` no
    /// longer runs. A live process's temporaries, and every other file, are left alone.
    public static func removeStaleTemporaries(in directory: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names {
            guard let pid = temporaryOwner(name), pid > 0, pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(directory + "/" + name) }
        }
    }

    /// The process id in one of our temporary names, or `nil` if `name` is not one of them.
    static func temporaryOwner(_ name: String) -> pid_t? {
        if name.hasPrefix(temporaryPrefix) && name.hasSuffix(".tmp") {
            let middle = name.dropFirst(temporaryPrefix.count).dropLast(4).split(separator: "-")
            guard middle.count == 2, Int(middle[1]) != nil else { return nil }
            return pid_t(middle[0])
        }
        // .NAME.tmp-PID-UUID (UUIDs are 36 characters)
        guard name.hasPrefix("."), let marker = name.range(of: ".tmp-", options: .backwards) else { return nil }
        let tail = name[marker.upperBound...]
        guard let dash = tail.firstIndex(of: "-"), tail[tail.index(after: dash)...].count == 36,
              UUID(uuidString: String(tail[tail.index(after: dash)...])) != nil else { return nil }
        return pid_t(tail[..<dash])
    }
}

/// Numbers this process's temporary files, so two writes never pick the same name.
final class TemporaryCounter: @unchecked Sendable {
    static let shared = TemporaryCounter()
    private let lock = NSLock()
    private var value = 0
    func next() -> Int {
        lock.lock(); defer { lock.unlock() }
        value += 1
        return value
    }
}

/// `write(2)`, under a name that the static `AtomicFile.write` methods do not hide.
func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, bytes, count)
    #else
    Darwin.write(descriptor, bytes, count)
    #endif
}
