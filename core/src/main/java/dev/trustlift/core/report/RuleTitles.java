package dev.trustlift.core.report;

import java.util.Map;

/** A few words per rule id for people scanning a report; the contract (assessment.md) is the full text. */
final class RuleTitles {
    private static final Map<String, String> TITLES = Map.ofEntries(
            Map.entry("TL000", "Could not be assessed"),
            Map.entry("TL001", "Already Trusted Launch"),
            Map.entry("TL002", "OS disk already Gen2"),
            Map.entry("TL003", "Confidential VM or scale-set member"),
            Map.entry("TL008", "Guest not checked"),
            Map.entry("TL010", "Legacy preview feature not registered (not needed)"),
            Map.entry("TL020", "Size not Trusted Launch capable"),
            Map.entry("TL021", "Size not offered or restricted here"),
            Map.entry("TL030", "Windows Server 2016"),
            Map.entry("TL031", "OS not supported"),
            Map.entry("TL032", "OS unknown"),
            Map.entry("TL040", "VM not running"),
            Map.entry("TL041", "VM agent not Ready"),
            Map.entry("TL050", "Standard backup policy"),
            Map.entry("TL060", "Azure Disk Encryption"),
            Map.entry("TL061", "BitLocker on the OS volume"),
            Map.entry("TL070", "Site Recovery replication"),
            Map.entry("TL080", "Unmanaged OS disk"),
            Map.entry("TL081", "Ephemeral OS disk"),
            Map.entry("TL082", "Linux hibernation"),
            Map.entry("TL083", "Secure Boot may need to be off"),
            Map.entry("TL090", "Disk layout not convertible"),
            Map.entry("TL091", "No room for the ESP"),
            Map.entry("TL092", "Linux disk is plain MBR"),
            Map.entry("TL093", "Linux disk already GPT"),
            Map.entry("TL100", "Gen1 image reference stays"),
            Map.entry("TL101", "Later in-place upgrade issues"),
            Map.entry("TL110", "ReadOnly lock"),
            Map.entry("TL120", "Availability set or zone"),
            Map.entry("TL130", "Excluded by tag"));

    private RuleTitles() {
    }

    /** The title, or the empty string for an id this version does not know. */
    static String of(String rule) {
        return TITLES.getOrDefault(rule, "");
    }
}
