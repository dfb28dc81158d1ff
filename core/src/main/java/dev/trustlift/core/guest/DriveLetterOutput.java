package dev.trustlift.core.guest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustlift.core.cloud.ScriptResult;
import java.util.List;

/**
 * Reads drive-letter-fix.ps1: who holds D: and where the page file is, before and after the
 * run, and the temporary disk's volume. The phase that ran follows from the state before:
 * <ol>
 *   <li>{@link Phase#PAGE_FILE_MOVED}: D: was on the OS disk with the page file on it; it now goes to
 *       C: when the guest reboots;</li>
 *   <li>{@link Phase#LETTER_REMOVED}: D: was on the OS disk without the page file; the letter is gone (reboot);</li>
 *   <li>{@link Phase#TEMP_DISK_IS_D}: the temporary disk ("Temporary Storage") holds D: — done.</li>
 * </ol>
 * A run with {@code Mode detect} changes nothing: its phase is the one a fix run would do next,
 * and {@link #dOnOsDisk} says whether there is anything to fix.
 */
public record DriveLetterOutput(Phase phase, Integer dBeforeDisk, Integer dAfterDisk, List<String> pageFilesAfter,
                                String tempDiskLetter, Long dBeforeBytes) {
    /** The largest System Reserved partition: Windows makes 100 to about 580 MiB, MBR2GPT takes up to 1 GiB as one. */
    static final long SYSTEM_RESERVED_MAX_BYTES = 1024L * 1024 * 1024;

    static final String D_BEFORE = "Get-Partition -DriveLetter D (before)";
    static final String PAGE_BEFORE = "Win32_PageFileSetting (before)";
    static final String D_AFTER = "Get-Partition -DriveLetter D";
    static final String PAGE_AFTER = "Win32_PageFileSetting";
    static final String TEMP = "Get-Volume Temporary Storage";

    /** What this run did; the engine reboots after the first two and runs the script again. */
    public enum Phase {
        PAGE_FILE_MOVED(true), LETTER_REMOVED(true), TEMP_DISK_IS_D(false), TEMP_DISK_MISSING(false);

        private final boolean rebootNeeded;

        Phase(boolean rebootNeeded) {
            this.rebootNeeded = rebootNeeded;
        }

        public boolean rebootNeeded() {
            return rebootNeeded;
        }
    }

    /** D: was on the OS disk when the script started: after MBR2GPT, the old System Reserved partition took it. */
    public boolean dOnOsDisk(int osDiskNumber) {
        return dBeforeDisk != null && dBeforeDisk == osDiskNumber;
    }

    /**
     * D: is on the OS disk and small enough to be the old System Reserved partition; a larger
     * partition of the OS disk with D: is the owner's own, which a fix must leave alone.
     */
    public boolean systemReservedHoldsD(int osDiskNumber) {
        return dOnOsDisk(osDiskNumber) && dBeforeBytes != null && dBeforeBytes <= SYSTEM_RESERVED_MAX_BYTES;
    }

    public static DriveLetterOutput parse(ScriptResult result, int osDiskNumber) {
        ScriptSections s = ScriptSections.of(result.stdout());
        if (!s.has(TEMP)) {
            throw new IllegalArgumentException("drive-letter-fix did not finish: " + result.stderr().strip());
        }
        Integer before = disk(s, D_BEFORE);
        Integer after = disk(s, D_AFTER);
        boolean pageOnDBefore = names(s, PAGE_BEFORE).stream().anyMatch(n -> n.toUpperCase().startsWith("D:"));
        List<JsonNode> temp = s.objects(TEMP);
        String tempLetter = temp.isEmpty() ? null : temp.get(0).path("DriveLetter").asText(null);
        if (tempLetter != null && (tempLetter.isEmpty() || tempLetter.charAt(0) == '\u0000')) {
            tempLetter = null;
        }
        Phase phase;
        if (before != null && before == osDiskNumber) {
            phase = pageOnDBefore ? Phase.PAGE_FILE_MOVED : Phase.LETTER_REMOVED;
        } else {
            phase = "D".equals(tempLetter) ? Phase.TEMP_DISK_IS_D : Phase.TEMP_DISK_MISSING;
        }
        List<JsonNode> dBefore = s.objects(D_BEFORE);
        Long beforeBytes = dBefore.isEmpty() || !dBefore.get(0).path("Size").canConvertToLong() ? null
                : dBefore.get(0).path("Size").asLong();
        return new DriveLetterOutput(phase, before, after, names(s, PAGE_AFTER), tempLetter, beforeBytes);
    }

    private static Integer disk(ScriptSections s, String name) {
        List<JsonNode> o = s.objects(name);
        return o.isEmpty() ? null : o.get(0).path("DiskNumber").asInt();
    }

    private static List<String> names(ScriptSections s, String name) {
        return s.objects(name).stream().map(o -> o.path("Name").asText()).toList();
    }
}
