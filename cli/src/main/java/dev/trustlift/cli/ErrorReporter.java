package dev.trustlift.cli;

import dev.trustlift.core.cloud.CloudException;
import dev.trustlift.disk.io.CorruptImageException;
import java.io.FileNotFoundException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * Turns failures into one clear line and an exit code. A person never sees a stack trace
 * unless TRUSTLIFT_DEBUG is set.
 */
public final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {

    /** Thrown by commands for bad input that picocli cannot detect (a malformed CSV, a missing file). */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        cmd.getErr().println("trustlift: error: " + describe(ex));
        if (System.getenv("TRUSTLIFT_DEBUG") != null) {
            ex.printStackTrace(cmd.getErr());
        }
        return exitCodeFor(ex);
    }

    static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        cmd.getErr().println("trustlift: " + ex.getMessage());
        // picocli's own handler offers "Did you mean" for a mistyped command or option; so do we.
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, cmd.getErr());
        cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        return ExitCodes.USAGE;
    }

    /** Usage errors are the user's input; a cloud refusal (403 included) is a failure to act on, exit 1. */
    static int exitCodeFor(Throwable ex) {
        if (ex instanceof UsageException || ex instanceof NoSuchFileException || ex instanceof FileNotFoundException
                || ex instanceof AccessDeniedException || ex instanceof CorruptImageException) {
            return ExitCodes.USAGE;
        }
        return ExitCodes.FAILURE;
    }

    static String describe(Throwable ex) {
        if (ex instanceof NoSuchFileException e) {
            return "no such file: " + e.getFile();
        }
        if (ex instanceof AccessDeniedException e) {
            return "permission denied: " + e.getFile();
        }
        if (ex instanceof CloudException e && MissingPermission.isAccessDenied(e)) {
            return MissingPermission.describe(e);
        }
        String message = ex.getMessage();
        if (message == null || message.isBlank()) {
            message = ex.getClass().getSimpleName();
        }
        return message.lines().findFirst().orElse(message);
    }

}
