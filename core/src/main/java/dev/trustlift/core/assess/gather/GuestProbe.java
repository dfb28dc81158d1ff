package dev.trustlift.core.assess.gather;

import dev.trustlift.core.cloud.GuestScript;
import dev.trustlift.core.cloud.OsType;
import java.time.Duration;
import java.util.List;

/**
 * The one read-only script assess sends to a guest (only with --probe-guest). It changes nothing
 * and holds only constant lines, no user data. It prints key=value lines, the same keys the
 * sandbox's simulated guests answer (they recognize the first line's marker):
 * <pre>
 * Windows: os= version= firmware=bios|uefi pttype=mbr|gpt sector_size= disk_sectors=
 *          partition=N,START,SECTORS,TYPE,FLAGS (FLAGS active, logical, both joined by +, or -)
 *          os_partition=N bitlocker=on|off|suspended c_free_mb= c_shrinkable_mb=
 * Linux:   firmware= pttype=dos|gpt disk= sector_size= disk_sectors= partition=N,START,SECTORS,TYPE,boot|-
 *          root=/dev/... esp=/dev/...|absent fstab_root=SPEC fstab_efi=present|absent root_free_mb=
 * </pre>
 * TYPE is the MBR type in hex ("7", "07") or the GPT type as a GUID or a gdisk code ("EF00").
 */
public final class GuestProbe {
    public static final String WINDOWS_MARKER = "# trustlift:windows-probe";
    public static final String LINUX_MARKER = "# trustlift:linux-probe";
    static final Duration TIMEOUT = Duration.ofMinutes(5);

    /** Turns sfdisk --dump partition lines into partition=N,START,SECTORS,TYPE,boot|- lines. */
    static final String SFDISK_AWK = "/ : start=/ { n = $1; sub(/.*[^0-9]/, \"\", n); line = $0; sub(/^[^:]*: /, \"\", line);"
            + " s = \"\"; z = \"\"; t = \"\"; b = \"-\"; k = split(line, f, /, */);"
            + " for (i = 1; i <= k; i++) { if (f[i] ~ /^start=/) { s = f[i]; sub(/start= */, \"\", s) }"
            + " else if (f[i] ~ /^size=/) { z = f[i]; sub(/size= */, \"\", z) }"
            + " else if (f[i] ~ /^type=/) { t = f[i]; sub(/type=/, \"\", t) }"
            + " else if (f[i] == \"bootable\") { b = \"boot\" } }"
            + " print \"partition=\" n \",\" s \",\" z \",\" tolower(t) \",\" b }";

    private static final List<String> WINDOWS = List.of(
            WINDOWS_MARKER,
            "$ErrorActionPreference = 'Stop'",
            "$c = Get-Partition -DriveLetter C",
            "$d = Get-Disk -Number $c.DiskNumber",
            "$ss = [int64]$d.LogicalSectorSize",
            "$os = Get-CimInstance Win32_OperatingSystem",
            "'os=' + $os.Caption",
            "'version=' + $os.Version",
            "'firmware=' + $(if ($env:firmware_type -eq 'UEFI') { 'uefi' } else { 'bios' })",
            "'pttype=' + $d.PartitionStyle.ToString().ToLower()",
            "'sector_size=' + $ss",
            "'disk_sectors=' + [int64]($d.Size / $ss)",
            "foreach ($p in Get-Partition -DiskNumber $c.DiskNumber) {",
            "  if ($d.PartitionStyle -eq 'GPT') { $t = $p.GptType.Trim('{}').ToLower() } else { $t = '{0:x2}' -f [int]$p.MbrType }",
            "  $f = @(); if ($p.IsActive) { $f += 'active' }; if ($p.Type -eq 'Logical') { $f += 'logical' }",
            "  if ($f.Count -eq 0) { $f = @('-') }",
            "  'partition=' + $p.PartitionNumber + ',' + [int64]($p.Offset / $ss) + ',' + [int64]($p.Size / $ss) + ',' + $t + ','"
                    + " + ($f -join '+')",
            "}",
            "'os_partition=' + $c.PartitionNumber",
            "if (-not (Get-Command Get-BitLockerVolume -ErrorAction SilentlyContinue)) { 'bitlocker=off' } else {",
            "  try { $b = Get-BitLockerVolume -MountPoint 'C:' -ErrorAction Stop",
            "    if ($b.ProtectionStatus -eq 'On') { 'bitlocker=on' } elseif ($b.VolumeStatus -ne 'FullyDecrypted') {"
                    + " 'bitlocker=suspended' } else { 'bitlocker=off' }",
            "  } catch { 'bitlocker=unknown' }",
            "}",
            "'c_free_mb=' + [int64][math]::Floor((Get-Volume -DriveLetter C).SizeRemaining / 1MB)",
            "try { $s = Get-PartitionSupportedSize -DriveLetter C;"
                    + " 'c_shrinkable_mb=' + [int64][math]::Floor(($c.Size - $s.SizeMin) / 1MB) } catch { }");

    private static final List<String> LINUX = List.of(
            LINUX_MARKER,
            "set -u",
            "export LC_ALL=C",
            "partof() { d=$1; part=''; while :; do t=$(lsblk -dno TYPE \"$d\" 2>/dev/null); [ \"$t\" = disk ] && break;"
                    + " [ \"$t\" = part ] && part=$d; p=$(lsblk -no PKNAME \"$d\" 2>/dev/null | head -n1); [ -n \"$p\" ] || break;"
                    + " d=/dev/$p; done; echo \"$d $part\"; }",
            "set -- $(partof \"$(findmnt -n -o SOURCE /)\")",
            "disk=$1; root=${2:-}",
            "if [ -d /sys/firmware/efi ]; then echo firmware=uefi; else echo firmware=bios; fi",
            "echo \"pttype=$(blkid -o value -s PTTYPE \"$disk\")\"",
            "echo \"disk=$disk\"",
            "ss=$(blockdev --getss \"$disk\")",
            "echo \"sector_size=$ss\"",
            "echo \"disk_sectors=$(( $(blockdev --getsize64 \"$disk\") / ss ))\"",
            "sfdisk --dump \"$disk\" 2>/dev/null | awk '" + SFDISK_AWK + "'",
            "echo \"root=${root:-unknown}\"",
            "esp=$(findmnt -n -o SOURCE /boot/efi 2>/dev/null || true)",
            "echo \"esp=${esp:-absent}\"",
            "awk '$1 !~ /^#/ && $2 == \"/\" { print \"fstab_root=\" $1 }' /etc/fstab",
            "if grep -Eq '^[^#]*[[:space:]]/boot/efi[[:space:]]' /etc/fstab; then echo fstab_efi=present; else echo fstab_efi=absent; fi",
            "echo \"root_free_mb=$(df -Pm / | awk 'NR == 2 { print $4 }')\"",
            "exit 0");

    private GuestProbe() {
    }

    public static GuestScript script(OsType os) {
        return new GuestScript(os, os == OsType.WINDOWS ? WINDOWS : LINUX, TIMEOUT);
    }
}
