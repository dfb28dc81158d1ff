package dev.trustlift.core.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.core.cloud.ScriptResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** make-room, winre-resync and drive-letter-fix outputs in the shapes Windows PowerShell 5.1 and reagentc print. */
class PostFixesOutputTest {
    private static final String INFO_ENABLED = """
            Windows Recovery Environment (Windows RE) and system reset configuration
            Information:

                Windows RE status:         Enabled
                Windows RE location:       \\\\?\\GLOBALROOT\\device\\harddisk0\\partition1\\Recovery\\WindowsRE
                Boot Configuration Data (BCD) identifier: 8a0fc2b1-1c4e-11ee-9d3b-000d3a5c1e2f
                Recovery image location:
                Recovery image index:      0

            REAGENTC.EXE: Operation Successful.
            """;

    @Test
    void makeRoomShrankAfterEnablingTheServices() {
        MakeRoomOutput m = MakeRoomOutput.parse(new ScriptResult(0, """
                == Get-Service vds, defragsvc ==
                [{"Name":"vds","Status":1,"StartType":4},{"Name":"defragsvc","Status":1,"StartType":3}]
                == Get-Service vds, defragsvc (after) ==
                [{"Name":"vds","Status":1,"StartType":3},{"Name":"defragsvc","Status":1,"StartType":3}]
                == Optimize-Volume -DriveLetter C -Defrag ==
                == Get-PartitionSupportedSize -DriveLetter C ==
                {"SizeMin":53687091200,"SizeMax":136363114496}
                == Get-Partition -DriveLetter C (before) ==
                {"DiskNumber":0,"PartitionNumber":2,"Offset":525336576,"Size":136363114496}
                == Get-Partition -DriveLetter C (after) ==
                {"DiskNumber":0,"PartitionNumber":2,"Offset":525336576,"Size":136257208320}
                """, ""));
        assertEquals(List.of("vds"), m.servicesEnabled());
        assertTrue(m.defragmented());
        assertEquals(101, m.shrunkMb());
        assertEquals((136363114496L - 53687091200L) / (1024 * 1024), m.shrinkableMb());
    }

    @Test
    void makeRoomThatWindowsDidNotAllowLeavesCAsItWas() {
        MakeRoomOutput m = MakeRoomOutput.parse(new ScriptResult(0, """
                == Get-Service vds, defragsvc ==
                [{"Name":"vds","Status":4,"StartType":"Manual"},{"Name":"defragsvc","Status":1,"StartType":"Manual"}]
                == Get-Service vds, defragsvc (after) ==
                [{"Name":"vds","Status":4,"StartType":"Manual"},{"Name":"defragsvc","Status":1,"StartType":"Manual"}]
                == Get-PartitionSupportedSize -DriveLetter C ==
                {"SizeMin":136300000000,"SizeMax":136363114496}
                == Get-Partition -DriveLetter C (before) ==
                {"DiskNumber":0,"PartitionNumber":2,"Offset":525336576,"Size":136363114496}
                == Get-Partition -DriveLetter C (after) ==
                {"DiskNumber":0,"PartitionNumber":2,"Offset":525336576,"Size":136363114496}
                """, ""));
        assertEquals(0, m.shrunkMb());
        assertEquals(60, m.shrinkableMb());
        assertEquals(List.of(), m.servicesEnabled());
        assertFalse(m.defragmented());
    }

    @Test
    void winReOutOfSyncWasResynced() {
        WinReOutput w = WinReOutput.parse(new ScriptResult(0, "== reagentc /info (before) ==\n"
                + INFO_ENABLED.replace("Enabled", "Disabled") + "== ReAgent.xml WinreBCD id (before) ==\n{00000000-0000-0000-0000-000000000000}\n"
                + "== reagentc /disable ==\nREAGENTC.EXE: Operation Successful.\n== reagentc /enable ==\nREAGENTC.EXE: Operation Successful.\n"
                + "== reagentc /info ==\n" + INFO_ENABLED + "== ReAgent.xml WinreBCD id ==\n{8A0FC2B1-1C4E-11EE-9D3B-000D3A5C1E2F}\n", ""));
        assertTrue(w.resynced());
        assertTrue(w.inSync());
        assertEquals("8a0fc2b1-1c4e-11ee-9d3b-000d3a5c1e2f", w.bcdId());
        WinReOutput stale = WinReOutput.parse(new ScriptResult(0, "== reagentc /info ==\n" + INFO_ENABLED
                + "== ReAgent.xml WinreBCD id ==\n{11111111-1c4e-11ee-9d3b-000d3a5c1e2f}\n", ""));
        assertFalse(stale.inSync());
        assertFalse(stale.resynced());
    }

