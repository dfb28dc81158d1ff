package dev.trustlift.core.assess.gather;

import dev.trustlift.core.cloud.GuestScript;
import dev.trustlift.core.cloud.OsType;
import java.time.Duration;
import java.util.List;

/**
 * The one read-only script assess sends to a guest. It changes nothing and holds only constant
 * lines, no user data. It runs the commands an operator would run and prints their own output,
 * each after a section label the script echoes ({@value #SECTION_OPEN}NAME{@value #SECTION_CLOSE}),
 * so {@link ProbeOutput} can find each command's output:
 * <pre>
 * Linux:   sfdisk --json DISK, lsblk -J -b -p -o NAME,PKNAME,TYPE,SIZE,LOG-SEC DISK,
 *          findmnt -J -v -o TARGET,SOURCE,FSTYPE / and /boot/efi, df -Pm /, the active lines of /etc/fstab
 *          (DISK: the disk under /, found by walking lsblk's PKNAME up from findmnt's source)
 * Windows: Get-Disk, Get-Partition (of C:'s disk), Get-Volume C, Get-PartitionSupportedSize C,
 *          Get-BitLockerVolume C:, each as Select-Object ... | ConvertTo-Json -Compress
 * </pre>
 * Run Command keeps only the last 4,096 bytes of each stream, so the script selects the
 * properties it reads and prints compact JSON; a probe of a disk with a few partitions stays
 * well under that.
 */
public final class GuestProbe {
    public static final String SECTION_OPEN = dev.trustlift.core.guest.ScriptSections.OPEN;
    public static final String SECTION_CLOSE = dev.trustlift.core.guest.ScriptSections.CLOSE;
    static final Duration TIMEOUT = Duration.ofMinutes(5);

    static final String SFDISK = "sfdisk --json";
    static final String LSBLK = "lsblk -J -b -p -o NAME,PKNAME,TYPE,SIZE,LOG-SEC";
    static final String FINDMNT = "findmnt -J -v -o TARGET,SOURCE,FSTYPE";
    static final String DF = "df -Pm /";
    static final String FSTAB = "/etc/fstab";

    static final String GET_DISK = "Get-Disk";
    static final String GET_PARTITION = "Get-Partition";
    static final String GET_VOLUME = "Get-Volume C";
    static final String SUPPORTED_SIZE = "Get-PartitionSupportedSize C";
    static final String BITLOCKER = "Get-BitLockerVolume C:";
    /** Printed instead of the BitLocker section where the cmdlet is absent (the feature is not installed). */
    static final String NO_BITLOCKER = "Get-BitLockerVolume not installed";

    private static final List<String> WINDOWS = List.of(
            "$ErrorActionPreference = 'Stop'",
            "$c = Get-Partition -DriveLetter C",
            label(GET_DISK),
            "Get-Disk -Number $c.DiskNumber | Select-Object Number, PartitionStyle, LogicalSectorSize, Size | ConvertTo-Json -Compress",
            label(GET_PARTITION),
            "Get-Partition -DiskNumber $c.DiskNumber | Select-Object PartitionNumber, DriveLetter, Offset, Size, MbrType, GptType,"
                    + " IsActive | ConvertTo-Json -Compress",
            label(GET_VOLUME),
            "Get-Volume -DriveLetter C | Select-Object DriveLetter, Size, SizeRemaining | ConvertTo-Json -Compress",
            label(SUPPORTED_SIZE),
            "Get-PartitionSupportedSize -DriveLetter C -ErrorAction SilentlyContinue | Select-Object SizeMin, SizeMax"
                    + " | ConvertTo-Json -Compress",
            "if (Get-Command Get-BitLockerVolume -ErrorAction SilentlyContinue) {",
            "  " + label(BITLOCKER),
            "  Get-BitLockerVolume -MountPoint 'C:' -ErrorAction SilentlyContinue | Select-Object MountPoint, VolumeStatus,"
                    + " ProtectionStatus | ConvertTo-Json -Compress",
            "} else { " + label(NO_BITLOCKER) + " }");

    private static final List<String> LINUX = List.of(
            "set -u",
            "export LC_ALL=C",
            "disk=$(findmnt -n -v -o SOURCE /)",
            // up from the root file system's device (a partition, or an LVM volume on one) to its disk
            "for i in 1 2 3 4 5 6 7 8; do p=$(lsblk -n -d -p -o PKNAME \"$disk\" 2>/dev/null | head -n 1);"
                    + " [ -n \"$p\" ] || break; disk=$p; done",
            echo(SFDISK),
            SFDISK + " \"$disk\"",
            echo(LSBLK),
            LSBLK + " \"$disk\"",
            echo(FINDMNT + " /"),
            FINDMNT + " /",
            echo(FINDMNT + " /boot/efi"),
            FINDMNT + " /boot/efi",
            echo(DF),
            DF,
            echo(FSTAB),
            "grep -Ev '^[[:space:]]*(#|$)' /etc/fstab",
            "exit 0");

    private GuestProbe() {
    }

    public static GuestScript script(OsType os) {
        return new GuestScript(os, os == OsType.WINDOWS ? WINDOWS : LINUX, TIMEOUT);
    }

    private static String label(String name) {
        return "Write-Output '" + SECTION_OPEN + name + SECTION_CLOSE + "'";
    }

    private static String echo(String name) {
        return "echo '" + SECTION_OPEN + name + SECTION_CLOSE + "'";
    }
}
