package dev.trustlift.cli.disk;

import static dev.trustlift.cli.testing.ByteRanges.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustlift.cli.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The disk commands' contracts: exit codes, --dry-run, idempotence, JSON, formats, 4Kn detection. */
class DiskCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path sample(String preset, String file, String... extra) {
        Path out = dir.resolve(file);
        String[] args = new String[4 + extra.length];
        args[0] = "disk";
        args[1] = "sample";
        args[2] = preset;
        args[3] = out.toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        CliRun r = CliRun.of(args);
        assertEquals(0, r.exitCode(), r.out() + r.err());
        return out;
    }

    private static JsonNode inspectJson(Path img) throws Exception {
        CliRun r = CliRun.of("disk", "inspect", img.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        return JSON.readTree(r.out());
    }

    @Test
    void sampleChoosesTheFormatFromTheExtensionAndInspectReportsIt() throws Exception {
        JsonNode vhd = inspectJson(sample("windows-azure-default", "os.vhd", "--size-gib", "2"));
        assertEquals("vhd-dynamic", vhd.get("format").asText());
        assertEquals(2L << 30, vhd.get("virtualSize").asLong());
        assertEquals("MBR", vhd.get("classification").asText());
        assertEquals(2, vhd.get("partitions").size());
        assertTrue(vhd.get("partitions").get(0).get("active").asBoolean());
        assertEquals("raw", inspectJson(sample("linux-mbr-custom", "os.img", "--size-gib", "1")).get("format").asText());
        JsonNode fixed = inspectJson(sample("linux-azure-gpt", "gpt.vhd", "--size-gib", "1", "--format", "vhd-fixed"));
        assertEquals("vhd-fixed", fixed.get("format").asText());
        assertEquals("GPT", fixed.get("classification").asText());
        assertEquals("EF02", fixed.get("partitions").get(1).get("type").asText());
    }

    @Test
    void validateExitsZeroWhenEveryRulePassesAndThreeOtherwise() throws Exception {
        Path img = sample("windows-azure-default", "v.vhd", "--size-gib", "2");
        CliRun fail = CliRun.of("disk", "validate", img.toString(), "--os", "windows");
        assertEquals(3, fail.exitCode());
        assertTrue(fail.out().contains("FAIL  esp-room"), fail.out());
        assertTrue(fail.out().contains("remedy: no free 1 MiB-aligned space holds the ESP (100.0 MiB); grow the disk "
                + "by 100 MiB with --grow 100"), fail.out());
        CliRun pass = CliRun.of("disk", "validate", img.toString(), "--os", "windows", "--grow", "100", "--json");
        assertEquals(0, pass.exitCode(), pass.out());
        JsonNode report = JSON.readTree(pass.out());
        assertTrue(report.get("passed").asBoolean());
        assertEquals(8, report.get("rules").size());
        for (JsonNode rule : report.get("rules")) {
            assertEquals("PASS", rule.get("status").asText(), rule.toString());
        }
    }

    @Test
    void dryRunWritesNothingAndConvertIsIdempotent() throws Exception {
        Path img = sample("windows-azure-default", "d.vhd", "--size-gib", "2");
        String hash = sha256(img);
        long mtime = Files.getLastModifiedTime(img).toMillis();
        CliRun dry = CliRun.of("disk", "convert", img.toString(), "--os", "windows", "--grow", "100", "--dry-run");
        assertEquals(0, dry.exitCode(), dry.out() + dry.err());
        assertTrue(dry.out().contains("Dry run: nothing was written."), dry.out());
        assertTrue(dry.out().contains("grow the disk by 100.0 MiB"), dry.out());
        assertEquals(hash, sha256(img));
        assertEquals(mtime, Files.getLastModifiedTime(img).toMillis());

        CliRun convert = CliRun.of("disk", "convert", img.toString(), "--os", "windows", "--grow", "100");
        assertEquals(0, convert.exitCode(), convert.out() + convert.err());
        JsonNode after = inspectJson(img);
        assertEquals("GPT", after.get("classification").asText());
        assertEquals((2L << 30) + (100L << 20), after.get("virtualSize").asLong());
        assertEquals("EF00", after.get("partitions").get(2).get("type").asText());

        String converted = sha256(img);
        CliRun again = CliRun.of("disk", "convert", img.toString(), "--os", "windows", "--grow", "100");
        assertEquals(0, again.exitCode());
        assertTrue(again.out().contains("already GPT: nothing to convert"), again.out());
        assertEquals(converted, sha256(img));
    }

    @Test
    void fourKnImagesAreDetectedOnceGpt() throws Exception {
        Path img = sample("windows-azure-default", "4k.img", "--size-gib", "2", "--sector-size", "4096");
        CliRun r = CliRun.of("disk", "convert", img.toString(), "--os", "windows", "--sector-size", "4096",
                "--grow", "260");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        JsonNode after = inspectJson(img);
        assertEquals(4096, after.get("sectorSize").asInt());
        assertEquals(6, after.get("firstUsableLba").asInt());
        JsonNode esp = after.get("partitions").get(2);
        assertEquals("EF00", esp.get("type").asText());
        assertEquals(260 * 256, esp.get("sectors").asLong());
    }

    @Test
    void badCommandLinesAreUsageErrors() {
        CliRun os = CliRun.of("disk", "validate", "x.img", "--os", "solaris");
        assertEquals(2, os.exitCode());
        assertTrue(os.err().startsWith("trustlift: unknown OS 'solaris'"), os.err());
        CliRun preset = CliRun.of("disk", "sample", "windows-95", dir.resolve("x.img").toString());
        assertEquals(2, preset.exitCode());
        assertTrue(preset.err().contains("unknown preset 'windows-95'"), preset.err());
        CliRun missing = CliRun.of("disk", "inspect", dir.resolve("missing.img").toString());
        assertEquals(2, missing.exitCode());
        assertEquals("trustlift: error: no such file: " + dir.resolve("missing.img"), missing.err().strip());
        CliRun bare = CliRun.of("disk");
        assertEquals(2, bare.exitCode());
    }

    @Test
    void aGptImageFailsOnlyTheMbrRuleAndAnEmptyOneHasNothingToConvert() throws Exception {
        CliRun gpt = CliRun.of("disk", "validate", sample("linux-azure-gpt", "g.img", "--size-gib", "1").toString(),
                "--os", "linux");
        assertEquals(3, gpt.exitCode());
        assertTrue(gpt.out().contains("remedy: none needed: the disk is already GPT"), gpt.out());
        Path empty = ImageFiles.sparse(dir.resolve("empty.img"), 64 << 20);
        CliRun e = CliRun.of("disk", "convert", empty.toString(), "--os", "linux");
        assertEquals(3, e.exitCode());
        assertTrue(e.out().contains("the disk has no partitions"), e.out());
    }
}
