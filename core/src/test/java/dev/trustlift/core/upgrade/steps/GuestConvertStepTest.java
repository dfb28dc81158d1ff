package dev.trustlift.core.upgrade.steps;

import static dev.trustlift.core.upgrade.steps.WindowCloud.WIN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.core.cloud.ManagedRunCommand;
import dev.trustlift.core.cloud.OsType;
import dev.trustlift.core.cloud.PowerState;
import dev.trustlift.core.cloud.RunCommandView;
import dev.trustlift.core.guest.GuestScripts;
import dev.trustlift.core.journal.Artifact;
import dev.trustlift.core.journal.SqliteJournal;
import dev.trustlift.core.upgrade.StepHarness;
import dev.trustlift.core.upgrade.RetryPolicy;
import dev.trustlift.core.upgrade.StepResult;
import dev.trustlift.core.upgrade.VmUpgrade;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** guest-convert: MBR2GPT /convert on the probed disk, read back after a crash, logs fetched on failure. */
class GuestConvertStepTest {
    static final List<String> CONVERTED = List.of("MBR2GPT: Attempting to convert disk 0", "MBR2GPT: Retrieving layout of disk",
            "MBR2GPT: Validating layout, disk sector size is: 512 bytes", "MBR2GPT: Trying to shrink the system partition",
            "MBR2GPT: Creating the EFI system partition", "MBR2GPT: Installing the new boot files",
            "MBR2GPT: Performing the layout conversion", "MBR2GPT: Conversion completed successfully");

    @TempDir
    Path dir;
    SqliteJournal journal;
    StepHarness harness;
    WindowCloud cloud;
    /** What the guest's MBR2GPT prints and returns; the logs in %windir%. */
    List<String> tool = CONVERTED;
    int exit = 0;
    final Map<String, byte[]> logs = new HashMap<>();

    @BeforeEach
    void open() {
        harness = new StepHarness(dir);
        journal = harness.journal();
        cloud = new WindowCloud().addVm(WIN, OsType.WINDOWS, PowerState.RUNNING);
        cloud.clock = harness.clock();
        cloud.guest = this::guest;
        harness.completed(WIN, "guest-probe", "{\"diskNumber\": 0, \"conversion\": \"needed\"}");
    }

    @AfterEach
    void close() {
        journal.close();
    }

