package dev.trustlift.sandbox.boot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.sandbox.http.ArmException;
import dev.trustlift.sandbox.http.ArmResponse;
import dev.trustlift.sandbox.http.Json;
import dev.trustlift.sandbox.state.ArmState;
import dev.trustlift.sandbox.state.VmRecord;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;

/**
 * Managed boot diagnostics: the blob URIs of a VM's serial console log and screenshot, as the
 * instance view and {@code retrieveBootDiagnosticsData} give them, and the blobs themselves,
 * which the sandbox serves as text under {@code /_sandbox/blobs/} (Azure serves them from a
 * storage account; like those SAS links they need no bearer token). A URI with a SAS
 * ({@code se=}) stops working when it expires, as a storage SAS does.
 */
public final class BootDiagnostics {
    public static final String BLOB_ROOT = "/_sandbox/blobs/";
    private static final String LOG = ".serialconsole.log";
    private static final String SCREENSHOT = ".screenshot.bmp";
    /** retrieveBootDiagnosticsData's default SAS lifetime (ComputeRP spec: 120 minutes). */
    public static final int DEFAULT_SAS_MINUTES = 120;
    /** A vmId is a GUID in its 36-character form. */
    private static final int VM_ID_LENGTH = 36;

    private BootDiagnostics() {
    }

    private static String blobBase(VmRecord vm, String base) {
        String shortName = vm.name().toLowerCase().replaceAll("[^a-z0-9]", "");
        shortName = shortName.substring(0, Math.min(9, shortName.length()));
        return base + BLOB_ROOT + "bootdiagnostics-" + shortName + "-" + vm.vmId() + "/" + vm.name() + "." + vm.vmId();
    }

    /** instanceView.bootDiagnostics: the URIs without a SAS. */
    public static ObjectNode instanceView(VmRecord vm, String base) {
        ObjectNode n = Json.object();
        n.put("consoleScreenshotBlobUri", blobBase(vm, base) + SCREENSHOT);
        n.put("serialConsoleLogBlobUri", blobBase(vm, base) + LOG);
        return n;
    }

    /** The body of POST {vm}/retrieveBootDiagnosticsData: the URIs with a read SAS valid for {@code minutes}. */
    public static ObjectNode retrieve(VmRecord vm, String base, String minutesParam) {
        int minutes = DEFAULT_SAS_MINUTES;
        if (minutesParam != null) {
            try {
                minutes = Integer.parseInt(minutesParam);
            } catch (NumberFormatException e) {
                minutes = -1;
            }
            if (minutes < 1 || minutes > 1440) {
                throw new ArmException(400, "InvalidParameter", "The value of parameter sasUriExpirationTimeInMinutes is "
                        + "invalid. It must be between 1 and 1440.");
            }
        }
        String expiry = Instant.now().plus(minutes, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
        String sas = "?sv=2022-11-02&sr=b&sp=r&se=" + expiry.replace(":", "%3A") + "&sig=sandbox";
        ObjectNode n = Json.object();
        n.put("consoleScreenshotBlobUri", blobBase(vm, base) + SCREENSHOT + sas);
        n.put("serialConsoleLogBlobUri", blobBase(vm, base) + LOG + sas);
        return n;
    }

    /** Serves GET /_sandbox/blobs/...: the text of a VM's serial log or screenshot, or Blob storage's errors. */
    public static ArmResponse blob(ArmState state, String path, Function<String, String> query) {
        // {BLOB_ROOT}bootdiagnostics-<name>-<vmId>/<name>.<vmId>.serialconsole.log: the container names the VM.
        String[] parts = path.substring(BLOB_ROOT.length()).split("/");
        boolean log = parts.length == 2 && parts[1].endsWith(LOG);
        boolean screenshot = parts.length == 2 && parts[1].endsWith(SCREENSHOT);
        String container = parts[0];
        String vmId = container.length() < VM_ID_LENGTH ? "" : container.substring(container.length() - VM_ID_LENGTH);
        VmRecord vm = !log && !screenshot ? null
                : state.vmsInOrder().stream().filter(v -> v.vmId().equals(vmId)).findFirst().orElse(null);
        if (vm == null || !path.equals(blobBase(vm, "") + (log ? LOG : SCREENSHOT))) {
            return blobError(404, "BlobNotFound", "The specified blob does not exist.");
        }
        String expiry = query.apply("se");
        if (expiry != null && expired(expiry)) {
            return blobError(403, "AuthenticationFailed", "Server failed to authenticate the request. Make sure the value "
                    + "of Authorization header is formed correctly including the signature.\n<AuthenticationErrorDetail>"
                    + "Signed expiry time [" + expiry + "] must be after current time [" + Instant.now() + "]"
                    + "</AuthenticationErrorDetail>");
        }
        SerialConsole.Machine machine;
        synchronized (vm) {
            machine = new SerialConsole.Machine(vm.name(), vm.windows(), vm.spec().osName(), vm.spec().osVersion(),
                    vm.uefi(), vm.secureBoot(), vm.lastBoot());
        }
        return ArmResponse.text(200, "text/plain; charset=utf-8",
                String.join("\n", log ? SerialConsole.log(machine) : SerialConsole.screen(machine)) + "\n");
    }

    private static boolean expired(String expiry) {
        try {
            return Instant.parse(expiry).isBefore(Instant.now());
        } catch (DateTimeParseException e) {
            return true;
        }
    }

    private static ArmResponse blobError(int status, String code, String message) {
        return ArmResponse.text(status, "application/xml", "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>" + code
                + "</Code><Message>" + message + "</Message></Error>");
    }
}
