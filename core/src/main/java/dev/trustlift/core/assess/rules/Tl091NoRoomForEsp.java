package dev.trustlift.core.assess.rules;

import dev.trustlift.core.assess.DiskLayout;
import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.GuestFacts;
import dev.trustlift.core.cloud.HyperVGeneration;
import dev.trustlift.core.assess.Rule;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.assess.VmFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * TL091: no room for the new partitions. Windows: MBR2GPT carves its ESP by shrinking C:, so C:
 * needs that much free space that is movable, and the backup GPT needs 33 sectors at the end.
 * Linux (plain MBR): the ESP and the backup GPT go after the last partition.
 */
public final class Tl091NoRoomForEsp implements Rule {
    static final long WINDOWS_ESP_MB = 100;
    static final long WINDOWS_ESP_4KN_MB = 260;
    static final long LINUX_ESP_MB = 200;
    /** GRUB's BIOS core image fits in this; the gap before a partition at 1 MiB is about 1007 KiB. */
    static final long BIOS_BOOT_MIN_KIB = 512;
    private static final long MIB = 1024 * 1024;

    @Override
    public String id() {
        return "TL091";
    }

    @Override
    public Optional<Finding> evaluate(VmFacts facts) {
        if (facts.osDisk().generation() == HyperVGeneration.V2) {
            return Optional.empty();
        }
        GuestFacts guest = facts.guest();
        if (guest == null || guest.layout() == null || (facts.windows() && guest.freeMb() == null)) {
            return Optional.empty(); // TL008 says what stayed unknown
        }
        if (guest.layout().style() != DiskLayout.Style.MBR) {
            return Optional.empty();
        }
        return facts.windows() ? windows(facts, guest) : linux(facts, guest.layout());
    }

    private Optional<Finding> windows(VmFacts facts, GuestFacts guest) {
        DiskLayout layout = guest.layout();
        long espMb = layout.sectorSize() == 4096 ? WINDOWS_ESP_4KN_MB : WINDOWS_ESP_MB;
        long unmovable = guest.unmovableTailMb() == null ? 0 : guest.unmovableTailMb();
        long movableFree = Math.max(0, guest.freeMb() - unmovable);
        boolean endRoom = layout.freeSectorsAtEnd() >= Mbr2GptLayoutCheck.firstUsableLba(layout.sectorSize()) - 1;
        if (movableFree >= espMb && endRoom) {
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        if (movableFree < espMb) {
            problems.add("C: has " + movableFree + " MiB of movable free space; MBR2GPT needs " + espMb
                    + " MiB to carve the EFI system partition");
            if (guest.freeMb() >= espMb) {
                fixes.add("upgrade defragments C: (Defrag C: /U /V, --make-room defrag) so MBR2GPT can shrink it by "
                        + espMb + " MiB");
            } else {
                long growMb = espMb - movableFree;
                // Growing the disk is not one of upgrade's --make-room modes (yet): say how to do it by hand.
                fixes.add("free " + growMb + " MiB on C:, or grow the OS disk" + growText(facts, growMb)
                        + " and extend C: before the upgrade");
            }
        }
        if (!endRoom) {
            problems.add("the last partition ends " + layout.freeSectorsAtEnd() + " sectors before the end of the disk; "
                    + "the backup GPT needs " + (Mbr2GptLayoutCheck.firstUsableLba(layout.sectorSize()) - 1));
            fixes.add("grow the OS disk" + growText(facts, 1) + " so the backup GPT fits");
        }
        return Optional.of(Finding.of(id(), Severity.AUTO_FIX, "no room for the EFI system partition: " + String.join("; ", problems))
                .evidence("freeMb", guest.freeMb())
                .evidence("unmovableTailMb", unmovable)
                .evidence("espMb", espMb)
                .evidence("freeSectorsAtEnd", layout.freeSectorsAtEnd())
                .remediation(String.join("; ", fixes))
                .build());
    }

    private Optional<Finding> linux(VmFacts facts, DiskLayout layout) {
        long frontGapBytes = (layout.firstUsedLba() - Mbr2GptLayoutCheck.firstUsableLba(layout.sectorSize()))
                * layout.sectorSize();
        boolean biosBootInFront = frontGapBytes >= BIOS_BOOT_MIN_KIB * 1024;
        long needMb = LINUX_ESP_MB + (biosBootInFront ? 0 : 1) + 1;
        long freeEndMb = layout.freeSectorsAtEnd() * layout.sectorSize() / MIB;
        if (freeEndMb >= needMb) {
            return Optional.empty();
        }
        long growMb = needMb - freeEndMb;
        return Optional.of(Finding.of(id(), Severity.AUTO_FIX, "no free space at the end of the disk for the ESP"
                        + (biosBootInFront ? "" : " and the BIOS boot partition") + ": " + freeEndMb + " MiB free, "
                        + needMb + " MiB needed")
                .evidence("freeAtEndMb", freeEndMb)
                .evidence("neededMb", needMb)
                .evidence("biosBootFitsInFront", biosBootInFront)
                .evidence("firstPartitionLba", layout.firstUsedLba())
                .remediation("grow the OS disk" + growText(facts, growMb) + " so the ESP"
                        + (biosBootInFront ? "" : " and the BIOS boot partition") + " fit after the last partition")
                .build());
    }

    /**
     * " by N MiB (from X GiB to Y GiB; az disk update ... --size-gb Y with the VM deallocated)": Azure
     * disk sizes are whole GiB, and a disk grows only while its VM is deallocated.
     */
    private static String growText(VmFacts facts, long growMb) {
        int sizeGb = facts.osDisk().sizeGb();
        if (sizeGb <= 0) {
            return " by " + growMb + " MiB";
        }
        long newGb = sizeGb + (growMb + 1023) / 1024;
        return " by " + growMb + " MiB (from " + sizeGb + " GiB to " + newGb + " GiB; az disk update -g "
                + facts.ref().resourceGroup() + " -n " + facts.osDisk().name() + " --size-gb " + newGb
                + " with the VM deallocated)";
    }
}
