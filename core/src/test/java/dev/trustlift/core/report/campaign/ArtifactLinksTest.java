package dev.trustlift.core.report.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trustlift.core.journal.Artifact;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ArtifactLinksTest {
    private static final Path FOLDER = Path.of("/srv/runs/my run/trustlift-journal.db.d");
    private static final Artifact LOG = new Artifact("c", "vm", "setupact.log", "c-1a2b/vm ä-3c4d/setupact.log", 10,
            "00", Instant.EPOCH);

    @Test
    void relativeToTheReportWithEachSegmentEncoded() {
        ArtifactLinks links = ArtifactLinks.forReport(FOLDER, Path.of("/srv/reports/run.html"));
        assertEquals("../runs/my run/trustlift-journal.db.d/c-1a2b/vm ä-3c4d/setupact.log", links.path(LOG));
        assertEquals("../runs/my%20run/trustlift-journal.db.d/c-1a2b/vm%20%C3%A4-3c4d/setupact.log", links.href(LOG));
        assertEquals(Path.of("/srv/runs/my run/trustlift-journal.db.d/c-1a2b/vm ä-3c4d/setupact.log"),
                Path.of(URI.create("file:///srv/reports/").resolve(links.href(LOG))));
    }

    @Test
    void absoluteWithoutAReportFile() {
        ArtifactLinks links = ArtifactLinks.forReport(FOLDER, null);
        assertEquals("/srv/runs/my run/trustlift-journal.db.d/c-1a2b/vm ä-3c4d/setupact.log", links.path(LOG));
        assertEquals(FOLDER.resolve(LOG.relativePath()).toUri().toString(), links.href(LOG));
    }
}
