package dev.trustlift.cli.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trustlift.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs trustlift in-process and real tools as processes, for the disk command tests. */
final class Shell {
    private Shell() {
    }

    record Run(int exitCode, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    static Run trustlift(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs a tool (searching /usr/sbin and /sbin too), feeding {@code stdin}; returns stdout, fails on non-zero. */
    static String tool(String stdin, String... command) throws IOException, InterruptedException {
        Run r = toolRun(stdin, command);
        assertEquals(0, r.exitCode(), String.join(" ", command) + " failed:\n" + r.out() + r.err());
        return r.out();
    }

    static Run toolRun(String stdin, String... command) throws IOException, InterruptedException {
        String[] cmd = command.clone();
        for (String dir : new String[] {"/usr/sbin", "/sbin", "/usr/bin"}) {
            if (!cmd[0].contains("/") && Files.isExecutable(Path.of(dir, cmd[0]))) {
                cmd[0] = dir + "/" + cmd[0];
                break;
            }
        }
        Path errFile = Files.createTempFile("tool", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(errFile.toFile()).start();
            try (var in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", cmd) + " timed out");
            }
            return new Run(p.exitValue(), out, Files.readString(errFile));
        } finally {
            Files.deleteIfExists(errFile);
        }
    }

    static Path sparse(Path path, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "rw")) {
            f.setLength(size);
        }
        return path;
    }

    /** Copies {@code sectors} 512-byte sectors from LBA {@code lba} of {@code image} to a new sparse file. */
    static Path extract(Path image, long lba, long sectors, Path target) throws IOException, InterruptedException {
        Files.deleteIfExists(target);
        tool(null, "dd", "if=" + image, "of=" + target, "bs=512", "skip=" + lba, "count=" + sectors, "conv=sparse",
                "status=none");
        try (RandomAccessFile f = new RandomAccessFile(target.toFile(), "rw")) {
            f.setLength(sectors * 512);
        }
        return target;
    }

    /** Writes {@code source} into {@code image} at LBA {@code lba} without truncating the image. */
    static void implant(Path source, Path image, long lba) throws IOException, InterruptedException {
        tool(null, "dd", "if=" + source, "of=" + image, "bs=512", "seek=" + lba, "conv=notrunc,sparse", "status=none");
    }

    static String sha256(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
