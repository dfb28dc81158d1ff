package dev.trustlift.disk.partition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GuidTest {
    /** The byte layout the UEFI spec gives for the ESP type GUID. */
    private static final String ESP_BYTES = "28732ac11ff8d211ba4b00a0c93ec93b";

    @Test
    void writesTheMixedEndianLayoutOfTheSpec() {
        ByteBuffer buf = ByteBuffer.allocate(16);
        GptType.EFI_SYSTEM.guid().writeTo(buf);
        assertEquals(ESP_BYTES, HexFormat.of().formatHex(buf.array()));
    }

    @Test
    void parsesTheMixedEndianLayoutOfTheSpec() {
        Guid g = Guid.parse(ByteBuffer.wrap(HexFormat.of().parseHex(ESP_BYTES)));
        assertEquals("C12A7328-F81F-11D2-BA4B-00A0C93EC93B", g.toString());
    }

    @Test
    void roundTripsRandomGuidsAndAdvancesThePosition() {
        Random r = new Random(7);
        for (int i = 0; i < 100; i++) {
            Guid g = Guid.random(r);
            ByteBuffer buf = ByteBuffer.allocate(20).position(2);
            g.writeTo(buf);
            assertEquals(18, buf.position());
            assertEquals(g, Guid.parse(buf.position(2)));
            assertEquals(4, g.value().version());
            assertEquals(2, g.value().variant());
        }
    }

    @Test
    void seededRandomIsReproducibleAndUnique() {
        assertEquals(Guid.random(new Random(1)), Guid.random(new Random(1)));
        Random r = new Random(1);
        assertNotEquals(Guid.random(r), Guid.random(r));
        assertArrayEquals(new byte[16], toBytes(Guid.ZERO));
    }

    private static byte[] toBytes(Guid g) {
        ByteBuffer b = ByteBuffer.allocate(16);
        g.writeTo(b);
        return b.array();
    }
}
