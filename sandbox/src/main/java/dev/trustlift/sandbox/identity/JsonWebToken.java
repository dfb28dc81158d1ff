package dev.trustlift.sandbox.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JWS in compact form ({@code header.payload.signature}, each part base64url without padding),
 * signed RS256 (RSASSA-PKCS1-v1_5 with SHA-256, RFC 7518 section 3.3) as Entra ID and AD FS sign
 * their access tokens. Only what the sandbox issues and checks: no other algorithms, no encryption.
 */
public record JsonWebToken(Map<String, Object> header, Map<String, Object> claims, String compact) {
    static final String ALGORITHM = "RS256";
    private static final String JCA_ALGORITHM = "SHA256withRSA";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {};
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** Thrown when a token is not a well-formed, correctly signed RS256 JWS; the message says why. */
    public static final class InvalidTokenException extends Exception {
        InvalidTokenException(String message) {
            super(message);
        }
    }

    public static JsonWebToken sign(String keyId, Map<String, Object> claims, PrivateKey key) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("typ", "JWT");
        header.put("alg", ALGORITHM);
        header.put("kid", keyId);
        String signingInput = part(header) + "." + part(claims);
        try {
            Signature rsa = Signature.getInstance(JCA_ALGORITHM);
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return new JsonWebToken(header, claims, signingInput + "." + ENCODER.encodeToString(rsa.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign an access token: " + e.getMessage(), e);
        }
    }

    /** Parses {@code compact} and checks its RS256 signature against {@code key}. */
    public static JsonWebToken verify(String compact, PublicKey key) throws InvalidTokenException {
        String[] parts = compact.split("\\.", -1);
        if (parts.length != 3) {
            throw new InvalidTokenException("not a JWT: " + parts.length + " parts instead of 3");
        }
        Map<String, Object> header = decode(parts[0], "header");
        Map<String, Object> claims = decode(parts[1], "payload");
        if (!ALGORITHM.equals(header.get("alg"))) {
            throw new InvalidTokenException("unsupported signing algorithm " + header.get("alg"));
        }
        try {
            Signature rsa = Signature.getInstance(JCA_ALGORITHM);
            rsa.initVerify(key);
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rsa.verify(DECODER.decode(parts[2]))) {
                throw new InvalidTokenException("the signature does not match the sandbox's signing key");
            }
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new InvalidTokenException("the signature cannot be checked: " + e.getMessage());
        }
        return new JsonWebToken(header, claims, compact);
    }

    private static String part(Map<String, Object> json) {
        try {
            return ENCODER.encodeToString(JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode a token part: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> decode(String part, String what) throws InvalidTokenException {
        try {
            return JSON.readValue(DECODER.decode(part), OBJECT);
        } catch (IllegalArgumentException | IOException e) {
            throw new InvalidTokenException("the " + what + " is not base64url-encoded JSON");
        }
    }

    public String claim(String name) {
        Object value = claims.get(name);
        return value == null ? null : value.toString();
    }

    /** A numeric date claim (seconds since the epoch), or -1 when absent or not a number. */
    public long epochSeconds(String name) {
        return claims.get(name) instanceof Number n ? n.longValue() : -1;
    }
}
