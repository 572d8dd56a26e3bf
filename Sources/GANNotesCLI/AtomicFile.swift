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
/// ```
/// try AtomicFile.write("{\"steps\": 2000}\n", to: "run.json")
/// try AtomicFile.write("x", to: "/no/such/dir/run.json")
/// // throws: cannot write '/no/such/dir/run.json': No such file or directory
/// ```
public enum AtomicFile {
    /// A file that could not be written, with the destination path and the system's reason.
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

    /// Writes `data` to `path`, replacing any file there, atomically.
    ///
    /// - Throws: ``WriteError`` naming `path` (not the temporary file) when the directory does not
    ///   exist or is not writable, the disk is full, or `path` is a directory. The temporary file
    ///   is removed on failure.
    public static func write(_ data: Data, to path: String) throws(WriteError) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        // Hidden, and unique per process and call, so concurrent writers never share a temporary.
        let temporary = directory + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UUID().uuidString)"

        func failure(_ code: Int32) -> WriteError {
            WriteError(path: path, reason: String(cString: strerror(code)))
        }

        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else { throw failure(errno) }
        var written = 0
        let writeError: Int32? = data.withUnsafeBytes { buffer in
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
        if let writeError {
            unlink(temporary)
            throw failure(writeError)
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw failure(code)
        }
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
