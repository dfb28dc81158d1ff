package dev.trustlift.sandbox.identity;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Issues the sandbox's access tokens and checks the bearer tokens ARM calls carry: RS256 JWTs
 * signed with the server's key, with the claims ARM looks at (aud, iss, exp, nbf, iat, tid, oid,
 * appid). The checks and their error codes follow what ARM answers for the same mistakes.
 */
public final class TokenAuthority {
    /** The tenant the sandbox's tokens belong to; a fixed id, so fleets and tests can name it. */
    public static final String SANDBOX_TENANT_ID = "5a0db0c5-7e57-4a11-b0b0-5a11dbc0ffee";
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);
    private final KeyPair keys;
    private final X509Certificate certificate;
    private final String keyId;
    private final Clock clock;
    private final Duration lifetime;
    private final ArmAudiences audiences;

    public TokenAuthority(KeyPair keys, X509Certificate certificate, Clock clock, Duration lifetime,
            ArmAudiences audiences) {
        this.keys = keys;
        this.certificate = certificate;
        this.keyId = thumbprint(certificate);
        this.clock = clock;
        this.lifetime = lifetime;
        this.audiences = audiences;
    }

    /** The audiences this authority issues tokens for and ARM accepts them for. */
    public ArmAudiences audiences() {
        return audiences;
    }

    /** An issued token as the token endpoint hands it out. */
    public record AccessToken(String compact, long expiresInSeconds, String audience) {}

    /** What the bearer check found; when not valid, {@code errorCode} and {@code message} are ARM's. */
    public record BearerCheck(boolean valid, String errorCode, String message, String appId, String audience) {
        static BearerCheck accepted(JsonWebToken token) {
            return new BearerCheck(true, null, null, token.claim("appid"), token.claim("aud"));
        }

        static BearerCheck refused(String errorCode, String message) {
            return new BearerCheck(false, errorCode, message, null, null);
        }
    }

    public AccessToken issue(String issuer, String clientId, String audience) {
        Instant now = clock.instant();
        long iat = now.getEpochSecond();
        long exp = now.plus(lifetime).getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", audience);
        claims.put("iss", issuer);
        claims.put("iat", iat);
        claims.put("nbf", iat);
        claims.put("exp", exp);
        claims.put("appid", clientId);
        claims.put("appidacr", "1");
        claims.put("idtyp", "app");
        claims.put("oid", UUID.nameUUIDFromBytes(("app:" + clientId).getBytes(StandardCharsets.UTF_8)).toString());
        claims.put("sub", claims.get("oid"));
        claims.put("tid", SANDBOX_TENANT_ID);
        claims.put("ver", "1.0");
        JsonWebToken token = JsonWebToken.sign(keyId, claims, keys.getPrivate());
        return new AccessToken(token.compact(), exp - iat, audience);
    }

    /** Checks an {@code Authorization} header value (may be null) the way ARM does. */
    public BearerCheck check(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return BearerCheck.refused("AuthenticationFailed",
                    "Authentication failed. The 'Authorization' header is missing.");
        }
        String[] scheme = authorization.trim().split("\\s+", 2);
        if (scheme.length != 2 || !scheme[0].equalsIgnoreCase("Bearer")) {
            return BearerCheck.refused("AuthenticationFailed",
                    "Authentication failed. The 'Authorization' header is provided in an invalid format.");
        }
        JsonWebToken token;
        try {
            token = JsonWebToken.verify(scheme[1], keys.getPublic());
        } catch (JsonWebToken.InvalidTokenException e) {
            return BearerCheck.refused("InvalidAuthenticationToken",
                    "The access token is invalid: " + e.getMessage() + ".");
        }
        long now = clock.instant().getEpochSecond();
        long exp = token.epochSeconds("exp");
        if (exp < 0 || exp <= now) {
            return BearerCheck.refused("ExpiredAuthenticationToken",
                    "The access token expiry UTC time '" + Instant.ofEpochSecond(Math.max(exp, 0))
                            + "' is earlier than current UTC time '" + Instant.ofEpochSecond(now) + "'.");
        }
        if (token.epochSeconds("nbf") > now) {
            return BearerCheck.refused("InvalidAuthenticationToken",
                    "The access token is not valid before " + Instant.ofEpochSecond(token.epochSeconds("nbf")) + ".");
        }
        String audience = token.claim("aud");
        if (!audiences.accepts(audience)) {
            return BearerCheck.refused("InvalidAuthenticationTokenAudience",
                    "The access token has been obtained for wrong audience or resource '" + audience
                            + "'. It should exactly match with one of the allowed audiences '"
                            + String.join("','", audiences.accepted()) + "'.");
        }
        return BearerCheck.accepted(token);
    }

    /** The signing key as a JSON Web Key Set, as AD FS serves it at {@code /adfs/discovery/keys}. */
    public Map<String, Object> keySet() {
        RSAPublicKey rsa = (RSAPublicKey) keys.getPublic();
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("kty", "RSA");
        key.put("use", "sig");
        key.put("alg", JsonWebToken.ALGORITHM);
        key.put("kid", keyId);
        key.put("x5t", keyId);
        key.put("n", url.encodeToString(unsigned(rsa.getModulus())));
        key.put("e", url.encodeToString(unsigned(rsa.getPublicExponent())));
        try {
            key.put("x5c", List.of(Base64.getEncoder().encodeToString(certificate.getEncoded())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return Map.of("keys", List.of(key));
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 && bytes.length > 1 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    /** The key id Entra ID and AD FS use: the certificate's SHA-1 thumbprint, base64url. */
    private static String thumbprint(X509Certificate certificate) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sha1);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
