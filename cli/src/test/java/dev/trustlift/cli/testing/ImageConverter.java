package dev.trustlift.cli.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The converter under proof. The suites run against trustlift; sgdisk stands in to prove that the
 * harness itself accepts a correct conversion (select with -Dtrustlift.proof.converter=sgdisk).
 */
public interface ImageConverter {

    /** Converts {@code image} in place to GPT with an ESP; {@code growMib} 0 means "do not grow". */
    Outcome convert(Path image, String os, long growMib);

    record Outcome(int exitCode, String out, String err) {
        public String describe() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static ImageConverter selected() {
        return "sgdisk".equals(System.getProperty("trustlift.proof.converter")) ? new SgdiskStandIn() : trustlift();
    }

    static ImageConverter trustlift() {
        return (image, os, growMib) -> {
            List<String> args = new ArrayList<>(List.of("disk", "convert", image.toString(), "--os", os));
            if (growMib > 0) {
                args.addAll(List.of("--grow", String.valueOf(growMib)));
            }
            CliRun run = CliRun.of(args.toArray(String[]::new));
            return new Outcome(run.exitCode(), run.out(), run.err());
        };
    }
}
