package dev.trustlift.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.identity.CredentialUnavailableException;
import dev.trustlift.core.cloud.CloudException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class ArmErrorsTest {

    @Test
    void noCredentialIsAnAuthenticationFailureWithARemedy() {
        CloudException e = ArmErrors.translate("list VMs", new RuntimeException(new CredentialUnavailableException(
                "DefaultAzureCredential failed to retrieve a token from the included credentials.\nAttempted credentials:")));
        assertEquals(ArmErrors.AUTHENTICATION_FAILED, e.code());
        assertEquals(0, e.httpStatus());
        assertTrue(e.getMessage().startsWith("AuthenticationFailed: list VMs: DefaultAzureCredential failed to retrieve"
                + " a token from the included credentials. (sign in with 'az login'"), e.getMessage());
        assertEquals(ArmErrors.AUTHENTICATION_FAILED,
                ArmErrors.translate("get VM", new ClientAuthenticationException("AADSTS700016: app not found", null)).code());
    }

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
