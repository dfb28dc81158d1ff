package dev.trustlift.disk.validate;

import dev.trustlift.disk.partition.Sizes;

/**
 * What the user asked for: target OS, ESP size (null = MBR2GPT's default, 100 MiB on 512-byte
 * sectors and 260 MiB on 4Kn, the smallest FAT32 ESP those sector sizes allow) and MiB to grow
 * the disk by before converting.
 */
public record ConversionOptions(TargetOs os, Long espMib, long growMib) {
    public static final long DEFAULT_ESP_MIB_512 = 100;
    public static final long DEFAULT_ESP_MIB_4K = 260;

    public ConversionOptions {
        if (espMib != null && (espMib < 33 || espMib > 4096)) {
            throw new IllegalArgumentException("ESP size " + espMib + " MiB is outside 33..4096 MiB");
        }
        if (growMib < 0) {
            throw new IllegalArgumentException("cannot grow by a negative size: " + growMib + " MiB");
        }
    }

    public static ConversionOptions of(TargetOs os) {
        return new ConversionOptions(os, null, 0);
    }

    public long espMib(int sectorSize) {
        if (espMib != null) {
            return espMib;
        }
        return sectorSize == 4096 ? DEFAULT_ESP_MIB_4K : DEFAULT_ESP_MIB_512;
    }

    public long espSectors(int sectorSize) {
        return espMib(sectorSize) * Sizes.MIB / sectorSize;
    }

    public long growSectors(int sectorSize) {
        return growMib * Sizes.MIB / sectorSize;
    }
}
