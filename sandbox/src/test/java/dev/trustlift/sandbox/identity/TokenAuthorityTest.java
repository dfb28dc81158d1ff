package dev.trustlift.sandbox.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.sandbox.tls.SelfSignedCertificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TokenAuthorityTest {
    static final Instant NOW = Instant.parse("2026-11-29T01:00:00Z");
    static SelfSignedCertificate certificate;

    @BeforeAll
    static void certificate() {
        certificate = SelfSignedCertificate.forLoopback(NOW);
    }

    static TokenAuthority at(Instant now) {
        return new TokenAuthority(certificate.keyPair(), certificate.certificate(), Clock.fixed(now, ZoneOffset.UTC),
                Duration.ofHours(1), ArmAudiences.forEndpoint("https://127.0.0.1:8443/"));
    }

    @Test
    void anIssuedTokenCarriesTheClaimsArmReadsAndPassesTheCheck() throws Exception {
        TokenAuthority.AccessToken token = at(NOW).issue("http://127.0.0.1/adfs/services/trust", "app-1",
                "https://management.azure.com/");
        assertEquals(3600, token.expiresInSeconds());
        JsonWebToken jwt = JsonWebToken.verify(token.compact(), certificate.keyPair().getPublic());
        assertEquals("https://management.azure.com/", jwt.claim("aud"));
        assertEquals("app-1", jwt.claim("appid"));
        assertEquals(TokenAuthority.SANDBOX_TENANT_ID, jwt.claim("tid"));
        assertEquals(NOW.getEpochSecond() + 3600, jwt.epochSeconds("exp"));
        assertEquals(NOW.getEpochSecond(), jwt.epochSeconds("nbf"));
        assertTrue(jwt.claim("oid").matches("[0-9a-f-]{36}"), jwt.claim("oid"));

        TokenAuthority.BearerCheck check = at(NOW.plusSeconds(60)).check("Bearer " + token.compact());
        assertTrue(check.valid(), check.toString());
        assertEquals("app-1", check.appId());
    }

    @Test
    void anExpiredTokenGetsArmsExpiredCode() {
        String token = at(NOW).issue("iss", "app", "https://management.azure.com").compact();
        TokenAuthority.BearerCheck check = at(NOW.plus(Duration.ofHours(1))).check("Bearer " + token);
        assertFalse(check.valid());
        assertEquals("ExpiredAuthenticationToken", check.errorCode());
        assertTrue(check.message().contains("2026-11-29T02:00:00Z"), check.message());
    }

    @Test
    void aTokenForAnotherResourceGetsTheAudienceCode() {
        String token = at(NOW).issue("iss", "app", "https://vault.azure.net").compact();
        TokenAuthority.BearerCheck check = at(NOW).check("Bearer " + token);
        assertEquals("InvalidAuthenticationTokenAudience", check.errorCode());
        assertTrue(check.message().contains("'https://vault.azure.net'"), check.message());
        assertTrue(at(NOW).check("Bearer " + at(NOW).issue("iss", "app", "https://127.0.0.1:8443/").compact())
                .valid(), "an extra audience is accepted");
    }

    @Test
    void aMissingMalformedOrForeignHeaderIsRefused() {
        assertEquals("AuthenticationFailed", at(NOW).check(null).errorCode());
        assertEquals("AuthenticationFailed", at(NOW).check("Basic dXNlcjpwYXNz").errorCode());
        assertEquals("InvalidAuthenticationToken", at(NOW).check("Bearer dummy").errorCode());
        SelfSignedCertificate other = SelfSignedCertificate.forLoopback(NOW);
        String foreign = JsonWebToken.sign("k", Map.of("aud", "https://management.azure.com/",
                "exp", NOW.getEpochSecond() + 60), other.keyPair().getPrivate()).compact();
        assertEquals("InvalidAuthenticationToken", at(NOW).check("Bearer " + foreign).errorCode());
    }

    @Test
    void theKeySetPublishesTheSigningKeyUnderTheTokensKeyId() throws Exception {
        TokenAuthority authority = at(NOW);
        String token = authority.issue("iss", "app", "https://management.azure.com/").compact();
        Object kid = JsonWebToken.verify(token, certificate.keyPair().getPublic()).header().get("kid");
        @SuppressWarnings("unchecked")
        Map<String, Object> key = ((List<Map<String, Object>>) authority.keySet().get("keys")).get(0);
        assertEquals(kid, key.get("kid"));
        java.security.interfaces.RSAPublicKey rsa = (java.security.interfaces.RSAPublicKey) certificate.keyPair()
                .getPublic();
        assertEquals(rsa.getModulus(), new java.math.BigInteger(1,
                java.util.Base64.getUrlDecoder().decode((String) key.get("n"))));
        assertEquals("AQAB", key.get("e"));
    }
}
