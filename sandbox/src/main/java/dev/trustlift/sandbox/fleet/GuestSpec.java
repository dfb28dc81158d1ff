package dev.trustlift.sandbox.fleet;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What simulated in-guest commands see. {@code unmovableTailMb}: space at the end of C: held by
 * files that block shrinking until the volume is defragmented. {@code secureBootCerts2023}
 * (default true): the firmware db holds the 2023 Microsoft certificates and the Windows boot
 * manager is signed by Windows UEFI CA 2023. {@code disabledServices}: Windows services set to
 * Disabled among {@code vds} and {@code defragsvc} (then MBR2GPT cannot shrink C:).
 * {@code systemReservedTakesD}: the known issue where, after MBR2GPT's conversion, the old System
 * Reserved partition comes up with D: at the next boot (the temporary disk gets E:, the page file
 * setting D:\pagefile.sys now points at System Reserved). {@code setupLogKb}: KiB of earlier
 * Windows setup history already in %windir%\setupact.log and setuperr.log, where MBR2GPT appends
 * its own lines (so fetching them takes several Run Command outputs).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GuestSpec(String engine, String bitlocker, Integer freeSpaceMb, Integer unmovableTailMb,
                        Boolean fstabUsesPartuuid, Boolean secureBootCerts2023, List<String> disabledServices,
                        Boolean systemReservedTakesD, Integer setupLogKb) {

    public GuestSpec(String engine, String bitlocker, Integer freeSpaceMb, Integer unmovableTailMb, Boolean fstabUsesPartuuid) {
        this(engine, bitlocker, freeSpaceMb, unmovableTailMb, fstabUsesPartuuid, null, null, null, null);
    }
}
