package dev.trustlift.disk.partition.mbr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.disk.io.CorruptImageException;
import dev.trustlift.disk.io.MemoryBlockDevice;
import dev.trustlift.disk.partition.Extent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class EbrChainTest {
    private static final long MIB = 2048;
    private final MemoryBlockDevice disk = new MemoryBlockDevice(64L << 20, 512);
    private final Extent container = new Extent(MIB, 64 * MIB - 1);

    /** Writes an EBR at {@code ebr} for a logical at {@code start} of {@code sectors}, linking to {@code next} (0 = end). */
    private void ebr(long ebr, long start, long sectors, long next) throws IOException {
        MbrPartitionEntry logical = MbrPartitionEntry.of(false, 0x83, start - ebr, sectors, start);
        MbrPartitionEntry link = next == 0 ? MbrPartitionEntry.EMPTY
                : MbrPartitionEntry.of(false, 0x05, next - container.first(), 2048, next);
        disk.write(ebr * 512, new ExtendedBootRecord(logical, link).toBytes());
    }

    @Test
    void followsTheChainAndNumbersLogicalsFromFive() throws IOException {
        ebr(MIB, 2 * MIB, MIB * 10, 12 * MIB);
        ebr(12 * MIB, 13 * MIB, MIB * 10, 23 * MIB);
        ebr(23 * MIB, 24 * MIB, MIB * 40, 0);
        List<MbrPartition> logicals = EbrChain.read(disk, container);
        assertEquals(List.of(5, 6, 7), logicals.stream().map(MbrPartition::number).toList());
        assertEquals(new Extent(13 * MIB, 23 * MIB - 1), logicals.get(1).extent());
        assertTrue(logicals.stream().allMatch(p -> p.kind() == MbrPartition.Kind.LOGICAL));
    }

    @Test
    void aLoopIsDetectedNotFollowedForever() throws IOException {
        ebr(MIB, 2 * MIB, MIB * 10, 12 * MIB);
        ebr(12 * MIB, 13 * MIB, MIB * 10, MIB + 0); // back to the first EBR
        // the link to the container's first sector is refused as pointing outside; a link to the second EBR loops
        ebr(12 * MIB, 13 * MIB, MIB * 10, 12 * MIB);
        CorruptImageException e = assertThrows(CorruptImageException.class, () -> EbrChain.read(disk, container));
        assertTrue(e.getMessage().contains("loops back to the EBR at LBA " + 12 * MIB), e.getMessage());
    }

    @Test
    void linksAndLogicalsOutsideTheContainerAreRefused() throws IOException {
        ebr(MIB, 2 * MIB, MIB * 10, 200 * MIB);
        assertThrows(CorruptImageException.class, () -> EbrChain.read(disk, container));
        ebr(MIB, 2 * MIB, MIB * 100, 0);
        CorruptImageException e = assertThrows(CorruptImageException.class, () -> EbrChain.read(disk, container));
        assertTrue(e.getMessage().contains("outside its extended partition"), e.getMessage());
    }

    @Test
    void aMissingSignatureInTheChainIsCorruptButABlankFirstEbrIsAnEmptyContainer() throws IOException {
        assertEquals(List.of(), EbrChain.read(disk, container));
        ebr(MIB, 2 * MIB, MIB * 10, 12 * MIB);
        disk.write(12 * MIB * 512, ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertThrows(CorruptImageException.class, () -> EbrChain.read(disk, container));
    }

    @Test
    void ebrRoundTrips() {
        ExtendedBootRecord ebr = new ExtendedBootRecord(MbrPartitionEntry.of(false, 0x83, 2048, 4096, 8192),
                MbrPartitionEntry.of(false, 0x05, 10240, 4096, 12288));
        assertEquals(ebr, ExtendedBootRecord.parse(ebr.toBytes()));
    }
}
