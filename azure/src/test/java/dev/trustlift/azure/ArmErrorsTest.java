package dev.trustlift.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.core.cloud.CloudException;
import java.net.ConnectException;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ArmErrorsTest {

    private static final RuntimeException REFUSED = new RuntimeException(new ConnectException("Connection refused"));

    @Test
    void unreachableLoopbackEndpointPointsAtTheSandbox() {
        CloudException e = errors("http://127.0.0.1:8123").translate("list VMs", REFUSED);
        assertEquals(CloudException.UNREACHABLE, e.code());
        assertTrue(e.getMessage().endsWith("Connection refused (check --endpoint; a local sandbox endpoint needs "
                + "'trustlift sandbox start')"), e.getMessage());
        assertTrue(errors("https://localhost:8443").translate("list VMs", REFUSED).getMessage().contains("sandbox start"));
    }

    @Test
    void unreachableRemoteEndpointOrAzureSaysNothingOfTheSandbox() {
        CloudException remote = errors("https://arm.contoso.example").translate("list VMs", REFUSED);
        assertEquals(CloudException.UNREACHABLE, remote.code());
        assertTrue(remote.getMessage().endsWith("Connection refused (check --endpoint and the network)"), remote.getMessage());
        CloudException azure = ArmErrors.of(ConnectionSettings.azure(CloudName.AzureCloud, false)).translate("list VMs", REFUSED);
        assertTrue(azure.getMessage().endsWith("(check the network and any proxy settings)"), azure.getMessage());
        assertFalse(azure.getMessage().contains("sandbox"), azure.getMessage());
    }

    @Test
    void anythingElseIsAClientErrorNamingTheOperation() {
        CloudException e = errors("http://127.0.0.1:1").translate("swap OS disk of rg/vm", new IllegalStateException("boom"));
        assertEquals("ClientError: swap OS disk of rg/vm: boom", e.getMessage());
    }

    private static ArmErrors errors(String endpoint) {
        return ArmErrors.of(ConnectionSettings.endpoint(URI.create(endpoint), false));
    }
}
