package dev.trustlift.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.core.cloud.CloudException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class ArmErrorsTest {

    @Test
    void connectionFailureNamesTheRemedy() {
        CloudException e = ArmErrors.translate("list VMs", new RuntimeException(new ConnectException("Connection refused")));
        assertEquals(CloudException.UNREACHABLE, e.code());
        assertTrue(e.getMessage().contains("Connection refused (check --endpoint and the network"), e.getMessage());
    }

    @Test
    void anythingElseIsAClientErrorNamingTheOperation() {
        CloudException e = ArmErrors.translate("swap OS disk of rg/vm", new IllegalStateException("boom"));
        assertEquals("ClientError: swap OS disk of rg/vm: boom", e.getMessage());
    }
}
