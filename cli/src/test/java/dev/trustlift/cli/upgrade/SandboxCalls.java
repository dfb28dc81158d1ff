package dev.trustlift.cli.upgrade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustlift.sandbox.SandboxServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** The sandbox's call log (GET /_sandbox/calls): what a command sent to "ARM". */
final class SandboxCalls {
    private final SandboxServer sandbox;
    private int mark;

    SandboxCalls(SandboxServer sandbox) {
        this.sandbox = sandbox;
    }

    /** Starts a new window: {@link #since} returns only the calls after this. */
    void mark() throws IOException, InterruptedException {
        mark = all().size();
    }

    List<JsonNode> since() throws IOException, InterruptedException {
        List<JsonNode> all = all();
        return all.subList(Math.min(mark, all.size()), all.size());
    }

    /** "METHOD path" of each call since the mark that is not a GET. */
    List<String> nonGets() throws IOException, InterruptedException {
        List<String> out = new ArrayList<>();
        for (JsonNode c : since()) {
            if (!c.path("method").asText().equals("GET")) {
                out.add(c.path("method").asText() + " " + c.path("path").asText());
            }
        }
        return out;
    }

    /**
     * The calls since the mark that may change something: anything but a GET, the read-only guest
     * probe (the Run Command action) and Azure Backup's backupStatus query, both POSTs that change nothing.
     */
    List<String> changing() throws IOException, InterruptedException {
        return nonGets().stream().filter(c -> !(c.startsWith("POST ") && (c.endsWith("/runCommand") || c.endsWith("/backupStatus"))))
                .toList();
    }

    private List<JsonNode> all() throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(sandbox.endpoint() + "_sandbox/calls")).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("call log: " + r.statusCode() + " " + r.body());
        }
        List<JsonNode> calls = new ArrayList<>();
        for (JsonNode c : new ObjectMapper().readTree(r.body()).path("calls")) {
            if (!c.path("path").asText().startsWith("/_sandbox")) {
                calls.add(c); // the log's own reads are not the command's
            }
        }
        return calls;
    }
}