    private static ScriptResult drive(String dBefore, String pageBefore, String dAfter, String pageAfter, String temp) {
        return new ScriptResult(0, "== Get-Partition -DriveLetter D (before) ==\n" + dBefore + "\n== Win32_PageFileSetting (before) ==\n"
                + pageBefore + "\n== Get-Partition -DriveLetter D ==\n" + dAfter + "\n== Win32_PageFileSetting ==\n" + pageAfter
                + "\n== Get-Volume Temporary Storage ==\n" + temp + "\n", "");
    }

    @Test
    void driveLetterPhasesFollowTheStateBefore() {
        String sysReservedD = "{\"DiskNumber\":0,\"PartitionNumber\":1,\"Size\":524288000}";
        String tempD = "{\"DiskNumber\":1,\"PartitionNumber\":1,\"Size\":8587837440}";
        DriveLetterOutput one = DriveLetterOutput.parse(drive(sysReservedD, "{\"Name\":\"D:\\\\pagefile.sys\"}", sysReservedD,
                "{\"Name\":\"C:\\\\pagefile.sys\"}", "{\"DriveLetter\":\"E\",\"FileSystemLabel\":\"Temporary Storage\"}"), 0);
        assertEquals(DriveLetterOutput.Phase.PAGE_FILE_MOVED, one.phase());
        assertTrue(one.phase().rebootNeeded());
        assertEquals(List.of("C:\\pagefile.sys"), one.pageFilesAfter());
        DriveLetterOutput two = DriveLetterOutput.parse(drive(sysReservedD, "{\"Name\":\"C:\\\\pagefile.sys\"}", "",
                "{\"Name\":\"C:\\\\pagefile.sys\"}", "{\"DriveLetter\":\"E\",\"FileSystemLabel\":\"Temporary Storage\"}"), 0);
        assertEquals(DriveLetterOutput.Phase.LETTER_REMOVED, two.phase());
        DriveLetterOutput three = DriveLetterOutput.parse(drive("", "{\"Name\":\"C:\\\\pagefile.sys\"}", tempD,
                "{\"Name\":\"C:\\\\pagefile.sys\"}", "{\"DriveLetter\":\"D\",\"FileSystemLabel\":\"Temporary Storage\"}"), 0);
        assertEquals(DriveLetterOutput.Phase.TEMP_DISK_IS_D, three.phase());
        assertFalse(three.phase().rebootNeeded());
        assertEquals(1, three.dAfterDisk());
    }

    @Test
    void aDetectRunSaysWhetherTheOsDiskHoldsD() {
        String sysReservedD = "{\"DiskNumber\":0,\"PartitionNumber\":1,\"Size\":524288000}";
        String tempD = "{\"DiskNumber\":1,\"PartitionNumber\":1,\"Size\":8587837440}";
        String page = "{\"Name\":\"D:\\\\pagefile.sys\"}";
        DriveLetterOutput taken = DriveLetterOutput.parse(drive(sysReservedD, page, sysReservedD, page,
                "{\"DriveLetter\":\"E\",\"FileSystemLabel\":\"Temporary Storage\"}"), 0);
        assertTrue(taken.dOnOsDisk(0));
        assertTrue(taken.systemReservedHoldsD(0), "500 MiB: System Reserved");
        assertEquals(524288000L, taken.dBeforeBytes());
        DriveLetterOutput owners = DriveLetterOutput.parse(drive("{\"DiskNumber\":0,\"PartitionNumber\":3,\"Size\":53687091200}",
                page, "", page, ""), 0);
        assertTrue(owners.dOnOsDisk(0));
        assertFalse(owners.systemReservedHoldsD(0), "a 50 GiB D: on the OS disk is the owner's partition");
        assertFalse(taken.dOnOsDisk(2), "another disk number: not the OS disk's D:");
        DriveLetterOutput fine = DriveLetterOutput.parse(drive(tempD, page, tempD, page,
                "{\"DriveLetter\":\"D\",\"FileSystemLabel\":\"Temporary Storage\"}"), 0);
        assertFalse(fine.dOnOsDisk(0));
        DriveLetterOutput noD = DriveLetterOutput.parse(drive("", "", "", "", ""), 0);
        assertFalse(noD.dOnOsDisk(0));
    }
}
