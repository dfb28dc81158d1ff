package dev.trustlift.disk.fs.fat32;

import java.time.LocalDateTime;

/**
 * FAT's packed local date and time: date = (year - 1980) << 9 | month << 5 | day, time = hour << 11
 * | minute << 5 | seconds / 2. Years outside 1980..2107 cannot be stored and are clamped.
 */
final class DosTimestamp {
    private static final LocalDateTime EPOCH = LocalDateTime.of(1980, 1, 1, 0, 0);
    private static final LocalDateTime LAST = LocalDateTime.of(2107, 12, 31, 23, 59, 58);

    private DosTimestamp() {
    }

    static short date(LocalDateTime t) {
        LocalDateTime c = clamp(t);
        return (short) (((c.getYear() - 1980) << 9) | (c.getMonthValue() << 5) | c.getDayOfMonth());
    }

    static short time(LocalDateTime t) {
        LocalDateTime c = clamp(t);
        return (short) ((c.getHour() << 11) | (c.getMinute() << 5) | (c.getSecond() / 2));
    }

    /** Decodes a packed date and time; a zero or impossible date reads as 1980-01-01 00:00. */
    static LocalDateTime decode(short date, short time) {
        int d = Short.toUnsignedInt(date);
        int t = Short.toUnsignedInt(time);
        try {
            return LocalDateTime.of(1980 + (d >>> 9), (d >>> 5) & 0xF, d & 0x1F, t >>> 11, (t >>> 5) & 0x3F, (t & 0x1F) * 2);
        } catch (java.time.DateTimeException e) {
            return EPOCH;
        }
    }

    private static LocalDateTime clamp(LocalDateTime t) {
        if (t.isBefore(EPOCH)) return EPOCH;
        if (t.isAfter(LAST)) return LAST;
        return t.withNano(0).withSecond(t.getSecond() & ~1);
    }
}
