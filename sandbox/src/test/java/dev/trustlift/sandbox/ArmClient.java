package dev.trustlift.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain java.net.http client for the tests: what an ARM client sends, nothing more. */
final class ArmClient {
    static final String API = "api-version=2024-11-01";
    static final String SUB = "11111111-1111-1111-1111-111111111111";
    static final String SUB_B = "22222222-2222-2222-2222-222222222222";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    ArmClient(String endpoint) {
        this.base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    }

    static String vm(String rg, String name) {
        return vm(SUB, rg, name);
    }

    /** JSON array items: the last line of trustlift's wrapped scripts, which prints the exit code (core's GuestScript). */
    static final String PS_EXIT_ECHO = "\"Write-Output \\\"TRUSTLIFT_EXIT=$trustliftExit\\\"\"";
    static final String SH_EXIT_ECHO = "\"echo \\\"TRUSTLIFT_EXIT=$?\\\"\"";

    static String vm(String sub, String rg, String name) {
        return "/subscriptions/" + sub + "/resourceGroups/" + rg + "/providers/Microsoft.Compute/virtualMachines/" + name;
    }

    /** A response with its body parsed (null node for an empty body). */
    record Answer(int status, HttpResponse<String> raw, JsonNode json) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    Answer get(String pathAndQuery) {
        return send("GET", pathAndQuery, null);
    }

    Answer send(String method, String pathAndQuery, String body) {
        String url = pathAndQuery.startsWith("http") ? pathAndQuery : base + pathAndQuery;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer sandbox-test")
                .header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
            return new Answer(r.statusCode(), r, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET of a non-JSON resource (a boot diagnostics blob): status and text. */
    record Text(int status, String contentType, String body) {
    }

    Text text(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url.startsWith("http") ? url : base + url))
                .timeout(Duration.ofSeconds(20)).GET().build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Text(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Polls an Azure-AsyncOperation URL until the status is terminal, as the SDK's poller does:
     * waiting retry-after-ms between polls and Retry-After after a 429.
     */
    JsonNode await(String asyncUrl) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Answer a = get(asyncUrl);
            if (a.status() == 429) {
                sleep(1000L * Long.parseLong(a.header("Retry-After")));
                continue;
            }
            if (a.status() != 200) {
                throw new AssertionError("poll answered " + a.status() + ": " + a.raw().body());
            }
            String status = a.json().path("status").asText();
            if (!status.equals("InProgress")) {
                return a.json();
            }
            String hint = a.header("retry-after-ms");
            sleep(hint == null ? 10 : Math.min(200, Long.parseLong(hint)));
        }
        throw new AssertionError("operation did not finish: " + asyncUrl);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
