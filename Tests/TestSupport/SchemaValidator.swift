// Validates mpathboot's JSON against docs/report.schema.json with the same validator the VM
// tests use (scripts/validate-report.py, python3-jsonschema from Debian).
import Foundation

public enum SchemaValidator {
    /// The repository root (this file is Tests/TestSupport/SchemaValidator.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// nil when `json` is valid, else the validator's complaint (or why it could not run).
    public static func problems(_ json: String) -> String? {
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("mpathboot-report-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).json")
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            try json.write(to: file, atomically: true, encoding: .utf8)
        } catch {
            return "cannot write \(file.path): \(error)"
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [root.appendingPathComponent("scripts/validate-report.py").path, file.path]
        let errors = Pipe()
        process.standardError = errors
        do {
            try process.run()
        } catch {
            return "cannot run the validator: \(error)"
        }
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return process.terminationStatus == 0 ? nil : (text.isEmpty ? "exit \(process.terminationStatus)" : text)
    }
}
