package dev.trustlift.cli.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.cli.testing.CliRun;
import dev.trustlift.sandbox.SandboxServer;
import dev.trustlift.sandbox.fleet.Fleet;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * upgrade --what-if through the real adapter against the sandbox: per VM every change in step
 * order with the exact names, scripts and securityProfile body; blocked VMs with their blocker;
 * and only reads in the sandbox's call log (the read-only guest probe included), no journal.
 */
class WhatIfTest {
    static final String SUB = UpgradeCommandTest.SUB;
    static final String WEB01 = "/subscriptions/" + SUB + "/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/web01";
    /** The body, secure boot on. */
    static final String PATCH_ON = "{\"securityProfile\":{\"securityType\":\"TrustedLaunch\",\"uefiSettings\":"
            + "{\"secureBootEnabled\":true,\"vTpmEnabled\":true}}}";
    static SandboxServer sandbox;
    static SandboxCalls calls;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        try (InputStream in = WhatIfTest.class.getResourceAsStream("/assess/fleet.json")) {
            sandbox = SandboxServer.start(Fleet.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "fleet.json"), 0);
        }
        calls = new SandboxCalls(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void mark() throws Exception {
        calls.mark();
    }

    CliRun whatIf(String csv, String... more) throws Exception {
        Path vms = Files.writeString(dir.resolve("vms.csv"), "vmName,vmResourceGroupName,enableSecureBoot\n" + csv);
        List<String> args = new java.util.ArrayList<>(List.of("upgrade", "--endpoint", sandbox.endpoint(), "--subscription", SUB,
                "--vms", vms.toString(), "--journal", dir.resolve("j.db").toString(), "--what-if"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** The lines of one VM's section (from its name line to the next blank line). */
    static List<String> section(String out, String vm) {
        List<String> lines = out.lines().toList();
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(vm + "  (")) {
                start = i;
            }
        }
        assertTrue(start >= 0, vm + " in\n" + out);
        int end = start;
        while (end < lines.size() && !lines.get(end).isBlank()) {
            end++;
        }
        return lines.subList(start, end);
    }

    static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError(prefix + " in\n" + String.join("\n", lines));
    }

    @Test
    void aWindowsVmGetsEveryChangeInOrderAndABlockedOneItsBlocker() throws Exception {
        CliRun r = whatIf("web01,rg-app,true\nold01,rg-app,true\ntl01,rg-app,true\n");
        assertEquals(3, r.exitCode(), "a VM would be blocked: " + r.describe());
        Matcher id = Pattern.compile("a run started now would be campaign (tl-\\d{8}-\\d{6})").matcher(r.out());
        assertTrue(id.find(), r.out());
        String campaign = id.group(1);

        List<String> web01 = section(r.out(), "web01");
        String text = String.join("\n", web01);
        assertTrue(web01.get(1).contains("would be upgraded (assess: READY"), text);
        int validate = indexOf(web01, "guest-validate");
        int protect = indexOf(web01, "protect");
        int convert = indexOf(web01, "guest-convert");
        int deallocate = indexOf(web01, "deallocate");
        int patch = indexOf(web01, "set-trusted-launch");
        int start = indexOf(web01, "start ");
        int verify = indexOf(web01, "verify-guest");
        assertTrue(validate < protect && protect < convert && convert < deallocate && deallocate < patch && patch < start
                && start < verify, "the steps' order:\n" + text);
        assertTrue(web01.get(validate).endsWith("PUT " + WEB01 + "/runCommands/trustlift"), text);
        assertTrue(web01.get(validate + 1).strip().matches("mbr2gpt-validate\\.ps1 version \\d+ \\(DiskNumber=0\\)"), text);
        assertTrue(text.contains("/resourceGroups/rg-app/providers/Microsoft.Compute/restorePointCollections/trustlift-web01"
                + "/restorePoints/before-trusted-launch-" + campaign), text);
        assertTrue(text.contains("consistency ApplicationConsistent (CrashConsistent if the agent cannot take one)"), text);
        assertTrue(web01.get(convert + 1).strip().matches("mbr2gpt-convert\\.ps1 version \\d+ \\(DiskNumber=0\\)"), text);
        assertTrue(web01.get(deallocate).endsWith("POST " + WEB01 + "/deallocate"), text);
        assertTrue(web01.get(patch).endsWith("PATCH " + WEB01), text);
        assertEquals(PATCH_ON, web01.get(patch + 1).strip(), text);
        assertTrue(web01.get(start).endsWith("POST " + WEB01 + "/start"), text);
        assertTrue(text.contains("verify-guest.ps1 version "), text);
        assertTrue(text.contains("DELETE " + WEB01 + "/runCommands/trustlift"), text);

        List<String> old01 = section(r.out(), "old01");
        assertTrue(old01.get(1).contains("BLOCKED: left untouched"), String.join("\n", old01));
        assertTrue(old01.get(2).strip().startsWith("TL020 BLOCKER"), String.join("\n", old01));
        assertFalse(String.join("\n", old01).contains("PATCH"), "no change listed for a blocked VM");
        assertTrue(section(r.out(), "tl01").get(1).contains("nothing to do (ALREADY_TRUSTED_LAUNCH)"), r.out());
        assertTrue(r.out().strip().endsWith("what-if: 1 would be upgraded, 1 blocked, 1 with nothing to do; run without"
                + " --what-if and with --yes to upgrade"), r.out());

        assertEquals(List.of(), calls.changing(), "--what-if makes only reads (and the read-only probe)");
        assertFalse(Files.exists(dir.resolve("j.db")), "--what-if writes no journal");
    }

    @Test
    void theCsvTurnsSecureBootOffForItsVmAndNothingIsBlockedMeansExitZero() throws Exception {
        CliRun r = whatIf("web01,rg-app,false\n", "--yes");
        assertEquals(0, r.exitCode(), r.describe());
        String text = String.join("\n", section(r.out(), "web01"));
        assertTrue(text.contains(PATCH_ON.replace("\"secureBootEnabled\":true", "\"secureBootEnabled\":false")), text);
        assertTrue(text.contains("Secure Boot off (as the VM list or --secure-boot asks)"), text);
        assertEquals(List.of(), calls.changing(), "--what-if wins over --yes: nothing is changed");
        assertFalse(Files.exists(dir.resolve("j.db")));
    }

    @Test
    void aStoppedVmIsBlockedWithoutStartStoppedAndStartedFirstWithIt() throws Exception {
        CliRun without = whatIf("stopped01,rg-app,true\n");
        assertEquals(3, without.exitCode(), without.describe());
        List<String> blocked = section(without.out(), "stopped01");
        assertTrue(blocked.get(1).contains("BLOCKED") && blocked.get(2).strip().startsWith("TL040 AUTO_FIX"),
                String.join("\n", blocked));
        CliRun with = whatIf("stopped01,rg-app,true\n", "--start-stopped");
        List<String> started = section(with.out(), "stopped01");
        assertTrue(started.get(1).contains("would be upgraded"), with.describe());
        assertTrue(started.get(2).strip().startsWith("inspect") && started.get(2).contains("--start-stopped"),
                String.join("\n", started));
        assertTrue(String.join("\n", started).contains("mbr2gpt-validate.ps1 version ")
                && String.join("\n", started).contains("(DiskNumber=<the disk holding C:, read by guest-probe>)"),
                "the probe could not run on a stopped VM: " + String.join("\n", started));
        assertEquals(List.of(), calls.changing());
    }
}
