package dev.trustlift.cli;

/** Process exit codes shared by every command; scripts and CI depend on them. */
public final class ExitCodes {
    /** Everything done, nothing blocked. */
    public static final int OK = 0;
    /** The tool itself failed (I/O error, cloud unreachable, bug). */
    public static final int FAILURE = 1;
    /** Bad command line or bad input file. */
    public static final int USAGE = 2;
    /** The input was understood but refused: a rule failed, a VM is blocked. Nothing was changed. */
    public static final int REFUSED = 3;
    /** Some items succeeded and some failed. */
    public static final int PARTIAL = 4;
    /**
     * A run was interrupted (Ctrl-C, SIGTERM): assess wrote the report of what it had assessed,
     * marked partial; a run that changes things must be resumed. Not 130: scripts tell "stopped
     * by a signal, with output" from "killed" by it.
     */
    public static final int INTERRUPTED = 5;

    private ExitCodes() {
    }
}
