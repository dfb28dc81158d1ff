package dev.trustlift.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SignInSettingsTest {
    static final Map<String, String> ENV = Map.of("AZURE_TENANT_ID", "t-env", "AZURE_CLIENT_ID", "c-env",
            "AZURE_CLIENT_SECRET", "s-env", "AZURE_AUTHORITY_HOST", "https://127.0.0.1:8443/adfs");

    @Test
    void flagsWinOverTheEnvironment() {
        SignInSettings s = SignInSettings.resolve(ENV, "t-flag", null, "s-flag", null, null);
        assertEquals("t-flag", s.tenantId());
        assertEquals("c-env", s.clientId());
        assertEquals("s-flag", s.clientSecret());
        assertEquals("https://127.0.0.1:8443/adfs", s.authorityHost());
        assertTrue(s.hasClientSecret());
    }

    @Test
    void anAdfsAuthorityHostMeansTenantAdfsOnTheBareHost() {
        SignInSettings s = SignInSettings.resolve(ENV, null, null, null, null, null);
        assertTrue(s.isAdfs());
        assertEquals("adfs", s.identityTenant());
        assertEquals("https://127.0.0.1:8443", s.identityAuthorityHost());
        SignInSettings stack = new SignInSettings("adfs", "c", "s", "https://adfs.local.azurestack.external/", null);
        assertTrue(stack.isAdfs());
        assertEquals("https://adfs.local.azurestack.external", stack.identityAuthorityHost());
    }

    @Test
    void anEntraAuthorityKeepsItsTenant() {
        SignInSettings s = new SignInSettings("contoso.onmicrosoft.com", "c", "s",
                "https://login.microsoftonline.us/", null);
        assertFalse(s.isAdfs());
        assertEquals("contoso.onmicrosoft.com", s.identityTenant());
        assertEquals("https://login.microsoftonline.us/", s.identityAuthorityHost());
        assertNull(SignInSettings.NONE.identityAuthorityHost());
        assertFalse(SignInSettings.NONE.hasClientSecret());
    }

    @Test
    void theSecretNeverAppearsInTheTextForm() {
        String text = SignInSettings.resolve(ENV, null, null, null, null, null).toString();
        assertFalse(text.contains("s-env"), text);
        assertTrue(text.contains("clientSecret=***"), text);
    }

    @Test
    void aPlainHttpAuthorityIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SignInSettings(null, null, null, "http://127.0.0.1:8080/adfs", null));
        assertTrue(e.getMessage().contains("https://"), e.getMessage());
    }
}
