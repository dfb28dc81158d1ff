package dev.trustlift.core.guest;

import dev.trustlift.core.cloud.GuestScript;
import dev.trustlift.core.cloud.OsType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The upgrade's guest scripts, versioned resource files under {@code dev/trustlift/core/guest/}
 * ({@code windows/*.ps1}, {@code linux/*.sh}); docs/guest-scripts.md describes each. A script's
 * first line names it and its version ({@code # NAME version N (...)}), so a journal can record
 * exactly what ran. User data reaches a script only as the run command parameters it declares.
 */
public enum GuestScripts {
    MBR2GPT_VALIDATE(OsType.WINDOWS, "windows/mbr2gpt-validate.ps1", Duration.ofMinutes(10), List.of("DiskNumber")),
    MBR2GPT_CONVERT(OsType.WINDOWS, "windows/mbr2gpt-convert.ps1", Duration.ofMinutes(30), List.of("DiskNumber")),
    FETCH_LOG(OsType.WINDOWS, "windows/fetch-log.ps1", Duration.ofMinutes(2), List.of("File", "Offset", "Count")),
    MAKE_ROOM(OsType.WINDOWS, "windows/make-room.ps1", Duration.ofMinutes(60), List.of("Mode", "ShrinkMb")),
    WINRE_RESYNC(OsType.WINDOWS, "windows/winre-resync.ps1", Duration.ofMinutes(10), List.of()),
    DRIVE_LETTER_FIX(OsType.WINDOWS, "windows/drive-letter-fix.ps1", Duration.ofMinutes(5), List.of("DiskNumber", "Mode")),
    VERIFY_WINDOWS(OsType.WINDOWS, "windows/verify-guest.ps1", Duration.ofMinutes(5), List.of()),
    VERIFY_LINUX(OsType.LINUX, "linux/verify-guest.sh", Duration.ofMinutes(5), List.of());

    private static final Pattern VERSION = Pattern.compile("^# (\\S+) version (\\d+)\\b.*");

    private final OsType os;
    private final String resource;
    private final Duration timeout;
    private final List<String> parameterNames;

    GuestScripts(OsType os, String resource, Duration timeout, List<String> parameterNames) {
        this.os = os;
        this.resource = resource;
        this.timeout = timeout;
        this.parameterNames = parameterNames;
    }

    public OsType os() {
        return os;
    }

    /** The resource path under dev/trustlift/core/guest/. */
    public String resource() {
        return resource;
    }

    /** The run command parameters the script declares (its param() block on Windows, environment variables on Linux). */
    public List<String> parameterNames() {
        return parameterNames;
    }

    /** The script's text as stored, one entry per line. */
    public List<String> lines() {
        try (InputStream in = GuestScripts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("guest script resource missing: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The version its first line declares. */
    public int version() {
        Matcher m = VERSION.matcher(lines().get(0));
        if (!m.matches()) {
            throw new IllegalStateException(resource + " does not start with '# NAME version N'");
        }
        return Integer.parseInt(m.group(2));
    }

    /**
     * The script with these run command parameters. A name the script does not declare is refused:
     * PowerShell would stop on an unknown named parameter, and a Linux script would ignore it.
     */
    public GuestScript script(Map<String, String> parameters) {
        for (String name : parameters.keySet()) {
            if (!parameterNames.contains(name)) {
                throw new IllegalArgumentException(resource + " takes no parameter '" + name + "' (it takes " + parameterNames + ")");
            }
        }
        return new GuestScript(os, lines(), timeout, parameters);
    }

    public GuestScript script() {
        return script(Map.of());
    }
}
