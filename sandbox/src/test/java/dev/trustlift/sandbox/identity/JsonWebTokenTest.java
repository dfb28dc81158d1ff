package dev.trustlift.sandbox.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonWebTokenTest {
    static KeyPair key;
    static KeyPair otherKey;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        key = rsa.generateKeyPair();
        otherKey = rsa.generateKeyPair();
    }

    @Test
    void aSignedTokenVerifiesAndKeepsItsClaims() throws Exception {
        JsonWebToken token = JsonWebToken.sign("kid-1", Map.of("aud", "https://management.azure.com/", "exp", 42),
                key.getPrivate());
        JsonWebToken read = JsonWebToken.verify(token.compact(), key.getPublic());
        assertEquals("https://management.azure.com/", read.claim("aud"));
        assertEquals(42, read.epochSeconds("exp"));
        assertEquals("RS256", read.header().get("alg"));
        assertEquals("kid-1", read.header().get("kid"));
    }

    @Test
    void opensslAcceptsTheSignatureAsRsaSha256OverHeaderDotPayload(@TempDir Path dir) throws Exception {
        String[] parts = JsonWebToken.sign("k", Map.of("tid", "t"), key.getPrivate()).compact().split("\\.");
        Path input = Files.writeString(dir.resolve("input"), parts[0] + "." + parts[1], StandardCharsets.US_ASCII);
        Path signature = Files.write(dir.resolve("sig"), Base64.getUrlDecoder().decode(parts[2]));
        Path publicKey = Files.writeString(dir.resolve("pub.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(key.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        Process openssl = new ProcessBuilder("openssl", "dgst", "-sha256", "-verify", publicKey.toString(),
                "-signature", signature.toString(), input.toString()).redirectErrorStream(true).start();
        String out = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(openssl.waitFor(30, TimeUnit.SECONDS));
        assertEquals("Verified OK", out.strip());
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        assertTrue(header.contains("\"alg\":\"RS256\""), header);
        assertTrue(!parts[0].contains("=") && !parts[1].contains("=") && !parts[2].contains("="), "no padding");
    }

    @Test
    void aChangedPayloadOrAnotherKeyIsRefused() {
        String compact = JsonWebToken.sign("k", Map.of("aud", "a"), key.getPrivate()).compact();
        String[] parts = compact.split("\\.");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"aud\":\"b\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThrows(JsonWebToken.InvalidTokenException.class, () -> JsonWebToken.verify(forged, key.getPublic()));
        assertThrows(JsonWebToken.InvalidTokenException.class, () -> JsonWebToken.verify(compact, otherKey.getPublic()));
        assertThrows(JsonWebToken.InvalidTokenException.class, () -> JsonWebToken.verify("abc.def", key.getPublic()));
        assertThrows(JsonWebToken.InvalidTokenException.class, () -> JsonWebToken.verify("!!.??.**", key.getPublic()));
    }

    @Test
    void anUnsignedTokenIsRefused() {
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
                + "." + Base64.getUrlEncoder().withoutPadding().encodeToString("{}".getBytes()) + ".";
        JsonWebToken.InvalidTokenException e = assertThrows(JsonWebToken.InvalidTokenException.class,
                () -> JsonWebToken.verify(none, key.getPublic()));
        assertTrue(e.getMessage().contains("none"), e.getMessage());
    }
}
