package dev.trustlift.cli.proof;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.cli.testing.CliRun;
import dev.trustlift.cli.testing.Mutant;
import dev.trustlift.cli.testing.Mutant.Region;
import dev.trustlift.cli.testing.SparseImage;
import dev.trustlift.cli.testing.ToolRun;
import dev.trustlift.cli.testing.VhdFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutations of small real images (sfdisk MBR, an sfdisk EBR chain, an sgdisk GPT, qemu-img
 * VHDs) through inspect, validate, convert --dry-run and convert. Never a stack trace or a hang,
 * exit codes only 0, 2 or 3, a failed convert leaves the file byte-identical, and a sample of the
 * successful ones must satisfy sgdisk -v. Reproduce with -Dtrustlift.fuzz.seed=S; a failing image
 * is kept in target/fuzz-failures.
 */
class DiskFuzzTest {
    private static final int ITERATIONS = Integer.getInteger("trustlift.fuzz.iterations", 400);
    private static final long SEED = Long.getLong("trustlift.fuzz.seed", 20261129L);
    private static final Duration PER_COMMAND = Duration.ofSeconds(20);
    private static final Set<Integer> ALLOWED_EXITS = Set.of(0, 2, 3);
    private static final int SGDISK_SAMPLE_EVERY = 10;
    private static final String[] CONVERT_OPTIONS = {"--grow", "40", "--esp-mib", "33"};

    /** A seed image, the regions worth mutating in it, and the OS to convert it for. */
    record Seed(String name, byte[] bytes, List<Region> regions, String os, boolean vhd) {
    }

    @TempDir
    static Path seeds;
    private static final List<Seed> SEEDS = new ArrayList<>();

    @TempDir
    Path work;

    @BeforeAll
    static void buildSeeds() throws IOException {
        Path mbr = sfdisk("mbr", "label: dos\nstart=2048, size=2048, type=7, bootable\nstart=4096, size=2048, type=7\n");
        Path ebr = sfdisk("ebr", "label: dos\nstart=2048, size=1024, type=83, bootable\nstart=3072, size=4096, type=5\n"
                + "start=3136, size=512, type=83\nstart=3712, size=512, type=82\nstart=4288, size=512, type=83\n");
        Path gpt = seeds.resolve("gpt.img");
        ToolRun.ok("truncate", "-s", "4M", gpt.toString());
        ToolRun.ok("sgdisk", "-o", "-n", "0:2048:+1M", "-t", "0:0700", "-n", "0:0:+1M", "-t", "0:8300", gpt.toString());
        Region lba0to40 = new Region("LBA0-40", 0, 41 * 512);
        SEEDS.add(new Seed("mbr", Files.readAllBytes(mbr), List.of(lba0to40, new Region("MBR table", 446, 512)), "windows", false));
        List<Region> ebrRegions = new ArrayList<>(ebrs(Files.readAllBytes(ebr)));
        ebrRegions.add(lba0to40);
        SEEDS.add(new Seed("ebr", Files.readAllBytes(ebr), ebrRegions, "linux", false));
        byte[] g = Files.readAllBytes(gpt);
        SEEDS.add(new Seed("gpt", g, List.of(lba0to40, new Region("GPT primary header", 512, 604),
                new Region("GPT backup header", g.length - 512, g.length - 420),
                new Region("GPT backup array", g.length - 33 * 512, g.length - 512)), "linux", false));
        for (String sub : List.of("fixed", "dynamic")) {
            Path vhd = seeds.resolve(sub + ".vhd");
            VhdFile.fromRaw(mbr, vhd, sub);
            byte[] v = Files.readAllBytes(vhd);
            List<Region> regions = new ArrayList<>(List.of(new Region("VHD footer", v.length - 512, v.length)));
            if (sub.equals("dynamic")) {
                regions.add(new Region("VHD footer copy + dynamic header", 0, 1536));
                regions.add(new Region("VHD block table", 1536, 2048));
            } else {
                regions.add(lba0to40);
            }
            SEEDS.add(new Seed("vhd-" + sub, v, regions, "windows", true));
        }
    }