    private RunCommandView guest(ManagedRunCommand c) {
        String header = c.script().get(0);
        Map<String, String> p = new HashMap<>();
        c.parameters().forEach(x -> p.put(x.name(), x.value()));
        if (header.startsWith("# mbr2gpt-convert.ps1")) {
            String out = "== MBR2GPT.exe /convert ==\n" + String.join("\n", tool) + "\n== $LASTEXITCODE ==\n" + exit + "\n";
            return cloud.view(exit, out, "");
        }
        if (header.startsWith("# fetch-log.ps1")) {
            byte[] log = logs.get(p.get("File"));
            if (log == null) {
                return cloud.view(1, "", "Exception calling \"ReadAllBytes\": \"Could not find file 'C:\\Windows\\" + p.get("File")
                        + "'.\"");
            }
            int offset = Integer.parseInt(p.get("Offset"));
            int count = Math.min(Integer.parseInt(p.get("Count")), log.length - offset);
            String chunk = Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(log, offset, offset + count));
            return cloud.view(0, "== Length ==\n" + log.length + "\n== Offset ==\n" + offset + "\n== Base64 ==\n" + chunk + "\n", "");
        }
        throw new AssertionError("unexpected script " + header);
    }

    /** Runs the step until it is no longer waiting on an operation, ending each one as ARM would. */
    private StepResult drive(GuestConvertStep step, VmUpgrade vm) {
        StepResult r = step.run(vm);
        for (int i = 0; i < 20 && r instanceof StepResult.Await; i++) {
            cloud.end(vm, r);
            r = step.run(vm);
        }
        return r;
    }

    @Test
    void aLinuxDiskAlreadyGptWithAnEspNeedsNothing() {
        cloud.addVm(WIN, OsType.LINUX, PowerState.RUNNING);
        harness.completed(WIN, "guest-probe", "{\"conversion\": \"not needed\"}");
        StepResult.Done done = assertInstanceOf(StepResult.Done.class,
                new GuestConvertStep(cloud).run(harness.begin(WIN, GuestConvertStep.NAME)));
        assertEquals("not needed", done.detail().path("conversion").asText());
        assertEquals(List.of(), cloud.calls, "not even a read");
    }

    @Test
    void aLinuxDiskThatNeedsConversionIsNotConvertedHere() {
        cloud.addVm(WIN, OsType.LINUX, PowerState.RUNNING);
        StepResult.Failed f = assertInstanceOf(StepResult.Failed.class,
                new GuestConvertStep(cloud).run(harness.begin(WIN, GuestConvertStep.NAME)));
        assertEquals("ConversionNotSupported", f.code());
        assertFalse(f.diskChanged());
        assertEquals(0, cloud.count("beginRunCommand"));
    }

    @Test
    void theOsDiskIsConvertedByItsNumberOnce() {
        harness.completed(WIN, "guest-probe", "{\"diskNumber\": 2}");
        GuestConvertStep step = new GuestConvertStep(cloud);
        VmUpgrade vm = harness.begin(WIN, GuestConvertStep.NAME);
        StepResult r = step.run(vm);
        assertEquals(GuestConvertStep.LABEL, assertInstanceOf(StepResult.Await.class, r).label());
        assertEquals(1, cloud.count("beginRunCommand win01 # mbr2gpt-convert.ps1 [Parameter[name=DiskNumber, value=2]]"),
                cloud.calls.toString());
        cloud.end(vm, r);
        StepResult.Done done = assertInstanceOf(StepResult.Done.class, step.run(vm));
        assertEquals(0, done.detail().path("exitCode").asInt(-1));
        assertEquals(2, done.detail().path("diskNumber").asInt());
        assertFalse(done.detail().has("reagentWarning"));
        assertEquals(1, cloud.count("beginRunCommand"));
        assertEquals(RetryPolicy.ONCE, step.retry());
    }

    @Test
    void aReAgentWarningIsPassedOnToPostFixes() {
        tool = List.of("MBR2GPT: Attempting to convert disk 0", "MBR2GPT: Conversion completed successfully",
                "MBR2GPT: Failed to update ReAgent.xml, please try to  manually disable and enable WinRE.");
        StepResult.Done done = assertInstanceOf(StepResult.Done.class,
                drive(new GuestConvertStep(cloud), harness.begin(WIN, GuestConvertStep.NAME)));
        assertTrue(done.detail().path("reagentWarning").asBoolean());
    }

    @Test
    void withoutTheProbedDiskNumberMbr2GptIsNeverRun() {
        harness.completed(WIN, "guest-probe", "{\"conversion\": \"needed\"}");
        StepResult.Failed f = assertInstanceOf(StepResult.Failed.class,
                new GuestConvertStep(cloud).run(harness.begin(WIN, GuestConvertStep.NAME)));
        assertEquals("DiskNumberUnknown", f.code());
        assertFalse(f.retryable());
        assertFalse(f.diskChanged());
        assertEquals(0, cloud.count("beginRunCommand"));
        assertEquals(null, GuestConvertStep.diskNumber(null));
        assertEquals(null, GuestConvertStep.diskNumber(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                .put("diskNumber", -1)));
        assertEquals(3, GuestConvertStep.diskNumber(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                .put("diskNumber", "3")));
    }

    @Test
    void aConversionAcceptedBeforeACrashIsReadBackNotStartedAgain() {
        new GuestConvertStep(cloud).run(harness.begin(WIN, GuestConvertStep.NAME));
        // ARM accepted the PUT and the guest is converting; the journal never recorded the operation.
        harness.clock().advance(Duration.ofSeconds(3));
        ManagedRunCommand convert = ManagedRunCommand.of("trustlift", GuestScripts.MBR2GPT_CONVERT.script(Map.of("DiskNumber", "0")));
        cloud.runCommands.put(WIN.key(), WindowCloud.of(new RunCommandView("trustlift", "Succeeded", "Running", null, null, "",
                "", harness.clock().instant(), null, null), convert));
        VmUpgrade resumed = harness.restart(WIN);
        GuestConvertStep step = new GuestConvertStep(cloud);
        assertInstanceOf(StepResult.Later.class, step.run(resumed));
        cloud.runCommands.put(WIN.key(), WindowCloud.of(guest(convert), convert));
        assertInstanceOf(StepResult.Done.class, step.run(resumed));
        assertEquals(1, cloud.count("beginRunCommand"));
    }

    @Test
    void aConversionStillShownRunningPastItsTimeoutIsNeverStartedAgain() {
        new GuestConvertStep(cloud).run(harness.begin(WIN, GuestConvertStep.NAME));
        ManagedRunCommand convert = ManagedRunCommand.of("trustlift", GuestScripts.MBR2GPT_CONVERT.script(Map.of("DiskNumber", "0")));
        cloud.runCommands.put(WIN.key(), WindowCloud.of(new RunCommandView("trustlift", "Succeeded", "Running", null, null, "",
                "", harness.clock().instant(), null, null), convert));
        VmUpgrade resumed = harness.restart(WIN);
        harness.clock().advance(Duration.ofMinutes(36));
        StepResult.Failed f = assertInstanceOf(StepResult.Failed.class, new GuestConvertStep(cloud).run(resumed));
        assertEquals("ConvertTimedOut", f.code());
        assertTrue(f.diskChanged(), "the disk is restored rather than converted twice");
        assertEquals(1, cloud.count("beginRunCommand"));
    }

    @Test
    void anEarlierScriptsResultIsNotTakenForTheConversion() {
        cloud.runCommands.put(WIN.key(), new RunCommandView("trustlift", "Succeeded", "Succeeded", null, 0,
                "== MBR2GPT.exe /validate ==\nMBR2GPT: Validation completed successfully\n", "",
                harness.clock().instant().minusSeconds(20), harness.clock().instant().minusSeconds(10),
                String.join("\n", GuestScripts.MBR2GPT_VALIDATE.lines())));
        assertInstanceOf(StepResult.Await.class, new GuestConvertStep(cloud).run(harness.begin(WIN, GuestConvertStep.NAME)));
        assertEquals(1, cloud.count("beginRunCommand"));
    }

    @Test
    void aConversionOfAnEarlierCampaignIsNotTakenForThisOne() {
        ManagedRunCommand earlier = ManagedRunCommand.of("trustlift", GuestScripts.MBR2GPT_CONVERT.script(Map.of("DiskNumber",
                "0")));
        cloud.runCommands.put(WIN.key(), WindowCloud.of(new RunCommandView("trustlift", "Succeeded", "Succeeded", null, 0,
                "== MBR2GPT.exe /convert ==\n== $LASTEXITCODE ==\n0\n", "", harness.clock().instant().minus(Duration.ofHours(3)),
                harness.clock().instant().minus(Duration.ofHours(3)), null), earlier));
        assertInstanceOf(StepResult.Await.class, new GuestConvertStep(cloud).run(harness.begin(WIN, GuestConvertStep.NAME)));
        assertEquals(1, cloud.count("beginRunCommand"));
    }

    @Test
    void aFailedConversionFetchesBothLogsAndSaysTheDiskMayHaveChanged() throws Exception {
        tool = List.of("MBR2GPT: Attempting to convert disk 0", "MBR2GPT: Installing the new boot files",
                "MBR2GPT: Cannot install boot files");
        exit = 9;
        byte[] setupact = ("2026-12-08 03:00:01, Info  MBR2GPT: Installing boot files\n").repeat(100)
                .getBytes(StandardCharsets.UTF_8);
        assertTrue(setupact.length > 2 * SetupLogs.CHUNK, "three chunks: " + setupact.length);
        logs.put("setupact.log", setupact);
        logs.put("setuperr.log", "2026-12-08 03:00:02, Error MBR2GPT: Cannot install boot files\n".getBytes(StandardCharsets.UTF_8));
        VmUpgrade vm = harness.begin(WIN, GuestConvertStep.NAME);
        StepResult.Failed f = assertInstanceOf(StepResult.Failed.class, drive(new GuestConvertStep(cloud), vm));
        assertEquals("Mbr2GptConvertFailed", f.code());
        assertTrue(f.diskChanged(), "exit 9 wrote to the disk: the runner restores it");
        assertFalse(f.retryable());
        assertEquals(9, f.detail().path("exitCode").asInt());
        assertTrue(f.message().contains("error installing the boot files"), f.message());
        assertEquals(1 + 3 + 1, cloud.count("beginRunCommand"), cloud.calls.toString());
        List<Artifact> saved = journal.artifacts(StepHarness.CAMPAIGN, WIN.id());
        assertEquals(List.of("setupact.log", "setuperr.log"), saved.stream().map(Artifact::name).toList());
        assertArrayEquals(setupact, Files.readAllBytes(journal.artifactFolder().resolve(saved.get(0).relativePath())));
        assertEquals(2, f.detail().path("logs").size());
        assertFalse(f.detail().has("logError"));
    }

    @Test
    void aLayoutFailureLeavesTheDiskUntouchedAndAMissingLogIsNoError() {
        tool = List.of("MBR2GPT: Attempting to convert disk 0", "Disk layout validation failed for disk 0");
        exit = 7;
        logs.put("setupact.log", "layout check failed\n".getBytes(StandardCharsets.UTF_8));
        StepResult.Failed f = assertInstanceOf(StepResult.Failed.class,
                drive(new GuestConvertStep(cloud), harness.begin(WIN, GuestConvertStep.NAME)));
        assertFalse(f.diskChanged());
        assertEquals(List.of("setupact.log"), journal.artifacts(StepHarness.CAMPAIGN, WIN.id()).stream()
                .map(Artifact::name).toList(), "setuperr.log did not exist");
    }

    @Test
    void aScriptThatStoppedBeforeMbr2GptFailsWithoutTouchingTheDisk() {
        cloud.guest = c -> cloud.view(1, "", "Get-Disk says this disk does not hold the running Windows (IsBoot is false);"
                + " MBR2GPT was not run");
        StepResult.Failed f = assertInstanceOf(StepResult.Failed.class,
                drive(new GuestConvertStep(cloud), harness.begin(WIN, GuestConvertStep.NAME)));
        assertEquals("Mbr2GptNotRun", f.code());
        assertFalse(f.diskChanged());
        assertEquals(1, cloud.count("beginRunCommand"), "no logs: MBR2GPT never ran");
    }

    @Test
    void aLogThatCannotBeFetchedDoesNotHideTheFailure() {
        exit = 10;
        tool = List.of("MBR2GPT: Cannot apply GPT layout");
        logs.put("setupact.log", "x".repeat(100).getBytes(StandardCharsets.UTF_8));
        GuestConvertStep step = new GuestConvertStep(cloud);
        VmUpgrade vm = harness.begin(WIN, GuestConvertStep.NAME);
        StepResult r = step.run(vm);
        cloud.end(vm, r);
        cloud.throwNext("beginRunCommand", new dev.trustlift.core.cloud.CloudException("Conflict", "busy", 409, "r", null));
        StepResult.Failed f = assertInstanceOf(StepResult.Failed.class, step.run(vm));
        assertEquals("Mbr2GptConvertFailed", f.code());
        assertTrue(f.diskChanged());
        assertTrue(f.detail().path("logError").asText().contains("Conflict"), f.detail().toString());
    }

    @Test
    void aCrashWhileFetchingLogsFetchesThemAgainAndTreatsTheDiskAsChanged() {
        exit = 7;
        tool = List.of("Disk layout validation failed for disk 0");
        logs.put("setupact.log", "a".repeat(3000).getBytes(StandardCharsets.UTF_8));
        GuestConvertStep step = new GuestConvertStep(cloud);
        VmUpgrade vm = harness.begin(WIN, GuestConvertStep.NAME);
        StepResult r = step.run(vm);
        cloud.end(vm, r);
        StepResult firstChunk = step.run(vm);
        harness.clock().advance(Duration.ofSeconds(1));
        cloud.end(vm, firstChunk);
        // The process dies here: the run command now holds a fetch-log result, the conversion's output is gone.
        VmUpgrade resumed = harness.restart(WIN);
        StepResult.Failed f = assertInstanceOf(StepResult.Failed.class, drive(new GuestConvertStep(cloud), resumed));
        assertTrue(f.diskChanged(), "the exit code is lost: restore rather than assume");
        assertEquals("Mbr2GptConvertFailed", f.code());
        assertEquals(1, cloud.count("beginRunCommand win01 # mbr2gpt-convert.ps1"), "never converted twice");
        assertEquals(List.of("setupact.log"), journal.artifacts(StepHarness.CAMPAIGN, WIN.id()).stream()
                .map(Artifact::name).toList());
    }

    @Test
    void aConvertPutWithoutAnAnswerIsNeverSentAgainAndTheDiskIsTreatedAsChanged() {
        harness.completed(WIN, "guest-probe", "{\"diskNumber\": 0}");
        GuestConvertStep step = new GuestConvertStep(cloud);
        cloud.throwNext("beginRunCommand", new dev.trustlift.core.cloud.CloudException("InternalServerError", "lost", 500, "r5", null));
        VmUpgrade vm = harness.begin(WIN, GuestConvertStep.NAME);
        StepResult.Failed f = assertInstanceOf(StepResult.Failed.class, step.run(vm));
        assertTrue(f.diskChanged() && !f.retryable(), f.toString());
        assertEquals(List.of("r5"), f.requestIds());
        cloud.throwNext("beginRunCommand", new dev.trustlift.core.cloud.CloudException("BadRequest", "refused", 400, "r4", null));
        StepResult.Failed refused = assertInstanceOf(StepResult.Failed.class, step.run(vm));
        assertFalse(refused.diskChanged(), "a 4xx refusal ran nothing: " + refused);
    }
}
