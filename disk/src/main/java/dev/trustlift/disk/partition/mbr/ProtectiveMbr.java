package dev.trustlift.disk.partition.mbr;

import dev.trustlift.disk.partition.MbrType;
import java.util.List;

/**
 * The MBR a GPT disk carries so MBR-only tools see the whole disk as taken: one 0xEE entry,
 * status 0, start CHS 0/0/2, end CHS of the last LBA (FF FF FF when it has none, as UEFI and
 * gdisk write), start LBA 1, size min(N-1, 0xFFFFFFFF), other entries zero.
 *
 * <p>The boot code of the disk's old MBR is kept, as gdisk does: GRUB's boot.img there is
 * GPT-aware and finds core.img on the BIOS boot partition after grub-install, and a Windows MBR
 * boot code is harmless on a UEFI boot. The disk signature is zeroed, as gdisk does: it is
 * the MBR-scheme identity (Windows MountedDevices keys, PARTUUID=xxxxxxxx-0N) and, once the
 * partitions are GPT ones with new GUIDs, keeping it would only let stale references look valid.
 */
public final class ProtectiveMbr {
    private ProtectiveMbr() {
    }

    public static MasterBootRecord forDisk(long sectors, byte[] bootCode) {
        long size = Math.min(sectors - 1, MbrPartitionEntry.MAX_U32);
        Chs end = Chs.ofLba(sectors - 1);
        MbrPartitionEntry ee = new MbrPartitionEntry(0, Chs.ofLba(1), MbrType.GPT_PROTECTIVE,
                end.equals(Chs.MAX) ? Chs.UNREPRESENTABLE : end, 1, size);
        return MasterBootRecord.of(bootCode, 0, List.of(ee, MbrPartitionEntry.EMPTY, MbrPartitionEntry.EMPTY,
                MbrPartitionEntry.EMPTY));
    }

    /** True when the MBR holds exactly one used entry and it is 0xEE: a pure (not hybrid) GPT. */
    public static boolean isProtective(MasterBootRecord mbr) {
        List<MbrPartitionEntry> used = mbr.entries().stream().filter(MbrPartitionEntry::isUsed).toList();
        return used.size() == 1 && used.get(0).type() == MbrType.GPT_PROTECTIVE;
    }

    public static boolean hasProtectiveEntry(MasterBootRecord mbr) {
        return mbr.entries().stream().anyMatch(e -> e.isUsed() && e.type() == MbrType.GPT_PROTECTIVE);
    }
}
