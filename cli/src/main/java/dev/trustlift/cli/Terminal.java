package dev.trustlift.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether this run's stdout and stderr are terminals: colour and the live progress bar are for
 * people at a terminal, never for pipes and files. Java tells only whether stdin and stdout both
 * are ({@code System.console()}), so on Linux each descriptor is read from /proc/self/fd: with
 * {@code assess > report.json} stderr is still a terminal and still gets the bar.
 */
public record Terminal(boolean stdout, boolean stderr) {
    /** Output captured by a caller (tests, {@link Main#run} with its own streams). */
    public static final Terminal NONE = new Terminal(false, false);

    static Terminal ofProcess() {
        boolean console = System.console() != null;
        return new Terminal(isTerminal(1, console), isTerminal(2, console));
    }

    private static boolean isTerminal(int fd, boolean fallback) {
        Path link = Path.of("/proc/self/fd/" + fd);
        if (!Files.isSymbolicLink(link)) {
            return fallback;
        }
        try {
            String target = Files.readSymbolicLink(link).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return fallback;
        }
    }
}
