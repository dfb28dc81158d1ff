package dev.trustlift.core.report.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CampaignCsvTest {
    @TempDir
    Path dir;

    @Test
    void oneRowPerAttemptAndOneForAVmWithout() {
        String csv = new CampaignCsv().render(SampleView.in(dir));
        assertTrue(csv.endsWith("\r\n"));
        List<String> rows = csv.lines().toList();
        assertEquals("vmName,resourceGroup,vmId,vmState,step,attempt,state,started,ended,durationSeconds,requestIds,"
                + "operation,errorCode,error", rows.get(0));
        // Attempts: web 12, app 6, legacy 2, db 5, linux 1; the pending VM gets one empty row.
        assertEquals(1 + 12 + 6 + 2 + 5 + 1 + 1, rows.size());
        assertEquals("win2022-web,rg-prod," + SampleCampaign.WEB + ",UPGRADED,deallocate,1,FAILED,2026-12-08T03:02:30Z,"
                + "2026-12-08T03:02:35.500Z,5.5,req-web-409,,Conflict,OperationNotAllowed: the VM is being updated; retry later",
                rows.get(7));
        assertEquals("win2019-app,rg-prod," + SampleCampaign.APP + ",FAILED,guest-convert,1,FAILED,2026-12-08T03:02:00Z,"
                + "2026-12-08T03:03:10Z,70,req-app-5 req-app-6,run-command:mbr2gpt-convert,MBR2GPT_EXIT_7,"
                + "Cannot find room for the EFI system partition", rows.get(18));
        assertEquals("win2022-db,rg-test," + SampleCampaign.DB + ",IN_PROGRESS,start,1,STARTED,2026-12-08T03:05:06Z,,,"
                + "req-db-5,start,,", rows.get(25));
        assertEquals("win11-desk,rg-test," + SampleCampaign.PENDING + ",PENDING,,,,,,,,,,", rows.get(27));
    }
}
