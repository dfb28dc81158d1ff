package dev.trustlift.azure;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * Who signs in, where, and which extra certificate to trust. Each value comes from a flag or else
 * the variable azure-identity itself reads (AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET,
 * AZURE_AUTHORITY_HOST), so a pipeline that already works with DefaultAzureCredential works here.
 *
 * @param authorityHost null for the cloud's own Entra endpoint; e.g. {@code https://127.0.0.1:8443/adfs}
 *        for the sandbox's AD FS-shaped authority
 * @param caCertificate a PEM file whose certificates are trusted besides the JVM's own, or null
 */
public record SignInSettings(String tenantId, String clientId, String clientSecret, String authorityHost,
        Path caCertificate) {
    /** azure-identity's tenant for an AD FS authority: AD FS has no tenants of its own. */
    static final String ADFS_TENANT = "adfs";

    public static final SignInSettings NONE = new SignInSettings(null, null, null, null, null);

    public SignInSettings {
        tenantId = blankToNull(tenantId);
        clientId = blankToNull(clientId);
        clientSecret = blankToNull(clientSecret);
        authorityHost = blankToNull(authorityHost);
        if (authorityHost != null) {
            URI uri = URI.create(authorityHost);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("the authority host must be an https:// URL, got '"
                        + authorityHost + "'");
            }
        }
    }

    /** Values from the environment, each overridden by a non-null argument (a flag). */
    public static SignInSettings resolve(Map<String, String> environment, String tenantId, String clientId,
            String clientSecret, String authorityHost, Path caCertificate) {
        return new SignInSettings(
                tenantId != null ? tenantId : environment.get("AZURE_TENANT_ID"),
                clientId != null ? clientId : environment.get("AZURE_CLIENT_ID"),
                clientSecret != null ? clientSecret : environment.get("AZURE_CLIENT_SECRET"),
                authorityHost != null ? authorityHost : environment.get("AZURE_AUTHORITY_HOST"),
                caCertificate);
    }

    /** A service principal with a secret: signs in with ClientSecretCredential, nothing else tried. */
    boolean hasClientSecret() {
        return clientId != null && clientSecret != null;
    }

    /**
     * True for an AD FS authority (Azure Stack's, or the sandbox's {@code .../adfs}). MSAL picks its
     * AD FS mode from the first path segment, and with any tenant but "adfs" appended after
     * {@code /adfs} it would take the URL for an Entra authority and post to the wrong path.
     */
    boolean isAdfs() {
        if (ADFS_TENANT.equalsIgnoreCase(tenantId)) {
            return true;
        }
        if (authorityHost == null) {
            return false;
        }
        String path = URI.create(authorityHost).getPath();
        return path != null && path.replaceAll("/+$", "").toLowerCase(java.util.Locale.ROOT).endsWith("/adfs");
    }

    /** The authority host azure-identity should get: for AD FS the host alone, tenant "adfs" adds the path. */
    String identityAuthorityHost() {
        if (authorityHost == null || !isAdfs()) {
            return authorityHost;
        }
        String trimmed = authorityHost.replaceAll("/+$", "");
        return trimmed.toLowerCase(java.util.Locale.ROOT).endsWith("/adfs")
                ? trimmed.substring(0, trimmed.length() - "/adfs".length()) : trimmed;
    }

    String identityTenant() {
        return isAdfs() ? ADFS_TENANT : tenantId;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Never prints the secret: settings end up in logs and in map keys' debug output. */
    @Override
    public String toString() {
        return "SignInSettings[tenantId=" + tenantId + ", clientId=" + clientId + ", clientSecret="
                + (clientSecret == null ? "none" : "***") + ", authorityHost=" + authorityHost + ", caCertificate="
                + caCertificate + "]";
    }
}
