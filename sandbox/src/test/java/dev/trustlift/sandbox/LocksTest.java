package dev.trustlift.sandbox;

import static dev.trustlift.sandbox.ArmClient.API;
import static dev.trustlift.sandbox.ArmClient.SUB;
import static dev.trustlift.sandbox.ArmClient.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustlift.sandbox.fleet.Fleet;
import dev.trustlift.sandbox.fleet.FleetException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Management locks where ARM applies them: a lock covers its scope and what is under it (a group's
 * VMs and disks, a subscription's everything), never a resource beside it (a VM's lock does not
 * cover its disk). ReadOnly refuses writes and POST actions; CanNotDelete refuses deletes.
 */
class LocksTest {
    static final String SUB_C = "33333333-3333-3333-3333-333333333333";
    static final String LOCKS = "/providers/Microsoft.Authorization/locks?api-version=2020-05-01";
    static final String DISK_API = "?api-version=2024-03-02";
    @RegisterExtension
    final RulesSandbox sandbox = new RulesSandbox("arm-rules.json");

    private String diskOf(String vmPath) {
        return sandbox.arm().get(vmPath + "?" + API).json().at("/properties/storageProfile/osDisk/managedDisk/id").asText();
    }

    private List<String> lockIds(String scope) {
        ArmClient.Answer a = sandbox.arm().get(scope + LOCKS);
        assertEquals(200, a.status(), a.raw().body());
        List<String> ids = new ArrayList<>();
        a.json().path("value").forEach(l -> ids.add(l.path("id").asText()));
        return ids;
    }

    private static void assertScopeLocked(ArmClient.Answer a, String operation, String lockedScope) {
        assertEquals(409, a.status(), a.raw().body());
        assertEquals("ScopeLocked", a.json().at("/error/code").asText());
        String message = a.json().at("/error/message").asText();
        assertTrue(message.contains("cannot perform " + operation + " operation because following scope(s) are locked: '"
                + lockedScope + "'"), message);
    }

    @Test
    void readOnlyGroupLockRefusesWritesAndActionsOfItsVms() {
        String frozen = vm("rg-frozen", "frozen01");
        String group = "/subscriptions/" + SUB + "/resourceGroups/rg-frozen";
        assertScopeLocked(sandbox.arm().send("POST", frozen + "/deallocate?" + API, null), "write", group);
        assertScopeLocked(sandbox.arm().send("POST", frozen + "/start?" + API, null), "write", group);
        assertScopeLocked(sandbox.arm().send("POST", frozen + "/runCommand?" + API,
                "{\"commandId\":\"RunPowerShellScript\",\"script\":[\"hostname\"]}"), "write", group);
        assertScopeLocked(sandbox.arm().send("PATCH", frozen + "?" + API, "{\"tags\":{\"a\":\"b\"}}"), "write", group);
        assertScopeLocked(sandbox.arm().send("PATCH", diskOf(frozen) + DISK_API, "{\"properties\":{\"diskSizeGB\":200}}"),
                "write", group);
        assertEquals(200, sandbox.arm().get(frozen + "?" + API).status());
        assertEquals("running", sandbox.arm().get("/_sandbox/state?vm=frozen01").json().at("/vms/0/power").asText());
    }

    @Test
    void aLockOnTheVmDoesNotCoverItsDisk() {
        String locked = vm("rg-app", "vmlocked");
        assertScopeLocked(sandbox.arm().send("PATCH", locked + "?" + API, "{\"tags\":{\"a\":\"b\"}}"), "write", locked);
        String disk = diskOf(locked);
        ArmClient.Answer grow = sandbox.arm().send("PATCH", disk + DISK_API, "{\"properties\":{\"diskSizeGB\":128}}");
        assertEquals(202, grow.status(), grow.raw().body());
        sandbox.arm().await(grow.header("Azure-AsyncOperation"));
        assertEquals(128, sandbox.arm().get(disk + DISK_API).json().at("/properties/diskSizeGB").asInt());
    }

