package dev.trustlift.core.upgrade.steps;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Guest probe outputs in the real commands' formats (the assess tests' recorded sfdisk, lsblk,
 * findmnt and df outputs; Windows PowerShell 5.1's ConvertTo-Json of the Storage cmdlets), cut
 * by the section labels GuestProbe's script echoes.
 */
final class ProbeSamples {
    static final long MIB = 1024 * 1024;

    private ProbeSamples() {
    }

    static String section(String name, String body) {
        return "== " + name + " ==\n" + body + (body.endsWith("\n") ? "" : "\n");
    }

    /** Disk {@code number}: active System Reserved and C: (MBR), {@code freeMb} free on C:, all shrinkable; BitLocker 0 off / 1 on. */
    static String windowsMbr(int number, long freeMb, int bitLocker) {
        long cSize = 135838859264L;
        return section("Get-Disk", "{\"Number\":" + number + ",\"PartitionStyle\":1,\"LogicalSectorSize\":512,"
                + "\"Size\":136365211648}")
                + section("Get-Partition", "[{\"PartitionNumber\":1,\"DriveLetter\":\"\\u0000\",\"Offset\":1048576,"
                + "\"Size\":524288000,\"MbrType\":7,\"GptType\":null,\"IsActive\":true},{\"PartitionNumber\":2,"
                + "\"DriveLetter\":\"C\",\"Offset\":525336576,\"Size\":" + cSize + ",\"MbrType\":7,\"GptType\":null,"
                + "\"IsActive\":false}]")
                + section("Get-Volume C", "{\"DriveLetter\":\"C\",\"Size\":" + cSize + ",\"SizeRemaining\":" + freeMb * MIB + "}")
                + section("Get-PartitionSupportedSize C", "{\"SizeMin\":" + (cSize - freeMb * MIB) + ",\"SizeMax\":" + cSize + "}")
                + section("Get-BitLockerVolume C:", "{\"MountPoint\":\"C:\",\"VolumeStatus\":" + bitLocker
                + ",\"ProtectionStatus\":" + bitLocker + "}");
    }

    /** An endorsed Azure Linux image: GPT with BIOS boot, ESP (in /etc/fstab) and root. */
    static String linuxAzureGpt() {
        return section("sfdisk --json", resource("sfdisk-az.json"))
                + section("lsblk -J -b -p -o NAME,PKNAME,TYPE,SIZE,LOG-SEC", resource("lsblk-az.json"))
                + section("findmnt -J -v -o TARGET,SOURCE,FSTYPE /", findmnt("/dev/loop0p1"))
                + section("findmnt -J -v -o TARGET,SOURCE,FSTYPE /boot/efi", findmnt("/dev/loop0p15")
                .replace("\"/\"", "\"/boot/efi\"").replace("ext4", "vfat"))
                + section("df -Pm /", resource("df-root.txt"))
                + section("/etc/fstab", "UUID=7f0e5c2a / ext4 defaults 0 1\nUUID=7A1C-3F2B /boot/efi vfat umask=0077 0 1\n");
    }

    /** A custom Linux image on a plain MBR disk. */
    static String linuxMbr() {
        return section("sfdisk --json", resource("sfdisk-dos.json"))
                + section("lsblk -J -b -p -o NAME,PKNAME,TYPE,SIZE,LOG-SEC", resource("lsblk-dos.json"))
                + section("findmnt -J -v -o TARGET,SOURCE,FSTYPE /", findmnt("/dev/loop0p1"))
                + section("findmnt -J -v -o TARGET,SOURCE,FSTYPE /boot/efi", "")
                + section("df -Pm /", resource("df-root.txt"))
                + section("/etc/fstab", "PARTUUID=5f3b2a91-01\t/\text4\tdefaults\t0 1\n");
    }

    private static String findmnt(String source) {
        return resource("findmnt-root.json").replace("\"/dev/vda\"", "\"" + source + "\"");
    }

    private static String resource(String name) {
        try (InputStream in = ProbeSamples.class.getResourceAsStream("/guest-probe/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
