package dev.trustlift.sandbox.identity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The token audiences a cloud's ARM accepts, in the order its metadata document
 * ({@code GET /metadata/endpoints}) lists them under {@code authentication.audiences}. Clients
 * that discover the cloud ask for a token for the first one ({@code az} does), so the list and
 * the bearer check must agree: ARM takes each listed audience with or without its trailing slash
 * (its 401 message names both forms), and the token endpoint issues tokens for exactly those.
 */
public final class ArmAudiences {
    /** Public Azure's ARM audiences, as its metadata document lists them. */
    public static final List<String> PUBLIC_CLOUD = List.of(
            "https://management.core.windows.net/", "https://management.azure.com/");

    private final List<String> listed;
    private final List<String> accepted;

    private ArmAudiences(List<String> listed) {
        Set<String> unique = new LinkedHashSet<>();
        listed.forEach(audience -> unique.add(withSlash(audience)));
        this.listed = List.copyOf(unique);
        List<String> forms = new ArrayList<>();
        for (String audience : this.listed) {
            forms.add(audience);
            forms.add(audience.substring(0, audience.length() - 1));
        }
        this.accepted = List.copyOf(forms);
    }

    /** Public Azure's audiences only. */
    public static ArmAudiences publicCloud() {
        return new ArmAudiences(PUBLIC_CLOUD);
    }

    /**
     * A private cloud's: its own ARM address first (as Azure Stack Hub lists its own management
     * audience), then public Azure's, which the Azure SDKs ask for by default.
     */
    public static ArmAudiences forEndpoint(String armEndpoint) {
        List<String> audiences = new ArrayList<>();
        audiences.add(armEndpoint);
        audiences.addAll(PUBLIC_CLOUD);
        return new ArmAudiences(audiences);
    }

    /** The audiences as the metadata document lists them, each ending in a slash. */
    public List<String> listed() {
        return listed;
    }

    /** Every form ARM accepts (each listed audience with and without its slash), as its 401 names them. */
    public List<String> accepted() {
        return accepted;
    }

    public boolean accepts(String audience) {
        return audience != null && accepted.contains(audience);
    }

    private static String withSlash(String audience) {
        return audience.endsWith("/") ? audience : audience + "/";
    }
}
