package dev.trustlift.sandbox.fleet;

import java.util.List;

/**
 * The operating systems the fleet generator draws from, with what the VM agent reports for them
 * (osName, osVersion) and the marketplace image they come from; weights are rough shares of a
 * Gen1 estate.
 */
final class OsCatalog {
    /** One OS choice. */
    record Os(String osType, String osName, String osVersion, String image, int weight) {
        boolean windows() {
            return osType.equals("Windows");
        }
    }

    static final List<Os> ALL = List.of(
            new Os("Windows", "Windows Server 2019 Datacenter", "10.0.17763.6054",
                    "MicrosoftWindowsServer:WindowsServer:2019-Datacenter:latest", 25),
            new Os("Windows", "Windows Server 2022 Datacenter", "10.0.20348.2527",
                    "MicrosoftWindowsServer:WindowsServer:2022-datacenter:latest", 20),
            new Os("Windows", "Windows Server 2016 Datacenter", "10.0.14393.7070",
                    "MicrosoftWindowsServer:WindowsServer:2016-Datacenter:latest", 8),
            new Os("Windows", "Windows 10 Enterprise", "10.0.19045.4529",
                    "MicrosoftWindowsDesktop:Windows-10:win10-22h2-ent:latest", 4),
            new Os("Windows", "Windows 11 Enterprise", "10.0.22631.3737",
                    "MicrosoftWindowsDesktop:Windows-11:win11-23h2-ent:latest", 3),
            new Os("Linux", "ubuntu", "20.04", "Canonical:0001-com-ubuntu-server-focal:20_04-lts:latest", 12),
            new Os("Linux", "ubuntu", "22.04", "Canonical:0001-com-ubuntu-server-jammy:22_04-lts:latest", 10),
            new Os("Linux", "redhat", "8.10", "RedHat:RHEL:8_10:latest", 8),
            new Os("Linux", "sles", "15.5", "SUSE:sles-15-sp5:gen1:latest", 5),
            new Os("Linux", "debian", "11", "Debian:debian-11:11:latest", 5));

    private OsCatalog() {
    }
}
