package dev.trustlift.azure;

import static dev.trustlift.azure.SandboxHttp.API;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.core.cloud.GuestScript;
import dev.trustlift.core.cloud.ScriptResult;
import dev.trustlift.core.guest.GuestScripts;
import dev.trustlift.core.guest.GuestVerification;
import dev.trustlift.core.guest.LogAssembly;
import dev.trustlift.core.guest.LogChunk;
import dev.trustlift.core.guest.MakeRoomOutput;
import dev.trustlift.core.guest.Mbr2GptConvertOutput;
import dev.trustlift.core.guest.Mbr2GptExit;
import dev.trustlift.core.guest.Mbr2GptMessage;
import dev.trustlift.core.guest.Mbr2GptRun;
import dev.trustlift.core.guest.Mbr2GptValidateOutput;
import dev.trustlift.core.guest.VerifyGuestOutput;
import dev.trustlift.core.guest.WinReOutput;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import dev.trustlift.sandbox.SandboxServer;
import dev.trustlift.sandbox.fleet.Fleet;
import java.io.InputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * core's guest scripts, as the upgrade sends them (the resource text wrapped by GuestScript, user
 * data as run command parameters), through a managed Run Command PUT over HTTP; the simulated guest
 * answers their real commands and core's parsers read the instance view's output.
 */
class GuestScriptsOnSandboxTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUB = "11111111-1111-1111-1111-111111111111";

    private static final String TL = "{\"properties\":{\"securityProfile\":{\"securityType\":\"TrustedLaunch\","
            + "\"uefiSettings\":{\"secureBootEnabled\":true,\"vTpmEnabled\":true}}}}";
    private SandboxServer server;
    private SandboxHttp arm;

    @BeforeEach
    void start() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/fleets/guest-scripts.json")) {
            server = SandboxServer.start(Fleet.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "guest-scripts.json"), 0);
        }
        arm = new SandboxHttp(server.endpoint());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String vm(String name) {
        return "/subscriptions/" + SUB + "/resourceGroups/rg-guest/providers/Microsoft.Compute/virtualMachines/" + name;
    }

    /** PUT runCommands/trustlift with the script and its parameters (DiskNumber as a protected one, to prove both reach it). */
    private ScriptResult run(String vmName, GuestScript script) {
        ObjectNode body = JSON.createObjectNode().put("location", "eastus");
        ObjectNode props = body.putObject("properties");
        props.putObject("source").put("script", String.join("\n", script.wrappedLines()));
        props.put("timeoutInSeconds", 600);
        ArrayNode pub = props.putArray("parameters");
        ArrayNode prot = props.putArray("protectedParameters");
        script.parameters().forEach((k, v) -> (k.equals("DiskNumber") ? prot : pub).addObject().put("name", k).put("value", v));
        String url = vm(vmName) + "/runCommands/trustlift";
        SandboxHttp.Answer a = arm.send("PUT", url + "?" + API, body.toString());
        assertTrue(a.status() == 200 || a.status() == 201, a.body());
        assertEquals("Succeeded", arm.await(a.header("Azure-AsyncOperation")).path("status").asText());
        JsonNode iv = arm.get(url + "?" + API + "&$expand=instanceView").json().at("/properties/instanceView");
        ScriptResult r = ScriptResult.fromRawOutput(iv.path("output").asText(), iv.path("error").asText());
        assertEquals(iv.path("exitCode").asInt(), r.exitCode(), "the instance view's exit code is the script's");
        return r;
    }

    private void lro(String method, String path, String body) {
        SandboxHttp.Answer a = arm.send(method, path, body);
        assertTrue(a.status() < 300, method + " " + path + ": " + a.body());
        String op = a.header("Azure-AsyncOperation");
        if (op != null) {
            assertEquals("Succeeded", arm.await(op).path("status").asText());
        }
    }

    private void trustedLaunch(String name) {
        lro("POST", vm(name) + "/deallocate?" + API, null);
        lro("PATCH", vm(name) + "?" + API, TL);
        lro("POST", vm(name) + "/start?" + API, null);
    }

    private String scheme(String name) {
        return arm.get("/_sandbox/state?vm=" + name).json().at("/vms/0/osDisk/layout/scheme").asText();
    }

    @Test
    void validateThenConvertTheNamedOsDisk() {
        Mbr2GptRun validate = Mbr2GptValidateOutput.parse(run("win01", GuestScripts.MBR2GPT_VALIDATE.script(
                Map.of("DiskNumber", "0"))));
        assertTrue(validate.succeeded(), validate.summary());
        assertEquals("MBR2GPT: Attempting to validate disk 0", validate.toolOutput().get(0));
        assertEquals("MBR", scheme("win01"));
        Mbr2GptRun convert = Mbr2GptConvertOutput.parse(run("win01", GuestScripts.MBR2GPT_CONVERT.script(
                Map.of("DiskNumber", "0"))));
        assertTrue(convert.succeeded(), convert.summary());
        assertTrue(convert.said(Mbr2GptMessage.CONVERSION_COMPLETED));
        assertEquals("GPT", scheme("win01"));
        JsonNode rc = arm.get(vm("win01") + "/runCommands/trustlift?" + API).json();
        assertEquals(0, rc.at("/properties/parameters").size(), "protected parameters are never echoed: " + rc);
    }

    @Test
    void aWrongDiskNumberNeverReachesTheOsDisk() {
        ScriptResult r = run("win01", GuestScripts.MBR2GPT_CONVERT.script(Map.of("DiskNumber", "1")));
        Mbr2GptRun run = Mbr2GptConvertOutput.parse(r);
        assertFalse(run.ran());
        assertTrue(run.notRunReason().contains("No MSFT_Disk objects found with property 'Number' equal to '1'"), run.summary());
        // MBR2GPT itself, called on a disk the VM does not have, cannot read its layout
        GuestScript direct = new GuestScript(dev.trustlift.core.cloud.OsType.WINDOWS,
                List.of("MBR2GPT.exe /convert /disk:1 /allowFullOS"), java.time.Duration.ofMinutes(1));
        assertEquals(Mbr2GptExit.LAYOUT_READ_ERROR.code(), run("win01", direct).exitCode());
        assertEquals("MBR", scheme("win01"));
    }

    @Test
    void noRoomThenLogsFetchedInChunksThenMakeRoomWithDefragThenConvert() {
        Mbr2GptRun failed = Mbr2GptConvertOutput.parse(run("tight01", GuestScripts.MBR2GPT_CONVERT.script(
                Map.of("DiskNumber", "0"))));
        assertEquals(Mbr2GptExit.ESP_FAILED, failed.exit().orElseThrow());
        assertTrue(failed.said(Mbr2GptMessage.NO_ROOM_FOR_ESP));
        assertEquals("MBR", scheme("tight01"));

        LogAssembly act = new LogAssembly("setupact.log");
        int runs = 0;
        while (!act.complete()) {
            act.add(LogChunk.parse(run("tight01", GuestScripts.FETCH_LOG.script(Map.of("File", "setupact.log",
                    "Offset", Long.toString(act.nextOffset()), "Count", "300")))));
            runs++;
        }
        String log = new String(act.bytes(), StandardCharsets.UTF_8);
        assertTrue(runs > 1, "a log larger than one chunk takes several runs: " + act.bytes().length);
        assertTrue(log.contains("Cannot find room for the EFI system partition") && log.contains("Partition 2: type 0x07"), log);
        LogAssembly err = new LogAssembly("setuperr.log");
        err.add(LogChunk.parse(run("tight01", GuestScripts.FETCH_LOG.script(Map.of("File", "setuperr.log")))));
        assertTrue(new String(err.bytes(), StandardCharsets.UTF_8).contains("Error"), new String(err.bytes()));

        MakeRoomOutput plain = MakeRoomOutput.parse(run("tight01", GuestScripts.MAKE_ROOM.script(Map.of("ShrinkMb", "200"))));
        assertEquals(0, plain.shrunkMb(), "files at the end of C: block the shrink");
        assertEquals(50, plain.shrinkableMb());
        MakeRoomOutput defrag = MakeRoomOutput.parse(run("tight01", GuestScripts.MAKE_ROOM.script(
                Map.of("Mode", "defrag", "ShrinkMb", "200"))));
        assertTrue(defrag.defragmented());
        assertEquals(200, defrag.shrunkMb());
        assertTrue(Mbr2GptConvertOutput.parse(run("tight01", GuestScripts.MBR2GPT_CONVERT.script(
                Map.of("DiskNumber", "0")))).succeeded());
        assertEquals("GPT", scheme("tight01"));
    }

    @Test
    void disabledVirtualDiskServiceIsTheCauseMakeRoomFixes() {
        Mbr2GptRun failed = Mbr2GptConvertOutput.parse(run("vds01", GuestScripts.MBR2GPT_CONVERT.script(
                Map.of("DiskNumber", "0"))));
        assertTrue(failed.said(Mbr2GptMessage.NO_ROOM_FOR_ESP), failed.summary());
        MakeRoomOutput m = MakeRoomOutput.parse(run("vds01", GuestScripts.MAKE_ROOM.script(Map.of("ShrinkMb", "101"))));
        assertEquals(List.of("vds"), m.servicesEnabled());
        assertEquals("Manual", m.servicesAfter().get("vds"));
        assertTrue(Mbr2GptConvertOutput.parse(run("vds01", GuestScripts.MBR2GPT_CONVERT.script(
                Map.of("DiskNumber", "0")))).succeeded());
    }

    @Test
    void aGuestFaultFailsTheConversionAndItsLogSaysSo() {
        Mbr2GptRun r = Mbr2GptConvertOutput.parse(run("fault01", GuestScripts.MBR2GPT_CONVERT.script(Map.of("DiskNumber", "0"))));
        assertEquals(Mbr2GptExit.INTERNAL_ERROR, r.exit().orElseThrow());
        LogAssembly err = new LogAssembly("setuperr.log");
        err.add(LogChunk.parse(run("fault01", GuestScripts.FETCH_LOG.script(Map.of("File", "setuperr.log")))));
        assertTrue(new String(err.bytes(), StandardCharsets.UTF_8).contains("An internal error occurred"));
        assertEquals("MBR", scheme("fault01"));
    }

    @Test
    void aMissingLogIsAbsent() {
        LogChunk c = LogChunk.parse(run("win01", GuestScripts.FETCH_LOG.script(Map.of("File", "setuperr.log"))));
        assertTrue(c.absent());
    }

    @Test
    void verifyWindowsBeforeAndAfterTrustedLaunch() {
        GuestVerification gen1 = VerifyGuestOutput.parseWindows(run("oldcerts01", GuestScripts.VERIFY_WINDOWS.script()).stdout());
        assertEquals("BIOS", gen1.firmware());
        assertNull(gen1.secureBoot());
        assertEquals(Boolean.FALSE, gen1.tpmPresent());

        assertTrue(Mbr2GptConvertOutput.parse(run("oldcerts01", GuestScripts.MBR2GPT_CONVERT.script(
                Map.of("DiskNumber", "0")))).succeeded());
        trustedLaunch("oldcerts01");
        GuestVerification old = VerifyGuestOutput.parseWindows(run("oldcerts01", GuestScripts.VERIFY_WINDOWS.script()).stdout());
        assertEquals(List.of(), old.upgradeProblems(true), old.evidence().toString());
        assertEquals(List.of("the firmware db lacks the 2023 Microsoft UEFI CA certificate",
                "the Windows boot manager is not signed by Windows UEFI CA 2023"), old.certificateProblems(), old.evidence().toString());

        assertTrue(Mbr2GptConvertOutput.parse(run("win01", GuestScripts.MBR2GPT_CONVERT.script(
                Map.of("DiskNumber", "0")))).succeeded());
        trustedLaunch("win01");
        GuestVerification fresh = VerifyGuestOutput.parseWindows(run("win01", GuestScripts.VERIFY_WINDOWS.script()).stdout());
        assertEquals(List.of(), fresh.upgradeProblems(true));
        assertEquals(List.of(), fresh.certificateProblems(), fresh.evidence().toString());
    }

    @Test
    void verifyLinuxBeforeAndAfterTrustedLaunch() {
        GuestVerification gen1 = VerifyGuestOutput.parseLinux(run("lin01", GuestScripts.VERIFY_LINUX.script()).stdout());
        assertEquals("BIOS", gen1.firmware());
        assertEquals(Boolean.FALSE, gen1.tpmPresent());
        trustedLaunch("lin01");
        GuestVerification tl = VerifyGuestOutput.parseLinux(run("lin01", GuestScripts.VERIFY_LINUX.script()).stdout());
        assertEquals(List.of(), tl.upgradeProblems(true), tl.evidence().toString());
        assertEquals(Boolean.FALSE, tl.db2023(), "guest.secureBootCerts2023 false");
    }

    @Test
    void winReResyncAfterTheReAgentXmlWarningIsIdempotent() {
        Mbr2GptRun convert = Mbr2GptConvertOutput.parse(run("winre01", GuestScripts.MBR2GPT_CONVERT.script(
                Map.of("DiskNumber", "0"))));
        assertTrue(convert.succeeded() && convert.said(Mbr2GptMessage.REAGENT_XML_NOT_UPDATED), convert.summary());
        ScriptResult first = run("winre01", GuestScripts.WINRE_RESYNC.script());
        WinReOutput resync = WinReOutput.parse(first);
        assertTrue(resync.resynced(), first.stdout());
        assertTrue(resync.inSync(), first.stdout());
        WinReOutput again = WinReOutput.parse(run("winre01", GuestScripts.WINRE_RESYNC.script()));
        assertFalse(again.resynced(), "in sync: reagentc /disable and /enable do not run again");
        assertTrue(again.inSync());
        assertEquals("8a0fc2b1-1c4e-11ee-9d3b-000d3a5c1e2f", again.bcdId());
    }
}
