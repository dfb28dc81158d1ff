package dev.trustlift.azure;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * How to reach ARM: the real cloud (endpoint null) or an explicit endpoint such as the sandbox.
 * A record so a process can share one connection per distinct setting (authenticating the SDK's
 * managers is the slow part of start-up).
 *
 * @param endpoint null for the chosen cloud's own ARM endpoint; otherwise "http(s)://host:port/"
 * @param pollInterval interval between long-running-operation polls when ARM sends no Retry-After;
 *        null keeps the SDK's default (30 s). ARM's Retry-After always wins.
 * @param retryBaseDelay first back-off of the retry policy for failures without Retry-After
 *        (connection errors, 5xx); 429s always wait exactly Retry-After
 * @param signIn who signs in to an HTTPS endpoint and which extra certificate to trust; null reads
 *        the AZURE_* variables
 */
public record ConnectionSettings(URI endpoint, CloudName cloud, boolean verbose, Duration pollInterval,
        Duration retryBaseDelay, SignInSettings signIn) {

    public static final Duration AZURE_RETRY_BASE_DELAY = Duration.ofMillis(800);
    /** The sandbox is on loopback: a refused connection is worth only short retries. */
    public static final Duration LOCAL_RETRY_BASE_DELAY = Duration.ofMillis(100);

    public ConnectionSettings {
        cloud = cloud == null ? CloudName.AzureCloud : cloud;
        if (endpoint != null) {
            endpoint = normalise(endpoint);
        }
        if (retryBaseDelay == null) {
            retryBaseDelay = endpoint != null && isLoopback(endpoint) ? LOCAL_RETRY_BASE_DELAY : AZURE_RETRY_BASE_DELAY;
        }
        if (signIn == null) {
            signIn = SignInSettings.resolve(System.getenv(), null, null, null, null, null);
        }
    }

    /** Settings for the real cloud. */
    public static ConnectionSettings azure(CloudName cloud, boolean verbose) {
        return new ConnectionSettings(null, cloud, verbose, null, null, null);
    }

    /** Settings for an explicit endpoint (the sandbox, a test server). */
    public static ConnectionSettings endpoint(URI endpoint, boolean verbose) {
        return new ConnectionSettings(endpoint, CloudName.AzureCloud, verbose, null, null, null);
    }

    public ConnectionSettings withPollInterval(Duration interval) {
        return new ConnectionSettings(endpoint, cloud, verbose, interval, retryBaseDelay, signIn);
    }

    public ConnectionSettings withSignIn(SignInSettings settings) {
        return new ConnectionSettings(endpoint, cloud, verbose, pollInterval, retryBaseDelay, settings);
    }

    /** Plain HTTP (loopback only) goes without sign-in; Azure and HTTPS endpoints get real credentials. */
    public boolean signsIn() {
        return endpoint == null || "https".equals(endpoint.getScheme());
    }

    /** An explicit endpoint on this machine (localhost, 127.0.0.0/8, [::1]), such as a local emulator. */
    public boolean loopback() {
        return endpoint != null && isLoopback(endpoint);
    }

    private static URI normalise(URI endpoint) {
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || endpoint.getHost() == null) {
            throw new IllegalArgumentException("endpoint must be an http:// or https:// URL with a host, got '"
                    + endpoint + "'");
        }
        if (scheme.equals("http") && !isLoopback(endpoint)) {
            // Plain HTTP would carry bearer tokens and ARM's answers in clear text over a network.
            throw new IllegalArgumentException("plain HTTP is only for loopback endpoints (localhost, 127.x.x.x, [::1]);"
                    + " use https:// for '" + endpoint + "'");
        }
        String text = endpoint.toString();
        return URI.create(text.endsWith("/") ? text : text + "/");
    }

    private static boolean isLoopback(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return host.equals("localhost") || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")
                || host.equals("[::1]") || host.equals("::1");
    }
}
