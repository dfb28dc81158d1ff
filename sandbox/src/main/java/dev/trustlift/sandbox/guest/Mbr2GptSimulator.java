package dev.trustlift.sandbox.guest;

import dev.trustlift.disk.convert.ConversionRefusedException;
import dev.trustlift.disk.validate.TargetOs;
import dev.trustlift.sandbox.guest.DiskLayout.Part;
import java.util.ArrayList;
import java.util.List;

/**
 * MBR2GPT.EXE on a simulated disk: the tool's own output lines and exit codes
 * (facts/disk-conversion.md section 1). The layout rules are the disk engine's validator. Room
 * for the ESP is checked by /validate too ("Cannot find room for the EFI system partition",
 * exit 7, a guess: Microsoft's list of checks does not name it, field reports show the message on
 * validate runs), so a shrink of C: can be proven by a second /validate before /convert; /convert
 * then fails creating the ESP (exit 8) only when the room went away in between.
 */
public final class Mbr2GptSimulator {
    public static final int OK = 0;
    public static final int INITIALIZATION_ERROR = 3;
    public static final int LAYOUT_READ_ERROR = 5;
    public static final int VOLUME_ENCRYPTED = 6;
    public static final int LAYOUT_INVALID = 7;
    public static final int ESP_FAILED = 8;
    public static final int BOOT_FILES_FAILED = 9;
    public static final int GPT_APPLY_FAILED = 10;
    public static final int INTERNAL_ERROR = 2;

    private static final String P = "MBR2GPT: ";
    private static final String LAYOUT_FAILED = "Disk layout validation failed for disk 0";
    private static final String NO_ROOM = "Cannot find room for the EFI system partition";

    private Mbr2GptSimulator() {
    }

    public static ScriptResult run(boolean convert, boolean allowFullOs, DiskLayout disk, GuestState guest, String fault) {
        return run(convert, allowFullOs, 0, disk, guest, fault);
    }

    /**
     * One run on disk {@code diskNumber} (the OS disk is disk 0; without /disk MBR2GPT takes the
     * system disk). The tool's lines also go to %windir%\setupact.log, its errors to setuperr.log.
     */
    public static ScriptResult run(boolean convert, boolean allowFullOs, int diskNumber, DiskLayout disk, GuestState guest,
                                   String fault) {
        ScriptResult r = answer(convert, allowFullOs, diskNumber, disk, guest, fault);
        MbrLogs.record(guest, disk, diskNumber, r);
        return r;
    }

    private static ScriptResult answer(boolean convert, boolean allowFullOs, int diskNumber, DiskLayout disk, GuestState guest,
                                       String fault) {
        List<String> out = new ArrayList<>();
        out.add(P + "Attempting to " + (convert ? "convert" : "validate") + " disk " + diskNumber);
        if (!allowFullOs) {
            out.add("ERROR: MBR2GPT can only be used from the Windows Preinstallation Environment. Use /allowFullOS to override.");
            return ScriptResult.of(out, INITIALIZATION_ERROR);
        }
        out.add(P + "Retrieving layout of disk");
        if (diskNumber != 0) {
            // the simulated VM has one disk the tool could read; the wording is a guess (docs/sandbox.md)
            out.add(P + "Failed to retrieve the layout of disk " + diskNumber);
            return ScriptResult.of(out, LAYOUT_READ_ERROR);
        }
        out.add(P + "Validating layout, disk sector size is: " + disk.sectorSize() + " bytes");
        if ("internal".equals(fault)) {
            out.add("MBR2GPT: An internal error occurred (simulated fault)");
            return ScriptResult.of(out, INTERNAL_ERROR);
        }
        if ("os-partition".equals(fault)) {
            out.add("Cannot find OS partition(s) for disk 0");
            return ScriptResult.of(out, LAYOUT_INVALID);
        }
        if ("layout".equals(fault) || !DiskEngine.windowsLayoutFailures(disk).isEmpty()) {
            out.add(LAYOUT_FAILED);
            return ScriptResult.of(out, LAYOUT_INVALID);
        }
        if ("encrypted".equals(fault) || "on".equals(guest.bitlocker())) {
            out.add("Cannot convert disk 0: volume C: is protected by BitLocker. Suspend or turn off BitLocker first.");
            return ScriptResult.of(out, VOLUME_ENCRYPTED);
        }
        if (!convert) {
            long espMb = disk.sectorSize() == 4096 ? 260 : 100;
            if ("no-room".equals(fault) || !roomForEsp(disk, guest, espMb)) {
                out.add(NO_ROOM);
                return ScriptResult.of(out, LAYOUT_INVALID);
            }
            out.add(P + "Validation completed successfully");
            return ScriptResult.of(out, OK);
        }
        return convert(out, disk, guest, fault);
    }

