package dev.trustlift.core.report.campaign;

import dev.trustlift.core.journal.Artifact;
import java.nio.file.Path;

/**
 * Where a report points for an artifact: relative to the report file when it is written to one (so
 * the report and the journal's folder can be moved or archived together), else the absolute path
 * (a report on stdout has no place of its own).
 */
public final class ArtifactLinks {
    private final Path artifactFolder;
    private final Path reportFolder;

    private ArtifactLinks(Path artifactFolder, Path reportFolder) {
        this.artifactFolder = artifactFolder.toAbsolutePath().normalize();
        this.reportFolder = reportFolder;
    }

    /** Links for a report written to {@code reportFile}, or absolute paths when it is null. */
    public static ArtifactLinks forReport(Path artifactFolder, Path reportFile) {
        Path folder = reportFile == null ? null : reportFile.toAbsolutePath().normalize().getParent();
        return new ArtifactLinks(artifactFolder, folder);
    }

    /** The artifact's file on this machine. */
    public Path file(Artifact artifact) {
        return artifactFolder.resolve(artifact.relativePath()).normalize();
    }

    /** The path a report shows and links: relative to the report with '/' separators, or absolute. */
    public String path(Artifact artifact) {
        Path file = file(artifact);
        if (reportFolder == null) {
            return file.toString();
        }
        try {
            return reportFolder.relativize(file).toString().replace('\\', '/');
        } catch (IllegalArgumentException e) {
            return file.toString(); // another drive (Windows): no relative path exists
        }
    }

    /** An href for HTML and Markdown: the relative path with each segment percent-encoded, or a file: URI. */
    public String href(Artifact artifact) {
        if (reportFolder == null || Path.of(path(artifact)).isAbsolute()) {
            return file(artifact).toUri().toString();
        }
        StringBuilder href = new StringBuilder();
        for (String segment : path(artifact).split("/")) {
            if (href.length() > 0) {
                href.append('/');
            }
            href.append(encode(segment));
        }
        return href.toString();
    }

    private static String encode(String segment) {
        StringBuilder b = new StringBuilder();
        for (byte c : segment.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-'
                    || c == '_' || c == '~') {
                b.append((char) c);
            } else {
                b.append('%').append(String.format(java.util.Locale.ROOT, "%02X", c & 0xff));
            }
        }
        return b.toString();
    }
}
