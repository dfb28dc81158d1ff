package dev.trustlift.sandbox.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustlift.sandbox.fleet.GuestSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulated guests answer real command invocations with what those commands print for the VM's disk. */
class CommandEmulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static GuestContext linux(String preset, boolean partuuid) {
        return new GuestContext(false, "ubuntu", "20.04", false, false, false, LayoutPresets.build(preset, 30),
                new GuestState(new GuestSpec(null, null, 12000, null, partuuid)), step -> null);
    }

    private static GuestContext windows(String preset, String bitlocker) {
        return new GuestContext(true, "Windows Server 2019 Datacenter", "10.0.17763", false, false, false,
                LayoutPresets.build(preset, 127), new GuestState(new GuestSpec(null, bitlocker, 20000, 500, null)), step -> null);
    }

    private static JsonNode json(ScriptResult r) throws Exception {
        return JSON.readTree(String.join("\n", r.stdout()));
    }

    private static ScriptResult sh(GuestContext ctx, String... lines) {
        return GuestSimulator.run("RunShellScript", List.of(lines), ctx);
    }

    private static ScriptResult ps(GuestContext ctx, String... lines) {
        return GuestSimulator.run("RunPowerShellScript", List.of(lines), ctx);
    }

    @Test
    void sfdiskJsonOnAnMbrDiskGivesHexTypesAndTheBootableFlag() throws Exception {
        ScriptResult r = sh(linux("linux-mbr-custom", true), "sfdisk --json /dev/sda");
        assertEquals(0, r.exitCode(), r.stderrText());
        JsonNode pt = json(r).path("partitiontable");
        assertEquals("dos", pt.path("label").asText());
        assertEquals("/dev/sda", pt.path("device").asText());
        assertEquals(512, pt.path("sectorsize").asInt());
        JsonNode first = pt.path("partitions").path(0);
        assertEquals("/dev/sda1", first.path("node").asText());
        assertEquals(2048, first.path("start").asLong());
        assertEquals("83", first.path("type").asText());
        assertTrue(first.path("bootable").asBoolean());
    }

    @Test
    void sfdiskJsonOnGptGivesTypeGuidsInNumberOrder() throws Exception {
        JsonNode pt = json(sh(linux("linux-azure-gpt", false), "sfdisk --json \"$disk\"")).path("partitiontable");
        assertEquals("gpt", pt.path("label").asText());
        List<String> types = new java.util.ArrayList<>();
        List<String> nodes = new java.util.ArrayList<>();
        pt.path("partitions").forEach(p -> {
            types.add(p.path("type").asText());
            nodes.add(p.path("node").asText());
        });
        assertEquals(List.of("/dev/sda1", "/dev/sda14", "/dev/sda15"), nodes);
        assertEquals(List.of("0FC63DAF-8483-4772-8E79-3D69D8477DE4", "21686148-6449-6E6F-744E-656564454649",
                "C12A7328-F81F-11D2-BA4B-00A0C93EC93B"), types);
    }

    @Test
    void lsblkPrintsTheColumnsAskedForAsATree() throws Exception {
        GuestContext ctx = linux("linux-mbr-custom", false);
        JsonNode disk = json(sh(ctx, "lsblk -J -b -p -o NAME,PKNAME,TYPE,SIZE,LOG-SEC /dev/sda")).path("blockdevices").path(0);
        assertEquals("/dev/sda", disk.path("name").asText());
        assertEquals(ctx.disk().sectors() * 512, disk.path("size").asLong());
        assertEquals(List.of("name", "pkname", "type", "size", "log-sec", "children"), iterable(disk.fieldNames()));
        JsonNode part = disk.path("children").path(0);
        assertEquals("/dev/sda", part.path("pkname").asText());
        assertEquals("part", part.path("type").asText());
        JsonNode shortNames = json(sh(ctx, "lsblk -J -o NAME,MOUNTPOINT /dev/sda")).path("blockdevices").path(0);
        assertEquals("sda", shortNames.path("name").asText(), "without -p lsblk prints kernel names");
        ScriptResult unknown = sh(ctx, "lsblk -J -o NAME,FSAVAIL /dev/sda");
        assertEquals(127, unknown.exitCode());
        assertTrue(unknown.stderrText().contains("FSAVAIL"), unknown.stderrText());
    }

    @Test
    void findmntDfAndFstabDescribeTheRootAndTheEsp() throws Exception {
        GuestContext gpt = linux("linux-azure-gpt", false);
        ScriptResult r = sh(gpt, "echo '== root =='", "findmnt -J -v -o TARGET,SOURCE,FSTYPE /");
        assertEquals("== root ==", r.stdout().get(0));
        assertEquals("/dev/sda1", JSON.readTree(String.join("\n", r.stdout().subList(1, r.stdout().size())))
                .at("/filesystems/0/source").asText());
        assertEquals("/dev/sda15", json(sh(gpt, "findmnt -J -v -o TARGET,SOURCE,FSTYPE /boot/efi")).at("/filesystems/0/source")
                .asText());
        GuestContext mbr = linux("linux-mbr-custom", true);
        ScriptResult noEsp = sh(mbr, "findmnt -J -v -o TARGET,SOURCE,FSTYPE /boot/efi");
        assertEquals(List.of(), noEsp.stdout(), "nothing mounted there: findmnt prints nothing");
        List<String> df = sh(mbr, "df -Pm /").stdout();
        assertTrue(df.get(0).startsWith("Filesystem     1048576-blocks"), df.toString());
        assertEquals("12000", df.get(1).split("\\s+")[3], "Available is the guest's free space");
        List<String> fstab = sh(mbr, "grep -Ev '^[[:space:]]*(#|$)' /etc/fstab").stdout();
        assertEquals(1, fstab.size(), fstab.toString());
        assertTrue(fstab.get(0).startsWith("PARTUUID=5f3b2a91-0") && fstab.get(0).contains("\t/\t"), fstab.get(0));
        assertTrue(sh(gpt, "grep -Ev '^[[:space:]]*(#|$)' /etc/fstab").stdout().get(1).contains("/boot/efi"));
    }

    @Test
    void getPartitionThroughSelectObjectAndConvertToJson() throws Exception {
        ScriptResult r = ps(windows("windows-extended", "off"), "$c = Get-Partition -DriveLetter C",
                "Get-Partition -DiskNumber $c.DiskNumber | Select-Object PartitionNumber, DriveLetter, Offset, MbrType, GptType, "
                        + "IsActive | ConvertTo-Json -Compress");
        assertEquals(0, r.exitCode(), r.stderrText());
        assertEquals(1, r.stdout().size(), "-Compress prints one line");
        JsonNode parts = json(r);
        assertTrue(parts.isArray());
        JsonNode first = parts.path(0);
        assertEquals(List.of("PartitionNumber", "DriveLetter", "Offset", "MbrType", "GptType", "IsActive"),
                List.copyOf(iterable(first.fieldNames())));
        assertEquals(1024L * 1024, first.path("Offset").asLong());
        assertEquals(7, first.path("MbrType").asInt());
        assertTrue(first.path("MbrType").isNumber());
        assertTrue(first.path("GptType").isNull());
        assertEquals("\u0000", first.path("DriveLetter").asText());
        assertTrue(first.path("IsActive").asBoolean());
        boolean sawExtendedThenC = false;
        for (int i = 1; i < parts.size(); i++) {
            sawExtendedThenC |= parts.path(i - 1).path("MbrType").asInt() == 0x0F && parts.path(i).path("DriveLetter").asText().equals("C");
        }
        assertTrue(sawExtendedThenC, "windows-extended holds C: in its logical partition: " + parts);
    }

    @Test
    void gptTypesAreBracedLowerCaseGuidsAndOneObjectIsNotAnArray() throws Exception {
        GuestContext ctx = windows("windows-azure-gpt", "on");
        JsonNode parts = json(ps(ctx, "Get-Partition -DiskNumber 0 | Select-Object PartitionNumber, GptType | ConvertTo-Json"));
        assertEquals("{c12a7328-f81f-11d2-ba4b-00a0c93ec93b}", parts.path(1).path("GptType").asText());
        JsonNode disk = json(ps(ctx, "Get-Disk -Number 0 | Select-Object Number, PartitionStyle | ConvertTo-Json -Compress"));
        assertTrue(disk.isObject());
        assertEquals(2, disk.path("PartitionStyle").asInt(), "MSFT_Disk.PartitionStyle is a UInt16: 2 is GPT");
        JsonNode bl = json(ps(ctx, "Get-BitLockerVolume -MountPoint 'C:' | Select-Object ProtectionStatus, Nope | ConvertTo-Json"));
        assertEquals(1, bl.path("ProtectionStatus").asInt());
        assertTrue(bl.has("Nope") && bl.path("Nope").isNull(), "Select-Object of a missing property gives null");
    }

    @Test
    void ifGetCommandRunsTheBranchOfAnInstalledCmdletOnly() {
        ScriptResult r = ps(windows("windows-azure-default", "suspended"),
                "if (Get-Command Get-BitLockerVolume -ErrorAction SilentlyContinue) {",
                "  Write-Output 'installed'",
                "} else { Write-Output 'missing' }");
        assertEquals(List.of("installed"), r.stdout());
    }

    @Test
    void linesItCannotAnswerFailTheScriptLoudly() {
        ScriptResult table = ps(windows("windows-azure-default", "off"), "Get-Disk | Format-Table");
        assertEquals(127, table.exitCode());
        assertTrue(table.stderrText().contains("Format-Table"), table.stderrText());
        ScriptResult other = sh(linux("linux-azure-gpt", false), "sfdisk --json /dev/sda", "blkid -o export /dev/sda1");
        assertEquals(127, other.exitCode());
        assertTrue(other.stderrText().contains("does not emulate: blkid -o export /dev/sda1"), other.stderrText());
        assertNull(CommandEmulator.run(List.of("set -u", "export LC_ALL=C"), linux("linux-azure-gpt", false)),
                "no command at all: not a script the emulator answers");
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