    private static ScriptResult convert(List<String> out, DiskLayout disk, GuestState guest, String fault) {
        long espMb = disk.sectorSize() == 4096 ? 260 : 100;
        out.add(P + "Trying to shrink the OS partition");
        // the known cause of "Cannot find room": shrinking C: needs the Virtual Disk and Optimize Drives services
        DiskLayout converted = "no-room".equals(fault) || !roomForEsp(disk, guest, espMb) ? null
                : convertedLayout(disk, guest, espMb, true);
        if (converted == null) {
            out.add(NO_ROOM);
            return ScriptResult.of(out, ESP_FAILED);
        }
        out.add(P + "Creating the EFI system partition");
        out.add(P + "Installing the new boot files");
        if ("boot-files".equals(fault)) {
            out.add("Failed to install the new boot files");
            return ScriptResult.of(out, BOOT_FILES_FAILED);
        }
        out.add(P + "Performing the layout conversion");
        if ("gpt-apply".equals(fault)) {
            out.add("Failed to apply the GPT layout to disk 0");
            return ScriptResult.of(out, GPT_APPLY_FAILED);
        }
        out.add(P + "Migrating default boot entry");
        out.add(P + "Adding recovery boot entry");
        out.add(P + "Fixing drive letter mapping");
        out.add(P + "Conversion completed successfully");
        guest.letters().converted();
        if ("reagent-warning".equals(fault)) {
            guest.reAgentXmlStale();
            out.add(P + "Failed to update ReAgent.xml, please try to  manually disable and enable WinRE.");
        }
        out.add(P + "Before the new system can boot properly you need to switch the firmware to boot to UEFI mode!");
        return new ScriptResult(out, List.of(), OK, converted);
    }

    /**
     * The disk engine converts the layout; when it finds no free space for the ESP, MBR2GPT in the
     * full OS shrinks the OS partition by the ESP's size (plus alignment), which needs that much
     * free and movable space on C:. Null when neither works.
     */
    private static boolean roomForEsp(DiskLayout disk, GuestState guest, long espMb) {
        boolean servicesOff = guest.serviceDisabled("vds") || guest.serviceDisabled("defragsvc");
        return !servicesOff && convertedLayout(disk, guest, espMb, false) != null;
    }

    /** {@code shrink}: the conversion happens, so the MiB given up by C: leave its free space. */
    private static DiskLayout convertedLayout(DiskLayout disk, GuestState guest, long espMb, boolean shrink) {
        try {
            return DiskEngine.convert(disk, TargetOs.WINDOWS);
        } catch (ConversionRefusedException e) {
            long shrinkMb = espMb + 1;
            if (guest.shrinkableMb() < shrinkMb) {
                return null;
            }
            Part os = disk.osPartition();
            List<Part> parts = new ArrayList<>();
            for (Part p : disk.parts()) {
                parts.add(p == os ? new Part(p.number(), p.type(), p.start(), p.sectors() - disk.mib(shrinkMb), p.active(),
                        p.logical()) : p);
            }
            try {
                DiskLayout converted = DiskEngine.convert(new DiskLayout(disk.scheme(), disk.sectorSize(), disk.sectors(),
                        parts, disk.biosBootCode(), disk.efiBootLoader()), TargetOs.WINDOWS);
                if (shrink) {
                    guest.consume(shrinkMb);
                }
                return converted;
            } catch (ConversionRefusedException stillNoRoom) {
                return null;
            }
        }
    }
}
