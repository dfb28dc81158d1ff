package dev.trustlift.core.vmlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VmListFileTest {
    private static final String SUB = "11111111-1111-1111-1111-111111111111";

    @Test
    void officialCsvWithBomCrlfQuotesAndExtraColumn() {
        String text = "\uFEFFVMNAME,vmResourceGroupName,EnableSecureBoot,owner\r\n"
                + "web01,rg-app,true,alice\r\n"
                + "\"gpu01\",\"rg-ml\",False,\"bob, the \"\"builder\"\"\"\r\n"
                + "\r\n";
        List<VmListEntry> entries = VmListFile.parse("vms.csv", text);
        assertEquals(List.of(new VmListEntry(null, "rg-app", "web01", true, 2), new VmListEntry(null, "rg-ml", "gpu01", false, 3)),
                entries);
    }

    @Test
    void missingColumnNamesItAndTheHeaderLine() {
        VmListException e = assertThrows(VmListException.class,
                () -> VmListFile.parse("vms.csv", "vmName,resourceGroup,enableSecureBoot\nweb01,rg,true\n"));
        assertEquals("vms.csv:1: the header lacks column 'vmResourceGroupName' (expected vmName,vmResourceGroupName,"
                + "enableSecureBoot, found vmName,resourceGroup,enableSecureBoot)", e.getMessage());
    }

    @Test
    void duplicateRowIsCaseInsensitiveAndNamesBothLines() {
        VmListException e = assertThrows(VmListException.class, () -> VmListFile.parse("vms.csv",
                "vmName,vmResourceGroupName,enableSecureBoot\nweb01,rg-app,true\nweb02,rg-app,true\nWEB01,RG-App,false\n"));
        assertEquals("vms.csv:4: VM 'WEB01' in resource group 'RG-App' is already listed on line 2; remove the duplicate row",
                e.getMessage());
    }

    @Test
    void badSecureBootValueAndEmptyNameAndShortRow() {
        String header = "vmName,vmResourceGroupName,enableSecureBoot\n";
        assertEquals("vms.csv:2: enableSecureBoot is 'yes' (expected true or false)", assertThrows(VmListException.class,
                () -> VmListFile.parse("vms.csv", header + "web01,rg,yes\n")).getMessage());
        assertEquals("vms.csv:3: empty vmName", assertThrows(VmListException.class,
                () -> VmListFile.parse("vms.csv", header + "web01,rg,true\n ,rg,true\n")).getMessage());
        assertEquals("vms.csv:2: 2 fields, the header has 3", assertThrows(VmListException.class,
                () -> VmListFile.parse("vms.csv", header + "web01,rg\n")).getMessage());
    }

    @Test
    void unterminatedQuoteIsAnError() {
        VmListException e = assertThrows(VmListException.class, () -> VmListFile.parse("vms.csv",
                "vmName,vmResourceGroupName,enableSecureBoot\n\"web01,rg,true\n"));
        assertTrue(e.getMessage().startsWith("vms.csv:2: unterminated quote in field 1"), e.getMessage());
    }

    @Test
    void resourceIdListWithCommentsAndBlankLines() {
        String text = "# wave 1\n/subscriptions/" + SUB + "/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/web01\n\n"
                + "  /subscriptions/" + SUB + "/resourcegroups/rg-db/providers/microsoft.compute/virtualMachines/db01  \n";
        List<VmListEntry> entries = VmListFile.parse("ids.txt", text);
        assertEquals(List.of(new VmListEntry(SUB, "rg-app", "web01", null, 2), new VmListEntry(SUB, "rg-db", "db01", null, 4)),
                entries);
    }

    @Test
    void malformedIdNamesTheLine() {
        VmListException e = assertThrows(VmListException.class, () -> VmListFile.parse("ids.txt",
                "/subscriptions/" + SUB + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/a\n"
                        + "/subscriptions/" + SUB + "/resourceGroups/rg/providers/Microsoft.Compute/disks/a-os\n"));
        assertTrue(e.getMessage().startsWith("ids.txt:2: not a VM id: '/subscriptions/"), e.getMessage());
    }

    @Test
    void duplicateIdIsAnError() {
        String id = "/subscriptions/" + SUB + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/a";
        VmListException e = assertThrows(VmListException.class, () -> VmListFile.parse("ids.txt", id + "\n" + id.toUpperCase() + "\n"));
        assertTrue(e.getMessage().startsWith("ids.txt:2: VM 'A'"), e.getMessage());
        assertTrue(e.getMessage().contains("already listed on line 1"));
    }

    @Test
    void emptyFileAndHeaderOnly() {
        assertTrue(assertThrows(VmListException.class, () -> VmListFile.parse("vms.csv", "\uFEFF\n\n")).getMessage()
                .startsWith("vms.csv: no VMs in the file"));
        assertEquals("vms.csv: the header is there but no VM rows follow", assertThrows(VmListException.class,
                () -> VmListFile.parse("vms.csv", "vmName,vmResourceGroupName,enableSecureBoot\r\n")).getMessage());
    }

    @Test
    void readsAFileAsUtf8(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("vms.csv");
        Files.write(file, "\uFEFFvmName,vmResourceGroupName,enableSecureBoot\nwéb01,rg,true\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("wéb01", VmListFile.read(file).get(0).name());
    }
}
