package dev.trustlift.cli.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.cli.testing.CliRun;
import dev.trustlift.sandbox.SandboxServer;
import dev.trustlift.sandbox.fleet.Fleet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ARM's 403 AuthorizationFailed, through the real adapter: the identity is signed in and the
 * command line is right, so it is a failure (exit 1) that names the permission to grant, never a
 * usage error pointing at --help.
 */
class AccessDeniedTest {
    static final String SUB = "11111111-1111-1111-1111-111111111111";
    /** ARM's own wording (the message of AuthorizationFailed). */
    static final String ARM_MESSAGE = "The client 'ops@contoso.com' with object id '00000000-0000-0000-0000-0000000000aa'"
            + " does not have authorization to perform action 'Microsoft.Compute/virtualMachines/read' over scope"
            + " '/subscriptions/" + SUB + "' or the scope is invalid. If access was recently granted, please refresh"
            + " your credentials.";
    static SandboxServer sandbox;

    @BeforeAll
    static void start() throws Exception {
        sandbox = SandboxServer.start(Fleet.parse("""
                {"timeScale": 0, "subscriptions": [{"id": "%s", "throttle": "none"}], "skus": "builtin", "vms": [
                  {"subscription": "%s", "resourceGroup": "rg-app", "name": "web01", "location": "eastus",
                   "size": "Standard_D2s_v5", "osType": "Linux", "osName": "ubuntu", "osVersion": "22.04",
                   "powerState": "running", "agent": "Ready", "securityType": null,
                   "osDisk": {"name": "web01-os", "sizeGb": 30, "managed": true, "ephemeral": false,
                              "hyperVGeneration": "V1", "encryption": "none", "layout": "linux-azure-gpt"},
                   "faults": [{"op": "list-vms", "status": 403, "code": "AuthorizationFailed", "message": "%s"}]}]}
                """.formatted(SUB, SUB, ARM_MESSAGE), "access-denied fleet"), 0);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"discover", "assess"})
    void accessDeniedExitsOneNamingTheMissingPermission(String command) {
        CliRun r = CliRun.of(command, "--endpoint", sandbox.endpoint(), "--subscription", SUB);
        assertEquals(1, r.exitCode(), r.describe());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("trustlift: error: access denied: the signed-in identity lacks the permission"
                + " 'Microsoft.Compute/virtualMachines/read' on /subscriptions/" + SUB + " (AuthorizationFailed, HTTP 403"),
                r.err());
        assertTrue(r.err().contains("grant a role that includes it"), r.err());
        assertFalse(r.err().contains("--help"), "not a usage error: " + r.err());
        assertTrue(r.errIsCleanForPeople(), r.err());
        assertEquals("", r.out());
    }
}
