package dev.trustlift.sandbox.tls;

import dev.trustlift.sandbox.identity.AdfsEndpoints;

/**
 * Whether the sandbox serves HTTPS with sign-in ({@code sandbox start --tls}) and the client
 * secret its authority accepts. Off means plain HTTP and no sign-in, as before.
 */
public record SandboxTls(boolean enabled, String clientSecret) {
    public static final SandboxTls OFF = new SandboxTls(false, null);

    public SandboxTls {
        if (enabled && (clientSecret == null || clientSecret.isEmpty())) {
            throw new IllegalArgumentException("the sandbox's client secret must not be empty");
        }
    }

    /** HTTPS and sign-in with {@code clientSecret}, or the default secret when null. */
    public static SandboxTls on(String clientSecret) {
        return new SandboxTls(true, clientSecret == null ? AdfsEndpoints.DEFAULT_CLIENT_SECRET : clientSecret);
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return enabled ? "SandboxTls[on]" : "SandboxTls[off]";
    }
}
