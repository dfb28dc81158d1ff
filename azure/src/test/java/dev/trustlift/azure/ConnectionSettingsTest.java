package dev.trustlift.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.management.AzureEnvironment;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionSettingsTest {

    @Test
    void cloudNamesPickTheSovereignEnvironments() {
        assertEquals(AzureEnvironment.AZURE, ArmPipeline.environment(ConnectionSettings.azure(CloudName.AzureCloud, false)));
        assertEquals(AzureEnvironment.AZURE_CHINA,
                ArmPipeline.environment(ConnectionSettings.azure(CloudName.parse("azurechinacloud"), false)));
        assertEquals("https://management.usgovcloudapi.net/", ArmPipeline.environment(
                ConnectionSettings.azure(CloudName.AzureUSGovernment, false)).getResourceManagerEndpoint());
        assertThrows(IllegalArgumentException.class, () -> CloudName.parse("AzureGermanCloud"));
    }

    @Test
    void endpointReplacesOnlyTheResourceManagerUrl() {
        ConnectionSettings sandbox = ConnectionSettings.endpoint(URI.create("http://127.0.0.1:8123"), false);
        AzureEnvironment env = ArmPipeline.environment(sandbox);
        assertEquals("http://127.0.0.1:8123/", env.getResourceManagerEndpoint());
        assertEquals(AzureEnvironment.AZURE.getActiveDirectoryEndpoint(), env.getActiveDirectoryEndpoint());
        assertFalse(sandbox.signsIn(), "plain HTTP is the sandbox: no sign-in");
        assertTrue(ConnectionSettings.endpoint(URI.create("https://127.0.0.1:8443/"), false).signsIn());
        assertTrue(ConnectionSettings.azure(CloudName.AzureCloud, false).signsIn());
        assertEquals(ConnectionSettings.LOCAL_RETRY_BASE_DELAY, sandbox.retryBaseDelay());
        assertEquals(ConnectionSettings.AZURE_RETRY_BASE_DELAY, ConnectionSettings.azure(null, false).retryBaseDelay());
        assertThrows(IllegalArgumentException.class, () -> ConnectionSettings.endpoint(URI.create("ftp://x/"), false));
    }

    @Test
    void plainHttpIsOnlyForLoopback() {
        for (String local : new String[] {"http://127.0.0.1:8123", "http://127.8.9.10/", "http://localhost:1/", "http://[::1]:9/"}) {
            ConnectionSettings s = ConnectionSettings.endpoint(URI.create(local), false);
            assertTrue(s.loopback(), local);
            assertFalse(s.signsIn(), local);
        }
        for (String remote : new String[] {"http://arm.contoso.example/", "http://10.0.0.4:8080/", "http://127.evil.example/"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ConnectionSettings.endpoint(URI.create(remote), false), remote);
            assertTrue(e.getMessage().startsWith("plain HTTP is only for loopback endpoints"), e.getMessage());
        }
        ConnectionSettings remoteTls = ConnectionSettings.endpoint(URI.create("https://arm.contoso.example/"), false);
        assertFalse(remoteTls.loopback());
        assertTrue(remoteTls.signsIn());
        assertFalse(ConnectionSettings.azure(CloudName.AzureCloud, false).loopback());
    }

    @Test
    void computeRateLimitHeaderIsSplitPerPolicy() {
        assertEquals(Map.of("Microsoft.Compute/PutVM3Min", 239, "Microsoft.Compute/PutVM30Min", 1199),
                RateLimitObserver.parseResourceHeader("Microsoft.Compute/PutVM3Min;239, Microsoft.Compute/PutVM30Min;1199"));
        assertEquals(Map.of(), RateLimitObserver.parseResourceHeader("garbage"));
    }
}
