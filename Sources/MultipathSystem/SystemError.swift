// SystemError: the one error type of the OS layer. Every case names the file or device
// and carries the errno (or the SCSI/device-mapper detail) so a log line is actionable.
import MultipathCore

/// A failure talking to the kernel.
public enum SystemError: Error, Equatable, Sendable {
    /// A file operation (`open`, `read`, `readlink`, `opendir`, `mknod`) failed on `path`.
    case file(path: String, operation: String, Errno)
    /// An ioctl on `device` failed.
    case ioctl(device: String, request: String, Errno)
    /// A SCSI command completed with an error status (decoded sense, host/driver status).
    case scsi(device: String, command: String, detail: String)
    /// A device-mapper operation failed. `step` names where in a sequence it happened.
    case deviceMapper(step: String, name: String, errno: Errno?, detail: String)
    /// Data read from the kernel could not be understood.
    case malformed(path: String, detail: String)

    /// One line for a log: what failed, on what, and why.
    public var message: String {
        switch self {
        case .file(let path, let operation, let errno):
            return "\(operation) \(path): \(errno)"
        case .ioctl(let device, let request, let errno):
            return "\(request) on \(device): \(errno)"
        case .scsi(let device, let command, let detail):
            return "\(command) on \(device): \(detail)"
        case .deviceMapper(let step, let name, let errno, let detail):
            var text = name.isEmpty ? "device-mapper \(step) failed" : "device-mapper \(step) of \(name) failed"
            if let errno { text += ": \(errno)" }
            if !detail.isEmpty { text += " (\(detail))" }
            return text
        case .malformed(let path, let detail):
            return "\(path): \(detail)"
        }
    }
}

/// The partition table reader reports read failures with the errno text.
extension SystemError: SectorReadError {}
