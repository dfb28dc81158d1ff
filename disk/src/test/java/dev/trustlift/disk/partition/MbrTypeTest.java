package dev.trustlift.disk.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MbrTypeTest {

    @Test
    void windowsRecognizesWhatWinioctlDoes() {
        for (int t : new int[] {0x01, 0x04, 0x06, 0x07, 0x0B, 0x0C, 0x0E, 0x27, 0x28, 0x2D, 0xEF}) {
            assertTrue(MbrType.isWindowsRecognized(t), MbrType.hex(t));
        }
        for (int t : new int[] {0x05, 0x0F, 0x42, 0x82, 0x83, 0x8E, 0x17, 0x2E}) {
            assertFalse(MbrType.isWindowsRecognized(t), MbrType.hex(t));
        }
    }

    @Test
    void mappingsFollowMbr2gptAndGdisk() {
        assertEquals(Optional.of(GptType.BASIC_DATA), MbrType.forWindows(0x07));
        assertEquals(Optional.of(GptType.WINDOWS_RE), MbrType.forWindows(0x27));
        assertEquals(Optional.of(GptType.EFI_SYSTEM), MbrType.forWindows(0xEF));
        assertEquals(Optional.empty(), MbrType.forWindows(0x83));
        assertEquals(Optional.of(GptType.LINUX_FILESYSTEM), MbrType.forGdisk(0x83));
        assertEquals(Optional.of(GptType.LINUX_SWAP), MbrType.forGdisk(0x82));
        assertEquals(Optional.of(GptType.LINUX_LVM), MbrType.forGdisk(0x8E));
        assertEquals(Optional.of(GptType.LINUX_RAID), MbrType.forGdisk(0xFD));
        assertEquals(Optional.of(GptType.LDM_DATA), MbrType.forGdisk(0x42));
        assertEquals(Optional.of(GptType.BASIC_DATA), MbrType.forGdisk(0x17));
        assertEquals(Optional.empty(), MbrType.forGdisk(0xA5));
        assertEquals("21686148-6449-6E6F-744E-656564454649", GptType.BIOS_BOOT.guid().toString());
        assertEquals("EF02 BIOS boot partition", GptType.describe(GptType.BIOS_BOOT.guid()));
    }
}