    @Test
    void mutatedImagesNeverCrashHangOrChangeOnFailure() throws IOException {
        Random random = new Random(SEED);
        Map<Integer, Integer> convertExits = new TreeMap<>();
        int converted = 0;
        int refused = 0;
        int sgdiskChecked = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < ITERATIONS; i++) {
            Seed seed = SEEDS.get(i % SEEDS.size());
            Mutant mutant = Mutant.of(seed.bytes(), seed.regions(), random);
            String os = random.nextInt(4) == 0 ? (seed.os().equals("linux") ? "windows" : "linux") : seed.os();
            String context = "seed " + SEED + " iteration " + i + " (" + seed.name() + ", " + mutant.description() + ", --os " + os + ")";
            Path image = work.resolve("fuzz.img");
            SparseImage expected = SparseImage.of(mutant.bytes()).write(image);
            String path = image.toString();

            String[] inspect = i % 2 == 0 ? new String[] {"disk", "inspect", path, "--json"} : new String[] {"disk", "inspect", path};
            judge(context, expected, image, CliRun.of(PER_COMMAND, inspect), true);
            judge(context, expected, image, CliRun.of(PER_COMMAND, withOptions("disk", "validate", path, "--os", os)), true);
            judge(context, expected, image, CliRun.of(PER_COMMAND, withOptions("disk", "convert", path, "--os", os, "--dry-run")), true);
            CliRun convert = CliRun.of(PER_COMMAND, withOptions("disk", "convert", path, "--os", os));
            // A refusal, a rejection, and "already GPT, nothing written" must all leave the file as it was.
            judge(context, expected, image, convert, convert.exitCode() != 0 || convert.out().contains("nothing written"));
            convertExits.merge(convert.exitCode(), 1, Integer::sum);
            if (convert.exitCode() == 0) {
                converted++;
                if (converted % SGDISK_SAMPLE_EVERY == 1 && sgdiskVerify(context, expected, image, seed.vhd())) {
                    sgdiskChecked++;
                }
            } else {
                refused++;
            }
        }
        System.out.printf("fuzz: %d mutants in %.1f s: %d converted (%d checked by sgdisk -v), %d refused or rejected;"
                + " convert exit codes %s%n", ITERATIONS, (System.nanoTime() - t0) / 1e9, converted, sgdiskChecked, refused,
                convertExits);
        assertTrue(converted > 0 && refused > 0, "the fuzz must reach both outcomes: " + converted + " converted, " + refused + " not");
    }

    /** One command's result: allowed exit code, clean stderr, and the file untouched when it must be. */
    private void judge(String context, SparseImage expected, Path image, CliRun run, boolean mustBeUnchanged) {
        String problem = null;
        if (!ALLOWED_EXITS.contains(run.exitCode())) {
            problem = "exit code " + run.exitCode() + " is not 0, 2 or 3";
        } else if (!run.errIsCleanForPeople()) {
            problem = "stderr shows an exception or stack frames";
        } else if (run.exitCode() == 2 && run.err().isBlank()) {
            problem = "rejected the input without a word on stderr";
        } else if (run.exitCode() == 3 && (run.out() + run.err()).isBlank()) {
            problem = "refused without saying why";
        } else if (mustBeUnchanged) {
            String diff = expected.differenceFrom(image);
            problem = diff == null ? null : "the file changed: " + diff;
        }
        if (problem != null) {
            throw new AssertionError(context + ": " + problem + " (image kept as " + keep(expected) + ")\n" + run.describe());
        }
    }

    /**
     * sgdisk -v on a converted image (VHDs through qemu-img's raw copy). A VHD that qemu-img
     * already refused before conversion is not held against the converter: returns false then.
     */
    private boolean sgdiskVerify(String context, SparseImage input, Path image, boolean vhd) {
        Path raw = image;
        if (vhd) {
            Path before = work.resolve("input.vhd");
            input.write(before);
            if (ToolRun.of("qemu-img", "convert", "-f", "vpc", "-O", "raw", before.toString(), work.resolve("input.raw").toString())
                    .exitCode() != 0) {
                return false;
            }
            raw = work.resolve("fuzz.raw");
            ToolRun back = ToolRun.of("qemu-img", "convert", "-f", "vpc", "-O", "raw", image.toString(), raw.toString());
            if (back.exitCode() != 0) {
                throw new AssertionError(context + ": qemu-img read the VHD before conversion but not after (input kept as "
                        + keep(input) + ")\n" + back.describe());
            }
        }
        ToolRun verify = ToolRun.of("sgdisk", "-v", raw.toString());
        if (verify.exitCode() != 0 || !verify.out().contains("No problems found")) {
            throw new AssertionError(context + ": converted, but sgdisk -v disagrees (input kept as " + keep(input) + "):\n"
                    + verify.out() + verify.err());
        }
        return true;
    }

    private static String[] withOptions(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(CONVERT_OPTIONS));
        return all.toArray(String[]::new);
    }

    private static Path keep(SparseImage image) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "fuzz-failures"));
            Path kept = Files.createTempFile(dir, "mutant-", ".img");
            image.write(kept);
            return kept.toAbsolutePath();
        } catch (IOException e) {
            return Path.of("(not kept: " + e.getMessage() + ")");
        }
    }

    private static Path sfdisk(String name, String script) {
        Path img = seeds.resolve(name + ".img");
        ToolRun.ok("truncate", "-s", "4M", img.toString());
        ToolRun.shell("printf '%s' \"$1\" | sfdisk -q \"$2\"", script, img.toString());
        return img;
    }

    /** Every EBR sfdisk wrote: the signed sectors past the MBR gap. */
    private static List<Region> ebrs(byte[] disk) {
        List<Region> found = new ArrayList<>();
        for (int lba = 64; lba < disk.length / 512; lba++) {
            int at = lba * 512;
            if (disk[at + 510] == 0x55 && disk[at + 511] == (byte) 0xAA) {
                found.add(new Region("EBR at LBA " + lba, at, at + 512));
            }
        }
        if (found.size() < 3) {
            throw new AssertionError("sfdisk wrote " + found.size() + " EBRs, expected 3");
        }
        return found;
    }
}
