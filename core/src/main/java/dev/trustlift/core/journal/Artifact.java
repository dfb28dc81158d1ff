package dev.trustlift.core.journal;

import java.time.Instant;
import java.util.Objects;

/**
 * A file kept for one VM, e.g. MBR2GPT's setupact.log or a serial console log.
 *
 * @param relativePath where it lies, relative to the journal's artifact folder ({@link Journal#artifactFolder()})
 * @param sha256       the hex SHA-256 of its bytes, so a report can tell a damaged file
 */
public record Artifact(String campaignId, String vmId, String name, String relativePath, long sizeBytes,
                       String sha256, Instant saved) {
    public Artifact {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(vmId, "vmId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(saved, "saved");
    }
}
