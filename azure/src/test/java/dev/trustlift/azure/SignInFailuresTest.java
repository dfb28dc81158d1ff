package dev.trustlift.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.core.cloud.CloudException;
import java.io.IOException;
import java.net.ConnectException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class SignInFailuresTest {
    static final String MSAL_MESSAGE = "AADSTS7000215: Invalid client secret provided. Ensure the secret being"
            + " sent in the request is the client secret value.\r\nTrace ID: x\r\nCorrelation ID: y";

    @Test
    void anAadstsCodeDeepInTheChainBecomesOneLineWithTheRemedy() {
        RuntimeException wrapped = new RuntimeException("java.util.concurrent.ExecutionException",
                new IllegalStateException(MSAL_MESSAGE));
        CloudException e = SignInFailures.recognise("list VMs", wrapped);
        assertEquals("SignInRefused", e.code());
        assertEquals("SignInRefused: list VMs: AADSTS7000215: Invalid client secret provided. Check"
                + " AZURE_CLIENT_SECRET (or the variable named by --client-secret-env).", e.getMessage());
    }

    @Test
    void aPkixFailureNamesTheTrustFix() {
        SSLHandshakeException handshake = new SSLHandshakeException("General OpenSslEngine problem");
        handshake.initCause(new java.security.cert.CertificateException(
                "PKIX path building failed: unable to find valid certification path to requested target"));
        CloudException e = SignInFailures.recognise("list VMs", new RuntimeException(handshake));
        assertEquals("UntrustedCertificate", e.code());
        assertTrue(e.getMessage().contains("pass --ca-cert FILE"), e.getMessage());
        assertTrue(e.getMessage().contains("javax.net.ssl.trustStore"), e.getMessage());
    }

    @Test
    void otherFailuresAreLeftAlone() {
        assertNull(SignInFailures.recognise("x", new ConnectException("Connection refused")));
        assertNull(SignInFailures.recognise("x", new SSLHandshakeException("Remote host terminated the handshake")));
    }

    @Test
    void signInFailuresAreNotRetriedButConnectionErrorsAndThrottlingAre() {
        assertFalse(SignInFailures.worthRetrying(new IllegalStateException(MSAL_MESSAGE)));
        assertTrue(SignInFailures.worthRetrying(new IOException("Connection reset")));
        assertTrue(SignInFailures.worthRetrying(429));
        assertTrue(SignInFailures.worthRetrying(503));
        assertFalse(SignInFailures.worthRetrying(501));
        assertFalse(SignInFailures.worthRetrying(401));
    }
}
