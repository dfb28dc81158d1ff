package dev.trustlift.core.assess.gather;

import dev.trustlift.core.cloud.GuestScript;
import dev.trustlift.core.cloud.OsType;
import java.time.Duration;
import java.util.List;

/**
 * The one read-only script assess sends to a guest (only with --probe-guest). It changes nothing
 * and contains no user data, only constant lines. Its output is lines of key=value that
 * {@link ProbeOutput} reads:
 * <pre>
 * TL_PROBE=1
 * style=mbr|gpt            sectorSize=512            sectors=N (whole disk)
 * part=N,TYPE,START,SIZE,FLAGS   (Windows; TYPE two hex digits or GPT GUID; FLAGS active+logical+os)
 * sfdisk: LINE             (Linux: sfdisk --dump of the OS disk, one line each)
 * rootPart=N  espPart=N    (Linux: partition numbers of / (through LVM) and /boot/efi)
 * freeMb=N  unmovableTailMb=N  bitlocker=on|off|suspended|unknown
 * espInFstab=true|false  fstabPartuuid=true|false
 * </pre>
 * The sandbox's simulated guests answer this script by the TL_PROBE marker.
 */
public final class GuestProbe {
    public static final String MARKER = "TL_PROBE=1";
    static final Duration TIMEOUT = Duration.ofMinutes(5);

    private static final List<String> WINDOWS = List.of(
            "$ErrorActionPreference = 'Stop'",
            "$c = Get-Partition -DriveLetter C",
            "$d = Get-Disk -Number $c.DiskNumber",
            "$ss = [int64]$d.LogicalSectorSize",
            "'" + MARKER + "'",
            "'style=' + $d.PartitionStyle.ToString().ToLower()",
            "'sectorSize=' + $ss",
            "'sectors=' + [int64]($d.Size / $ss)",
            "foreach ($p in Get-Partition -DiskNumber $c.DiskNumber) {",
            "  if ($d.PartitionStyle -eq 'GPT') { $t = $p.GptType.Trim('{}').ToUpper() } else { $t = '{0:X2}' -f [int]$p.MbrType }",
            "  $f = @()",
            "  if ($p.IsActive) { $f += 'active' }",
            "  if ($p.Type -eq 'Logical') { $f += 'logical' }",
            "  if ($p.PartitionNumber -eq $c.PartitionNumber) { $f += 'os' }",
            "  'part=' + $p.PartitionNumber + ',' + $t + ',' + [int64]($p.Offset / $ss) + ',' + [int64]($p.Size / $ss) + ','"
                    + " + ($f -join '+')",
            "}",
            "$free = [int64][math]::Floor((Get-Volume -DriveLetter C).SizeRemaining / 1MB)",
            "'freeMb=' + $free",
            "try { $s = Get-PartitionSupportedSize -DriveLetter C; $shrink = [int64][math]::Floor(($c.Size - $s.SizeMin) / 1MB);"
                    + " 'unmovableTailMb=' + [math]::Max(0, $free - $shrink) } catch { }",
            "if (-not (Get-Command Get-BitLockerVolume -ErrorAction SilentlyContinue)) { 'bitlocker=off' } else {",
            "  try { $b = Get-BitLockerVolume -MountPoint 'C:' -ErrorAction Stop",
            "    if ($b.ProtectionStatus -eq 'On') { 'bitlocker=on' } elseif ($b.VolumeStatus -ne 'FullyDecrypted') {"
                    + " 'bitlocker=suspended' } else { 'bitlocker=off' }",
            "  } catch { 'bitlocker=unknown' }",
            "}");

    private static final List<String> LINUX = List.of(
            "set -u",
            "export LC_ALL=C",
            "partof() { d=$1; part=''; while :; do t=$(lsblk -dno TYPE \"$d\" 2>/dev/null); [ \"$t\" = disk ] && break;"
                    + " [ \"$t\" = part ] && part=$d; p=$(lsblk -no PKNAME \"$d\" 2>/dev/null | head -n1); [ -n \"$p\" ] || break;"
                    + " d=/dev/$p; done; echo \"$d $part\"; }",
            "set -- $(partof \"$(findmnt -n -o SOURCE /)\")",
            "disk=$1; root=${2:-}",
            "echo '" + MARKER + "'",
            "echo \"sectorSize=$(blockdev --getss \"$disk\")\"",
            "echo \"sectors=$(( $(blockdev --getsize64 \"$disk\") / $(blockdev --getss \"$disk\") ))\"",
            "sfdisk --dump \"$disk\" 2>/dev/null | sed 's/^/sfdisk: /'",
            "[ -n \"$root\" ] && echo \"rootPart=$(cat /sys/class/block/$(basename \"$root\")/partition)\"",
            "esp=$(findmnt -n -o SOURCE /boot/efi 2>/dev/null || true)",
            "[ -n \"$esp\" ] && echo \"espPart=$(cat /sys/class/block/$(basename \"$esp\")/partition 2>/dev/null)\"",
            "echo \"freeMb=$(df -Pm / | awk 'NR==2 {print $4}')\"",
            "if grep -Eq '^[^#]*[[:space:]]/boot/efi[[:space:]]' /etc/fstab; then echo espInFstab=true; else echo espInFstab=false; fi",
            "if grep -Eq '^[^#]*PARTUUID=' /etc/fstab; then echo fstabPartuuid=true; else echo fstabPartuuid=false; fi",
            "exit 0");

    private GuestProbe() {
    }

    public static GuestScript script(OsType os) {
        return new GuestScript(os, os == OsType.WINDOWS ? WINDOWS : LINUX, TIMEOUT);
    }
}
