package dev.trustlift.core.assess.gather;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.core.assess.BitLockerState;
import dev.trustlift.core.assess.DiskLayout;
import dev.trustlift.core.assess.GuestFacts;
import dev.trustlift.core.assess.PartitionSummary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The probe's parser on real command output (test resources guest-probe/, see its README) and on documented shapes. */
class ProbeOutputTest {
    static final String FINDMNT = GuestProbe.FINDMNT;

    static String resource(String name) {
        try (InputStream in = ProbeOutputTest.class.getResourceAsStream("/guest-probe/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String section(String name, String body) {
        return GuestProbe.SECTION_OPEN + name + GuestProbe.SECTION_CLOSE + "\n" + body + (body.endsWith("\n") ? "" : "\n");
    }

    /** Real findmnt output with its source moved to the device a test mounts at /. */
    static String findmntRoot(String source) {
        return resource("findmnt-root.json").replace("\"/dev/vda\"", "\"" + source + "\"");
    }

    @Test
    void linuxDosDiskFromRealSfdiskAndLsblk() {
        String out = section(GuestProbe.SFDISK, resource("sfdisk-dos.json"))
                + section(GuestProbe.LSBLK, resource("lsblk-dos.json"))
                + section(FINDMNT + " /", findmntRoot("/dev/loop0p1"))
                + section(FINDMNT + " /boot/efi", "")
                + section(GuestProbe.DF, resource("df-root.txt"))
                + section(GuestProbe.FSTAB, "PARTUUID=5f3b2a91-01\t/\text4\tdefaults\t0 1\n/dev/loop0p5 none swap sw 0 0\n")
                + "TRUSTLIFT_EXIT=0\n";
        GuestFacts g = ProbeOutput.parse(out);
        DiskLayout layout = g.layout();
        assertEquals(DiskLayout.Style.MBR, layout.style());
        assertEquals(512, layout.sectorSize());
        assertEquals(64L * 2048, layout.totalSectors(), "from lsblk's disk size in bytes");
        assertEquals(List.of("83", "05", "82"), layout.partitions().stream().map(PartitionSummary::type).toList());
        assertEquals(List.of(1, 2, 5), layout.partitions().stream().map(PartitionSummary::number).toList());
        PartitionSummary root = layout.partitions().get(0);
        assertTrue(root.active() && root.os());
        assertEquals("/", root.mountPoint());
        assertEquals(2048L, root.startLba());
        assertEquals(40960L, root.sectors());
        assertTrue(layout.partitions().get(1).extendedContainer());
        assertEquals(88064L, layout.partitions().get(1).sectors(), "sizes from sfdisk, not lsblk's 1 KiB for the container");
        assertTrue(layout.partitions().get(2).logical());
        assertEquals(79327L, g.freeMb(), "df's Available column");
        assertEquals(true, g.fstabUsesPartuuid());
        assertEquals(false, g.espInFstab());
        assertEquals(BitLockerState.UNKNOWN, g.bitLocker());
    }

    @Test
    void linuxAzureGptFromRealSfdiskWithPartitionsOutOfOrder() {
        String out = section(GuestProbe.SFDISK, resource("sfdisk-az.json"))
                + section(GuestProbe.LSBLK, resource("lsblk-az.json"))
                + section(FINDMNT + " /", findmntRoot("/dev/loop0p1"))
                + section(FINDMNT + " /boot/efi", findmntRoot("/dev/loop0p15").replace("\"/\"", "\"/boot/efi\"")
                        .replace("ext4", "vfat"))
                + section(GuestProbe.DF, resource("df-root.txt"))
                + section(GuestProbe.FSTAB, "UUID=7f0e5c2a / ext4 defaults 0 1\nUUID=7A1C-3F2B /boot/efi vfat umask=0077 0 1\n");
        GuestFacts g = ProbeOutput.parse(out);
        DiskLayout layout = g.layout();
        assertEquals(DiskLayout.Style.GPT, layout.style());
        PartitionSummary esp = layout.esp().orElseThrow();
        assertEquals(15, esp.number());
        assertEquals(PartitionSummary.ESP_GUID, esp.type());
        assertEquals("/boot/efi", esp.mountPoint());
        assertEquals(1, layout.osPartition().orElseThrow().number());
        assertEquals(PartitionSummary.BIOS_BOOT_GUID, layout.partitions().stream().filter(p -> p.number() == 14)
                .findFirst().orElseThrow().type());
        assertEquals(true, g.espInFstab());
        assertEquals(false, g.fstabUsesPartuuid());
    }

    @Test
    void rootOnLvmBelongsToThePartitionUnderIt() {
        String lsblk = resource("lsblk-dos.json").replace("\"name\": \"/dev/loop0p1\",", "\"name\": \"/dev/loop0p1\",\n"
                + "\"children\": [{\"name\": \"/dev/mapper/rootvg-rootlv\", \"pkname\": \"/dev/loop0p1\", \"type\": \"lvm\","
                + " \"size\": 10485760, \"log-sec\": 512}],");
        String out = section(GuestProbe.SFDISK, resource("sfdisk-dos.json")) + section(GuestProbe.LSBLK, lsblk)
                + section(FINDMNT + " /", findmntRoot("/dev/mapper/rootvg-rootlv"));
        DiskLayout layout = ProbeOutput.parse(out).layout();
        assertEquals(1, layout.osPartition().orElseThrow().number());
        assertNull(ProbeOutput.parse(out).freeMb(), "no df section, no free space");
        assertNull(ProbeOutput.parse(out).espInFstab(), "no fstab section, unknown");
    }

    /** Shapes as Get-Disk / Get-Partition | ConvertTo-Json print them (docs: MSFT_Disk, MSFT_Partition). */
    static String windows(String style, String partitions, String bitLockerSection) {
        return section(GuestProbe.GET_DISK, "{\"Number\":0,\"PartitionStyle\":" + style + ",\"LogicalSectorSize\":512,"
                + "\"Size\":136365211648}")
                + section(GuestProbe.GET_PARTITION, partitions)
                + section(GuestProbe.GET_VOLUME, "{\"DriveLetter\":\"C\",\"Size\":128000000000,\"SizeRemaining\":943718400}")
                + section(GuestProbe.SUPPORTED_SIZE, "{\"SizeMin\":127947571200,\"SizeMax\":128000000000}")
                + bitLockerSection;
    }

    @Test
    void windowsKeepsTheNumberOfTheDiskHoldingCForMbr2Gpt() {
        String parts = "[{\"PartitionNumber\":1,\"DriveLetter\":\"C\",\"Offset\":1048576,\"Size\":128000000000,"
                + "\"MbrType\":7,\"GptType\":null,\"IsActive\":true}]";
        String probed = windows("\"MBR\"", parts, section(GuestProbe.NO_BITLOCKER, "")).replace("\"Number\":0", "\"Number\":2");
        assertEquals(2, ProbeOutput.parse(probed).osDiskNumber(), "MBR2GPT is told /disk:2, never left to choose");
        assertNull(ProbeOutput.parse(probed.replace("\"Number\":2,", "")).osDiskNumber(), "not printed: unknown");
    }

    @Test
    void windowsMbrWithFourPartitionsAndBitLockerSuspended() {
        String parts = "[{\"PartitionNumber\":1,\"DriveLetter\":\"\\u0000\",\"Offset\":1048576,\"Size\":524288000,\"MbrType\":7,"
                + "\"GptType\":null,\"IsActive\":true},"
                + "{\"PartitionNumber\":2,\"DriveLetter\":\"C\",\"Offset\":525336576,\"Size\":128000000000,\"MbrType\":7,"
                + "\"GptType\":null,\"IsActive\":false},"
                + "{\"PartitionNumber\":3,\"DriveLetter\":\"\\u0000\",\"Offset\":128525336576,\"Size\":524288000,\"MbrType\":39,"
                + "\"GptType\":null,\"IsActive\":false},"
                + "{\"PartitionNumber\":4,\"DriveLetter\":\"D\",\"Offset\":129049624576,\"Size\":7000000000,\"MbrType\":7,"
                + "\"GptType\":null,\"IsActive\":false}]";
        GuestFacts g = ProbeOutput.parse(windows("\"MBR\"", parts, section(GuestProbe.BITLOCKER,
                "{\"MountPoint\":\"C:\",\"VolumeStatus\":1,\"ProtectionStatus\":0}")) + "TRUSTLIFT_EXIT=0\r\n");
        assertEquals(BitLockerState.SUSPENDED, g.bitLocker());
        assertEquals(900L, g.freeMb());
        assertEquals(850L, g.unmovableTailMb(), "900 MiB free, 50 MiB shrinkable (Size - SizeMin)");
        DiskLayout layout = g.layout();
        assertEquals(DiskLayout.Style.MBR, layout.style());
        assertEquals(266338304L, layout.totalSectors());
        assertEquals(List.of(1, 2, 3, 4), layout.partitions().stream().map(PartitionSummary::number).toList());
        assertTrue(layout.partitions().get(0).active());
        assertEquals(2048L, layout.partitions().get(0).startLba());
        assertEquals(2, layout.osPartition().orElseThrow().number());
        assertEquals("C:", layout.osPartition().orElseThrow().mountPoint());
        assertTrue(layout.partitions().get(2).windowsRecovery());
        assertNull(g.espInFstab());
    }

    @Test
    void windowsLogicalPartitionsAreThoseInsideTheExtendedOne() {
        String parts = "[{\"PartitionNumber\":1,\"DriveLetter\":\"\\u0000\",\"Offset\":1048576,\"Size\":524288000,\"MbrType\":7,"
                + "\"IsActive\":true},{\"PartitionNumber\":2,\"DriveLetter\":\"\\u0000\",\"Offset\":525336576,"
                + "\"Size\":135000000000,\"MbrType\":5,\"IsActive\":false},{\"PartitionNumber\":3,\"DriveLetter\":67,"
                + "\"Offset\":526385152,\"Size\":134000000000,\"MbrType\":7,\"IsActive\":false}]";
        DiskLayout layout = ProbeOutput.parse(windows("1", parts, section(GuestProbe.NO_BITLOCKER, ""))).layout();
        assertEquals(DiskLayout.Style.MBR, layout.style(), "PartitionStyle as its number");
        assertTrue(layout.partitions().get(1).extendedContainer());
        assertFalse(layout.partitions().get(1).logical());
        assertTrue(layout.partitions().get(2).logical());
        assertEquals(3, layout.osPartition().orElseThrow().number(), "DriveLetter as a char code");
    }

    @Test
    void windowsGptTypesComeBracedAndLowerCase() {
        String parts = "[{\"PartitionNumber\":1,\"DriveLetter\":\"\\u0000\",\"Offset\":1048576,\"Size\":471859200,\"MbrType\":null,"
                + "\"GptType\":\"{de94bba4-06d1-4d40-a16a-bfd50179d6ac}\",\"IsActive\":false},"
                + "{\"PartitionNumber\":2,\"DriveLetter\":\"\\u0000\",\"Offset\":472907776,\"Size\":103809024,\"MbrType\":null,"
                + "\"GptType\":\"{c12a7328-f81f-11d2-ba4b-00a0c93ec93b}\",\"IsActive\":false},"
                + "{\"PartitionNumber\":3,\"DriveLetter\":\"C\",\"Offset\":593494016,\"Size\":128000000000,\"MbrType\":null,"
                + "\"GptType\":\"{ebd0a0a2-b9e5-4433-87c0-68b6b72699c7}\",\"IsActive\":false}]";
        GuestFacts g = ProbeOutput.parse(windows("\"GPT\"", parts, section(GuestProbe.BITLOCKER,
                "{\"MountPoint\":\"C:\",\"VolumeStatus\":\"FullyEncrypted\",\"ProtectionStatus\":\"On\"}")));
        assertEquals(DiskLayout.Style.GPT, g.layout().style());
        assertEquals(2, g.layout().esp().orElseThrow().number());
        assertEquals(PartitionSummary.ESP_GUID, g.layout().esp().orElseThrow().type());
        assertEquals(BitLockerState.ON, g.bitLocker(), "enums by name as PowerShell 7 with -EnumsAsStrings prints them");
    }

    @Test
    void bitLockerStateFollowsWhatTheCmdletSaid() {
        String parts = "{\"PartitionNumber\":1,\"DriveLetter\":\"C\",\"Offset\":1048576,\"Size\":128000000000,\"MbrType\":7,"
                + "\"IsActive\":true}";
        assertEquals(BitLockerState.OFF, ProbeOutput.parse(windows("\"MBR\"", parts, section(GuestProbe.NO_BITLOCKER, "")))
                .bitLocker(), "without the cmdlet the feature is not installed");
        assertEquals(BitLockerState.UNKNOWN, ProbeOutput.parse(windows("\"MBR\"", parts, section(GuestProbe.BITLOCKER, "")))
                .bitLocker(), "the cmdlet printed nothing: unknown");
        assertEquals(BitLockerState.OFF, ProbeOutput.parse(windows("\"MBR\"", parts, section(GuestProbe.BITLOCKER,
                "{\"VolumeStatus\":0,\"ProtectionStatus\":0}"))).bitLocker());
        assertEquals(BitLockerState.ON, ProbeOutput.parse(windows("\"MBR\"", parts, section(GuestProbe.BITLOCKER,
                "{\"VolumeStatus\":1,\"ProtectionStatus\":1}"))).bitLocker());
    }

    @Test
    void outputThatIsNotAProbesIsRejected() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProbeOutput.parse("hello\n")).getMessage()
                .contains("did not answer the probe"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProbeOutput.parse(section(GuestProbe.SFDISK, "")))
                .getMessage().contains("printed no partition table"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProbeOutput.parse(section(GuestProbe.SFDISK, "{oops")))
                .getMessage().startsWith("the output of 'sfdisk --json' is not JSON"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProbeOutput.parse(
                section(GuestProbe.SFDISK, resource("sfdisk-dos.json")))).getMessage().contains("lsblk -J did not list /dev/loop0"));
    }

    @Test
    void scriptsAreConstantAndCarryNoMarker() {
        for (var os : dev.trustlift.core.cloud.OsType.values()) {
            List<String> lines = GuestProbe.script(os).lines();
            assertTrue(lines.stream().noneMatch(l -> l.contains("trustlift")), lines.toString());
            assertTrue(lines.stream().noneMatch(l -> l.matches(".*\\b(rm|dd|mkfs|sfdisk [^-]|Set-|Remove-|New-|Format-)\\b.*")),
                    "read-only: " + lines);
        }
    }

    @Test
    void theOsDiskNumberIsGetDisksNumberOfCsDiskAndAbsentForLinux() {
        String parts = "[{\"PartitionNumber\":1,\"DriveLetter\":\"C\",\"Offset\":1048576,\"Size\":128000000000,\"MbrType\":7,"
                + "\"GptType\":null,\"IsActive\":true}]";
        String out = windows("1", parts, section(GuestProbe.NO_BITLOCKER, "")).replace("\"Number\":0", "\"Number\":3");
        assertEquals(java.util.OptionalInt.of(3), ProbeOutput.osDiskNumber(out));
        String linux = section(GuestProbe.SFDISK, resource("sfdisk-az.json")) + section(GuestProbe.LSBLK, resource("lsblk-az.json"));
        assertEquals(java.util.OptionalInt.empty(), ProbeOutput.osDiskNumber(linux));
        assertEquals(java.util.OptionalInt.empty(), ProbeOutput.osDiskNumber(out.replace("\"Number\":3,", "")),
                "no number printed: not guessed");
    }
}
