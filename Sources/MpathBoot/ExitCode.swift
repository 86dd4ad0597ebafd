// ExitCode: what mpathboot's exit status means (documented in --help).

/// Process exit statuses.
public enum ExitCode: Int32, Sendable {
    /// Every planned map exists (created now or before).
    case success = 0
    /// Something failed: a map could not be made (and was removed), or the system could not
    /// be scanned. Details are logged.
    case failure = 1
    /// Nothing to multipath: no WWID has two paths or a wwids entry.
    case nothingToDo = 2
    /// The command line was wrong.
    case usage = 64
}
