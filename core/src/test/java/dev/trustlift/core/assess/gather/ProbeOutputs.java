package dev.trustlift.core.assess.gather;

/** Probe outputs in the real commands' formats, for tests of what consumes them. */
final class ProbeOutputs {
    private ProbeOutputs() {
    }

    /** A Windows MBR disk: active System Reserved and C:, 20,000 MiB free, all of it shrinkable; BitLocker as given (1 = on). */
    static String windowsMbr(int protectionStatus) {
        return ProbeOutputTest.section(GuestProbe.GET_DISK, "{\"Number\":0,\"PartitionStyle\":1,\"LogicalSectorSize\":512,"
                + "\"Size\":136365211648}")
                + ProbeOutputTest.section(GuestProbe.GET_PARTITION, "[{\"PartitionNumber\":1,\"DriveLetter\":\"\\u0000\","
                + "\"Offset\":1048576,\"Size\":524288000,\"MbrType\":7,\"GptType\":null,\"IsActive\":true},"
                + "{\"PartitionNumber\":2,\"DriveLetter\":\"C\",\"Offset\":525336576,\"Size\":135838859264,\"MbrType\":7,"
                + "\"GptType\":null,\"IsActive\":false}]")
                + ProbeOutputTest.section(GuestProbe.GET_VOLUME, "{\"DriveLetter\":\"C\",\"Size\":135838859264,"
                + "\"SizeRemaining\":20971520000}")
                + ProbeOutputTest.section(GuestProbe.SUPPORTED_SIZE, "{\"SizeMin\":114867339264,\"SizeMax\":135838859264}")
                + ProbeOutputTest.section(GuestProbe.BITLOCKER, "{\"MountPoint\":\"C:\",\"VolumeStatus\":" + protectionStatus
                + ",\"ProtectionStatus\":" + protectionStatus + "}");
    }
}
