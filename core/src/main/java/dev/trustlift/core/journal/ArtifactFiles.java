package dev.trustlift.core.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The artifact folder beside a journal file ({@code <journal>.d/}): one folder per campaign, one per
 * VM ({@code <vm name>-<8 hex of the VM id's SHA-256>}, since ARM ids hold slashes and names repeat
 * across resource groups), the files under their own names. A file is written whole (temporary file,
 * fsync, atomic rename) before its row is, so a row never names a half-written file.
 */
final class ArtifactFiles {
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final Path folder;

    ArtifactFiles(Path journalFile) {
        Path absolute = journalFile.toAbsolutePath();
        this.folder = absolute.resolveSibling(absolute.getFileName() + ".d");
    }

    Path folder() {
        return folder;
    }

    record Written(String relativePath, long size, String sha256) {
    }

    Written write(String campaignId, String vmId, String name, byte[] content) {
        if (!PLAIN_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("an artifact name is a plain file name (letters, digits, . _ -), got: " + name);
        }
        Path relative = Path.of(segment(campaignId, campaignId), segment(lastSegment(vmId), vmId), name);
        Path target = folder.resolve(relative);
        try {
            Files.createDirectories(target.getParent());
            Path temporary = target.resolveSibling(name + ".writing");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncFolder(target.getParent());
        } catch (IOException e) {
            throw new JournalException("could not save the artifact " + target + ": " + e.getMessage(), e);
        }
        return new Written(relative.toString().replace('\\', '/'), content.length, sha256(content));
    }

    /** Makes the rename durable where the platform allows it (Linux, macOS); Windows cannot open folders. */
    private static void syncFolder(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Not supported here; the rename is still atomic, only its durability is the OS's.
        }
    }

    private static String lastSegment(String vmId) {
        String trimmed = vmId.endsWith("/") ? vmId.substring(0, vmId.length() - 1) : vmId;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    private static String segment(String readable, String identity) {
        String safe = readable.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.length() > 64) {
            safe = safe.substring(0, 64);
        }
        return safe + "-" + sha256(identity.getBytes(StandardCharsets.UTF_8)).substring(0, 8);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