    @Test
    void aLockOnTheDiskCoversOnlyTheDisk() {
        String vm = vm("rg-app", "disklocked");
        String disk = diskOf(vm);
        assertScopeLocked(sandbox.arm().send("PATCH", disk + DISK_API, "{\"properties\":{\"diskSizeGB\":128}}"),
                "write", disk);
        assertEquals(200, sandbox.arm().send("PATCH", vm + "?" + API, "{\"tags\":{\"a\":\"b\"}}").status());
    }

    @Test
    void canNotDeleteOnTheSubscriptionRefusesOnlyDeletes() {
        String vm = vm(SUB_C, "rg-c", "cnd01");
        assertEquals(200, sandbox.arm().send("PATCH", vm + "?" + API, "{\"tags\":{\"a\":\"b\"}}").status());
        ArmClient.Answer run = sandbox.arm().send("POST", vm + "/runCommand?" + API,
                "{\"commandId\":\"RunPowerShellScript\",\"script\":[\"hostname\"]}");
        assertEquals(202, run.status(), run.raw().body());
        sandbox.arm().await(run.header("Azure-AsyncOperation"));
        assertScopeLocked(sandbox.arm().send("DELETE", vm + "/runCommands/cleanup?" + API, null), "delete",
                "/subscriptions/" + SUB_C);
    }

    @Test
    void listingsShowTheLocksThatApplyAndThoseBelow() {
        String sub = "/subscriptions/" + SUB;
        String groupLock = sub + "/resourceGroups/rg-frozen/providers/Microsoft.Authorization/locks/group-lock-readonly";
        String vmLock = vm("rg-app", "vmlocked") + "/providers/Microsoft.Authorization/locks/vm-lock-readonly";
        String diskLock = diskOf(vm("rg-app", "disklocked")) + "/providers/Microsoft.Authorization/locks/disk-lock-readonly";
        assertEquals(List.of(groupLock, vmLock, diskLock), lockIds(sub));
        assertEquals(List.of(vmLock, diskLock), lockIds(sub + "/resourceGroups/rg-app"));
        assertEquals(List.of(groupLock), lockIds(sub + "/resourceGroups/rg-frozen"));
        assertEquals(List.of(vmLock), lockIds(vm("rg-app", "vmlocked")), "the VM's listing has no disk lock");
        assertEquals(List.of(groupLock), lockIds(vm("rg-frozen", "frozen01")), "a group's lock applies to its VMs");
        assertEquals(List.of(diskLock), lockIds(diskOf(vm("rg-app", "disklocked"))));
        assertEquals(List.of("/subscriptions/" + SUB_C + "/providers/Microsoft.Authorization/locks/subscription-lock-cannotdelete"),
                lockIds(vm(SUB_C, "rg-c", "cnd01")));
        JsonNode lock = sandbox.arm().get(sub + LOCKS).json().at("/value/0");
        assertEquals("ReadOnly", lock.at("/properties/level").asText());
        assertEquals("Microsoft.Authorization/locks", lock.path("type").asText());
    }

    @Test
    void lockLevelsAreCheckedWhereverTheyAre() {
        String text = Fleets.text("arm-rules.json");
        FleetException group = assertThrows(FleetException.class,
                () -> Fleet.parse(text.replace("\"rg-frozen\": [\"ReadOnly\"]", "\"rg-frozen\": [\"Frozen\"]"), "f.json"));
        assertTrue(group.getMessage().contains("subscriptions[0].resourceGroupLocks.rg-frozen[0]"), group.getMessage());
        FleetException disk = assertThrows(FleetException.class,
                () -> Fleet.parse(text.replace("\"osDisk\": {\"locks\": [\"ReadOnly\"]}", "\"osDisk\": {\"locks\": [\"NoWrite\"]}"),
                        "f.json"));
        assertTrue(disk.getMessage().contains(".osDisk.locks[0]"), disk.getMessage());
    }
}
