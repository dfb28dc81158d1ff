package dev.trustlift.core.assess;

import dev.trustlift.core.cloud.OsType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether an OS may be upgraded from Gen1 to Trusted Launch, from the instance view's osName and
 * osVersion. The table is the offline list of facts/trusted-launch.md: the Trusted Launch list
 * minus the Gen1-upgrade exclusions (WS2016, Debian, Azure Linux).
 */
public final class OsSupport {

    /** How an OS stands. */
    public enum Status {
        SUPPORTED,
        /** On the Trusted Launch list but without MBR2GPT: blocked by TL030. */
        WINDOWS_SERVER_2016,
        /** Named as excluded from the Gen1 upgrade (Debian, Azure Linux). */
        EXCLUDED,
        /** Known OS, not on the list. */
        NOT_LISTED,
        /** The agent does not report the OS. */
        UNKNOWN
    }

    /** The outcome with a readable product name ("Ubuntu 20.04", "Windows Server 2016 Datacenter"). */
    public record Support(Status status, String product) {
    }

    private record Distro(String display, List<String> versions, boolean excluded) {
    }

    private static final Map<String, Distro> DISTROS = Map.ofEntries(
            Map.entry("ubuntu", new Distro("Ubuntu", List.of("18.04", "20.04", "22.04", "23.04", "23.10"), false)),
            Map.entry("rhel", new Distro("RHEL", List.of("8.6", "8.8", "8.10", "9.4", "9.5", "9.6"), false)),
            Map.entry("almalinux", new Distro("AlmaLinux", List.of("8.7", "8.8", "9.0"), false)),
            Map.entry("rocky", new Distro("Rocky Linux", List.of("8.6", "8.10", "9.2", "9.4", "9.6"), false)),
            Map.entry("oracle", new Distro("Oracle Linux",
                    List.of("8.3", "8.4", "8.5", "8.6", "8.7", "8.8", "9.0", "9.1"), false)),
            Map.entry("sles", new Distro("SLES", List.of("15.3", "15.4", "15.5"), false)),
            Map.entry("debian", new Distro("Debian", List.of(), true)),
            Map.entry("azurelinux", new Distro("Azure Linux", List.of(), true)));

    /** Spellings the Linux agent and os-release use for each distro. */
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("ubuntu", "ubuntu"), Map.entry("rhel", "rhel"), Map.entry("redhat", "rhel"),
            Map.entry("red hat enterprise linux", "rhel"), Map.entry("red hat enterprise linux server", "rhel"),
            Map.entry("almalinux", "almalinux"), Map.entry("rocky", "rocky"), Map.entry("rocky linux", "rocky"),
            Map.entry("ol", "oracle"), Map.entry("oracle", "oracle"), Map.entry("oracle linux server", "oracle"),
            Map.entry("oracle linux", "oracle"), Map.entry("sles", "sles"), Map.entry("sles_sap", "sles"),
            Map.entry("suse", "sles"), Map.entry("sle_hpc", "sles"), Map.entry("debian", "debian"),
            Map.entry("azurelinux", "azurelinux"), Map.entry("azure linux", "azurelinux"),
            Map.entry("mariner", "azurelinux"), Map.entry("cbl-mariner", "azurelinux"),
            Map.entry("common base linux mariner", "azurelinux"));

    private static final Pattern VERSION = Pattern.compile("(\\d+)(?:(?:\\.|-sp|\\s+sp|sp)(\\d+))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern WINDOWS_SUPPORTED = Pattern.compile(
            "windows server (2019|2022|2025)\\b.*|windows (10|11) (pro|enterprise).*", Pattern.CASE_INSENSITIVE);

    private OsSupport() {
    }

    public static Support classify(OsType type, String osName, String osVersion) {
        if (osName == null || osName.isBlank()) {
            return new Support(Status.UNKNOWN, null);
        }
        return type == OsType.WINDOWS ? classifyWindows(osName.trim()) : classifyLinux(osName.trim(), osVersion);
    }

    private static Support classifyWindows(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.contains("windows server 2016")) {
            return new Support(Status.WINDOWS_SERVER_2016, name);
        }
        return new Support(WINDOWS_SUPPORTED.matcher(lower).matches() ? Status.SUPPORTED : Status.NOT_LISTED, name);
    }

    private static Support classifyLinux(String name, String version) {
        String key = ALIASES.get(name.toLowerCase(Locale.ROOT));
        Distro distro = key == null ? null : DISTROS.get(key);
        if (distro == null) {
            return new Support(Status.NOT_LISTED, (name + " " + (version == null ? "" : version)).trim());
        }
        if (distro.excluded()) {
            return new Support(Status.EXCLUDED, (distro.display() + " " + (version == null ? "" : version)).trim());
        }
        if (version == null || version.isBlank()) {
            return new Support(Status.UNKNOWN, distro.display());
        }
        String product = distro.display() + " " + version.trim();
        String normalized = normalize(version);
        boolean listed = normalized != null && distro.versions().stream().anyMatch(v -> v.equals(normalized)
                || normalize(v).equals(normalized));
        return new Support(listed ? Status.SUPPORTED : Status.NOT_LISTED, product);
    }

    /** "20.04" -> "20.4", "15-SP3" -> "15.3", "9" -> "9.0": one spelling per version for comparison. */
    static String normalize(String version) {
        Matcher m = VERSION.matcher(version.trim());
        if (!m.lookingAt()) {
            return null;
        }
        int minor = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        return Integer.parseInt(m.group(1)) + "." + minor;
    }

    /** The supported versions, for remediation text. */
    public static String supportedList(OsType type) {
        if (type == OsType.WINDOWS) {
            return "Windows Server 2019, 2022, 2022 Azure Edition, 2025, 2025 Azure Edition; Windows 10/11 Pro, Enterprise, "
                    + "Enterprise multi-session";
        }
        return "Ubuntu 18.04/20.04/22.04/23.04/23.10; RHEL 8.6/8.8/8.10/9.4/9.5/9.6; AlmaLinux 8.7/8.8/9.0; "
                + "Rocky Linux 8.6/8.10/9.2/9.4/9.6; Oracle Linux 8.3-8.8/9.0/9.1; SLES 15 SP3-SP5 "
                + "(Debian and Azure Linux are excluded from the Gen1 upgrade)";
    }
}
