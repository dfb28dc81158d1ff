package dev.trustlift.disk.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.disk.partition.Extent;
import dev.trustlift.disk.partition.gpt.GptGeometry;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SystemPartitionPlacerTest {

    @Test
    void gapsLieBetweenPartitionsInsideTheUsableRange() {
        List<Extent> gaps = FreeSpace.gaps(new Extent(34, 9966),
                List.of(new Extent(5000, 5999), new Extent(2048, 4095), new Extent(4000, 4500)));
        assertEquals(List.of(new Extent(34, 2047), new Extent(4501, 4999), new Extent(6000, 9966)), gaps);
        assertEquals(Optional.of(new Extent(6144, 6144 + 1000 - 1)), FreeSpace.firstFit(gaps, 1000, 2048));
        assertEquals(Optional.empty(), FreeSpace.firstFit(gaps, 4000, 2048));
        assertEquals(9966 - 6144 + 1, FreeSpace.largestAligned(gaps, 2048));
    }

    @Test
    void espGoesOnTheFirstMibBoundaryThatFitsAndBiosBootIntoTheFrontGap() {
        long n = 4 * 1024 * 2048;
        Placement p = SystemPartitionPlacer.place(512, n, List.of(new Extent(2048, 1_000_000)), 204800, true)
                .orElseThrow();
        assertEquals(new Extent(1001472, 1001472 + 204800 - 1), p.esp());
        assertEquals(new Extent(34, 2047), p.biosBoot());
        assertTrue(p.biosBootInGap());
    }

    @Test
    void withoutAFrontGapTheBiosBootPartitionTakesOneMibAfterTheEsp() {
        long n = 4 * 1024 * 2048;
        Placement p = SystemPartitionPlacer.place(512, n, List.of(new Extent(63, 1_000_000)), 204800, true)
                .orElseThrow();
        assertEquals(1001472, p.esp().first());
        assertEquals(new Extent(p.esp().last() + 1, p.esp().last() + 2048), p.biosBoot());
        assertFalse(p.biosBootInGap());
    }

    @Test
    void fourKnGapIsSixTo255() {
        assertEquals(Optional.of(new Extent(6, 255)),
                SystemPartitionPlacer.frontGap(new GptGeometry(4096, 100000), List.of(new Extent(256, 9000))));
        assertEquals(Optional.empty(),
                SystemPartitionPlacer.frontGap(new GptGeometry(4096, 100000), List.of(new Extent(200, 9000))));
    }

    @Test
    void nothingFitsWhenAPartitionCoversTheBackupGptAndGrowthIsTheAnswer() {
        long n = 1024 * 2048;
        List<Extent> root = List.of(new Extent(2048, n - 1));
        assertTrue(SystemPartitionPlacer.place(512, n, root, 0, false).isEmpty());
        assertEquals(1, SystemPartitionPlacer.minimumGrowMib(512, n, root, 0, false).getAsLong());
        assertEquals(101, SystemPartitionPlacer.minimumGrowMib(512, n, root, 204800, true).getAsLong());
        assertTrue(SystemPartitionPlacer.minimumGrowMib(512, n, List.of(new Extent(1, 100)), 204800, false).isEmpty());
    }
}
