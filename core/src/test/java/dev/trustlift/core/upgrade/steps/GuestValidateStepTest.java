package dev.trustlift.core.upgrade.steps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.cloud.ManagedRunCommand;
import dev.trustlift.core.cloud.OperationState.Status;
import dev.trustlift.core.cloud.OsType;
import dev.trustlift.core.cloud.ScriptResult;
import dev.trustlift.core.guest.GuestScripts;
import dev.trustlift.core.journal.Artifact;
import dev.trustlift.core.journal.VmState;
import dev.trustlift.core.upgrade.EndedOperation;
import dev.trustlift.core.upgrade.MakeRoom;
import dev.trustlift.core.upgrade.StepHarness;
import dev.trustlift.core.upgrade.StepResult;
import dev.trustlift.core.upgrade.VmOptions;
import dev.trustlift.core.upgrade.VmUpgrade;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuestValidateStepTest {
    static final long MIB = 1024 * 1024;
    static final long C_SIZE = 135838859264L;
    @TempDir
    Path dir;
    StepHarness h;
    StepCloud cloud;
    GuestValidateStep step;
    /** What MBR2GPT /validate answers, run after run. */
    final Deque<ScriptResult> validations = new ArrayDeque<>();
    ScriptResult makeRoom;
    final Map<String, byte[]> logs = new HashMap<>();

    @BeforeEach
    void setUp() {
        h = new StepHarness(dir);
        cloud = new StepCloud(h.clock(), OsType.WINDOWS, "Windows Server 2019 Datacenter", "10.0.17763.6054");
        cloud.guest = this::guest;
        step = new GuestValidateStep(cloud);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    /** The guest: answers each of trustlift's scripts, recognised by their resource file's lines. */
    ScriptResult guest(ManagedRunCommand c) {
        if (c.script().equals(GuestScripts.MBR2GPT_VALIDATE.lines())) {
            return validations.removeFirst();
        }
        if (c.script().equals(GuestScripts.MAKE_ROOM.lines())) {
            return makeRoom;
        }
        if (c.script().equals(GuestScripts.FETCH_LOG.lines())) {
            Map<String, String> p = new HashMap<>();
            c.parameters().forEach(x -> p.put(x.name(), x.value()));
            byte[] log = logs.get(p.get("File"));
            if (log == null) {
                return new ScriptResult(1, "", "Exception calling \"ReadAllBytes\" with \"1\" argument(s): \"Could not find file "
                        + "'C:\\Windows\\" + p.get("File") + "'.\"");
            }
            int offset = Integer.parseInt(p.get("Offset"));
            int count = Math.min(Integer.parseInt(p.get("Count")), log.length - offset);
            return new ScriptResult(0, "== Length ==\n" + log.length + "\n== Offset ==\n" + offset + "\n== Base64 ==\n"
                    + Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(log, offset, offset + count)) + "\n", "");
        }
        throw new AssertionError("unexpected script " + c.script().get(0));
    }

    static ScriptResult validation(int exit, String... lines) {
        return new ScriptResult(exit, "== MBR2GPT.exe /validate ==\nMBR2GPT: Attempting to validate disk 2\n"
                + "MBR2GPT: Retrieving layout of disk\nMBR2GPT: Validating layout, disk sector size is: 512 bytes\n"
                + String.join("\n", lines) + "\n== $LASTEXITCODE ==\n" + exit + "\n", "");
    }

    static final ScriptResult VALID = validation(0, "MBR2GPT: Validation completed successfully");
    static final ScriptResult NO_ROOM = validation(8, "Cannot find room for the EFI system partition");

    static ScriptResult madeRoom(long shrunkMb, boolean vdsWasDisabled) {
        String before = "[{\"Name\":\"defragsvc\",\"Status\":1,\"StartType\":3},{\"Name\":\"vds\",\"Status\":1,\"StartType\":"
                + (vdsWasDisabled ? 4 : 3) + "}]";
        String after = "[{\"Name\":\"defragsvc\",\"Status\":1,\"StartType\":3},{\"Name\":\"vds\",\"Status\":1,\"StartType\":3}]";
        return new ScriptResult(0, "== Get-Service vds, defragsvc ==\n" + before + "\n== Get-Service vds, defragsvc (after) ==\n"
                + after + "\n== Get-PartitionSupportedSize -DriveLetter C ==\n{\"SizeMin\":" + (C_SIZE - 2000 * MIB)
                + ",\"SizeMax\":" + C_SIZE + "}\n== Get-Partition -DriveLetter C (before) ==\n{\"DiskNumber\":2,"
                + "\"PartitionNumber\":2,\"Offset\":525336576,\"Size\":" + C_SIZE + "}\n== Get-Partition -DriveLetter C (after) ==\n"
                + "{\"DiskNumber\":2,\"PartitionNumber\":2,\"Offset\":525336576,\"Size\":" + (C_SIZE - shrunkMb * MIB) + "}\n", "");
    }

    /** A VM whose guest-probe journaled disk 2 (or "conversion: not needed"), in its guest-validate step. */
    VmUpgrade begin(VmOptions options, boolean conversionNeeded) {
        VmUpgrade vm = h.vm(StepCloud.REF, options);
        GuestProbeStep probe = new GuestProbeStep(cloud, null, null);
        h.begin(vm, probe);
        ObjectNode d = Details.object();
        d.put(GuestProbeStep.DISK_NUMBER, 2);
        d.put(GuestProbeStep.SECTOR_SIZE, 512);
        d.put(GuestProbeStep.CONVERSION, conversionNeeded ? "needed" : GuestProbeStep.NOT_NEEDED);
        h.complete(vm, StepResult.done(d));
        h.begin(vm, step);
        return vm;
    }

    /** Calls the step until it stops asking for operations, ending each one it starts as succeeded. */
    StepResult drive(VmUpgrade vm) {
        for (int i = 0; i < 50; i++) {
            StepResult r = step.run(vm);
            if (!(r instanceof StepResult.Await)) {
                return r;
            }
            h.ended(vm, r, Status.SUCCEEDED, null);
        }
        throw new AssertionError("the step did not end");
    }

    List<String> sent() {
        return cloud.commands.stream().map(c -> c.script().get(0).replaceFirst(" version.*", "").replace("# ", "")).toList();
    }

    String param(int command, String name) {
        return cloud.commands.get(command).parameters().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow()
                .value();
    }

    @Test
    void aDiskThatNeedsNoConversionIsNotValidated() {
        ObjectNode d = assertInstanceOf(StepResult.Done.class, step.run(begin(VmOptions.defaults(), false))).detail();
        assertEquals(GuestProbeStep.NOT_NEEDED, d.get(GuestProbeStep.CONVERSION).asText());
        assertEquals(List.of(), cloud.writes);
    }

    @Test
    void aValidDiskIsDoneAfterOneValidationOfTheProbedDiskNumber() {
        validations.add(VALID);
        ObjectNode d = assertInstanceOf(StepResult.Done.class, drive(begin(VmOptions.defaults(), true))).detail();
        assertEquals(0, d.get("exitCode").asInt());
        assertEquals(List.of("mbr2gpt-validate.ps1"), sent());
        assertEquals("2", param(0, "DiskNumber"), "the OS disk, named explicitly");
    }

    @Test
    void noRoomForTheEspIsMadeByShrinkingCAndValidatedAgain() {
        validations.add(NO_ROOM);
        validations.add(VALID);
        makeRoom = madeRoom(101, true);
        VmUpgrade vm = begin(VmOptions.defaults(), true);
        ObjectNode d = assertInstanceOf(StepResult.Done.class, drive(vm)).detail();
        assertEquals(List.of("mbr2gpt-validate.ps1", "make-room.ps1", "mbr2gpt-validate.ps1"), sent());
        assertEquals("shrink", param(1, "Mode"));
        assertEquals("101", param(1, "ShrinkMb"), "the 100 MiB ESP and 1 MiB of alignment");
        assertEquals(101, d.get("madeRoom").get("shrunkMb").asLong());
        assertEquals("[\"vds\"]", d.get("madeRoom").get("servicesEnabled").toString(), "the disabled service was the cause");
    }

    @Test
    void withMakeRoomDefragTheScriptDefragmentsFirst() {
        validations.add(NO_ROOM);
        validations.add(VALID);
        makeRoom = madeRoom(101, false);
        assertInstanceOf(StepResult.Done.class, drive(begin(new VmOptions(null, false, MakeRoom.DEFRAG), true)));
        assertEquals("defrag", param(1, "Mode"));
    }

    @Test
    void withMakeRoomNoneNoRoomBlocksTheVmUntouched() {
        validations.add(NO_ROOM);
        VmUpgrade vm = begin(new VmOptions(null, false, MakeRoom.NONE), true);
        StepResult.Finish f = assertInstanceOf(StepResult.Finish.class, drive(vm));
        assertEquals(VmState.BLOCKED, f.state());
        assertTrue(vm.findings().stream().anyMatch(x -> x.rule().equals("TL091") && x.severity() == Severity.BLOCKER));
        assertEquals(List.of("mbr2gpt-validate.ps1"), sent());
    }

    @Test
    void whenWindowsWouldNotShrinkCTheVmIsBlockedWithWhatItAllowed() {
        validations.add(NO_ROOM);
        makeRoom = madeRoom(0, false);
        VmUpgrade vm = begin(VmOptions.defaults(), true);
        StepResult.Finish f = assertInstanceOf(StepResult.Finish.class, drive(vm));
        assertEquals(VmState.BLOCKED, f.state());
        Finding tl091 = vm.findings().stream().filter(x -> x.rule().equals("TL091")).findFirst().orElseThrow();
        assertTrue(tl091.remediation().contains("--make-room defrag"), tl091.remediation());
        assertEquals(List.of("mbr2gpt-validate.ps1", "make-room.ps1"), sent(), "not validated again");
    }

    @Test
    void stillNoRoomAfterShrinkingBlocksTheVm() {
        validations.add(NO_ROOM);
        validations.add(NO_ROOM);
        makeRoom = madeRoom(101, false);
        VmUpgrade vm = begin(VmOptions.defaults(), true);
        assertEquals(VmState.BLOCKED, assertInstanceOf(StepResult.Finish.class, drive(vm)).state());
        assertEquals(List.of("mbr2gpt-validate.ps1", "make-room.ps1", "mbr2gpt-validate.ps1"), sent(), "shrunk once only");
    }

    @Test
    void anyOtherFailureFetchesBothLogsInChunksAndBlocksWithTheExitCodesMeaning() throws Exception {
        validations.add(validation(7, "Disk layout validation failed for disk 2"));
        byte[] setupact = new byte[5000];
        for (int i = 0; i < setupact.length; i++) {
            setupact[i] = (byte) ('a' + i % 26);
        }
        logs.put("setupact.log", setupact);
        logs.put("setuperr.log", "2026-12-01 10:00:01, Error MBR2GPT: Disk layout validation failed for disk 2\r\n"
                .getBytes(StandardCharsets.UTF_8));
        VmUpgrade vm = begin(VmOptions.defaults(), true);
        StepResult.Finish f = assertInstanceOf(StepResult.Finish.class, drive(vm));
        assertEquals(VmState.BLOCKED, f.state());
        assertTrue(f.reason().contains("exit code 7") && f.reason().contains("does not meet MBR2GPT's requirements"), f.reason());
        assertTrue(f.reason().contains("setupact.log") && f.reason().contains("setuperr.log"), f.reason());
        Finding upg = vm.findings().stream().filter(x -> x.rule().equals("UPG020")).findFirst().orElseThrow();
        assertEquals(Severity.BLOCKER, upg.severity());
        assertEquals(7, upg.evidence().get("exitCode"));
        assertEquals(List.of("mbr2gpt-validate.ps1", "fetch-log.ps1", "fetch-log.ps1", "fetch-log.ps1", "fetch-log.ps1"), sent(),
                "5,000 bytes in 2,400-byte chunks, then the short error log");
        assertEquals("2400", param(2, "Offset"));
        assertArrayEquals(setupact, artifact("setupact.log"));
        assertArrayEquals(logs.get("setuperr.log"), artifact("setuperr.log"));
    }

    @Test
    void aMissingErrorLogIsNotAnArtifactAndTheVmIsStillBlocked() throws Exception {
        validations.add(validation(2, "MBR2GPT: An internal error occurred"));
        logs.put("setupact.log", "one line\r\n".getBytes(StandardCharsets.UTF_8));
        VmUpgrade vm = begin(VmOptions.defaults(), true);
        StepResult.Finish f = assertInstanceOf(StepResult.Finish.class, drive(vm));
        assertEquals(VmState.BLOCKED, f.state());
        assertEquals(List.of("setupact.log"), h.journal().artifacts(StepHarness.CAMPAIGN, StepCloud.REF.id()).stream()
                .map(Artifact::name).toList());
    }

    @Test
    void aRestartInTheMiddleOfALogFetchesItAgainFromItsStart() throws Exception {
        validations.add(validation(7, "Disk layout validation failed for disk 2"));
        byte[] setupact = new byte[3000];
        java.util.Arrays.fill(setupact, (byte) 'x');
        setupact[2999] = 'y';
        logs.put("setupact.log", setupact);
        VmUpgrade vm = begin(VmOptions.defaults(), true);
        h.ended(vm, step.run(vm), Status.SUCCEEDED, null); // validate
        StepResult first = step.run(vm);                   // chunk at 0
        h.ended(vm, first, Status.SUCCEEDED, null);
        StepResult second = step.run(vm);                  // chunk at 2400
        StepResult.Await a = assertInstanceOf(StepResult.Await.class, second);
        assertTrue(a.label().endsWith("setupact.log@2400"), a.label());
        VmUpgrade resumed = h.restart(vm, new EndedOperation(a.label(), a.operation(),
                new dev.trustlift.core.cloud.OperationState(Status.SUCCEEDED, null, null, null, null, a.operation())));
        StepResult again = step.run(resumed);
        StepResult.Await restartAt = assertInstanceOf(StepResult.Await.class, again);
        assertTrue(restartAt.label().endsWith("setupact.log@0"), "the first 2,400 bytes were lost with the process: "
                + restartAt.label());
        StepResult end = againUntilEnd(resumed, again);
        assertEquals(VmState.BLOCKED, assertInstanceOf(StepResult.Finish.class, end).state());
        assertArrayEquals(setupact, artifact("setupact.log"));
    }

    @Test
    void withoutTheProbesDetailTheStepFails() {
        VmUpgrade vm = h.vm(StepCloud.REF, VmOptions.defaults());
        h.begin(vm, step);
        assertEquals("NoGuestProbe", assertInstanceOf(StepResult.Failed.class, step.run(vm)).code());
    }

    StepResult againUntilEnd(VmUpgrade vm, StepResult r) {
        for (int i = 0; i < 20 && r instanceof StepResult.Await; i++) {
            h.ended(vm, r, Status.SUCCEEDED, null);
            r = step.run(vm);
        }
        return r;
    }

    byte[] artifact(String name) throws Exception {
        Artifact a = h.journal().artifacts(StepHarness.CAMPAIGN, StepCloud.REF.id()).stream()
                .filter(x -> x.name().equals(name)).reduce((x, y) -> y).orElseThrow();
        return Files.readAllBytes(h.journal().artifactFolder().resolve(a.relativePath()));
    }
}
