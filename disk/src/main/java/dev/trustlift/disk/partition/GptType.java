package dev.trustlift.disk.partition;

import java.util.Optional;

/** The GPT partition types the engine creates or maps to, with gdisk's type codes and names. */
public enum GptType {
    BASIC_DATA("EBD0A0A2-B9E5-4433-87C0-68B6B72699C7", "0700", "Microsoft basic data"),
    WINDOWS_RE("DE94BBA4-06D1-4D40-A16A-BFD50179D6AC", "2700", "Windows RE"),
    LDM_DATA("AF9B60A0-1431-4F62-BC68-3311714A69AD", "4201", "Windows LDM data"),
    EFI_SYSTEM("C12A7328-F81F-11D2-BA4B-00A0C93EC93B", "EF00", "EFI system partition"),
    BIOS_BOOT("21686148-6449-6E6F-744E-656564454649", "EF02", "BIOS boot partition"),
    LINUX_FILESYSTEM("0FC63DAF-8483-4772-8E79-3D69D8477DE4", "8300", "Linux filesystem"),
    LINUX_SWAP("0657FD6D-A4AB-43C4-84E5-0933C84B4F4F", "8200", "Linux swap"),
    LINUX_LVM("E6D6D379-F507-44C2-A23C-238F2A3DF928", "8E00", "Linux LVM"),
    LINUX_RAID("A19D880F-05FC-4D3B-A006-743F0F84911E", "FD00", "Linux RAID");

    /** MBR2GPT gives WinRE these attributes: required by the platform (bit 0), no drive letter (bit 63). */
    public static final long WINRE_ATTRIBUTES = 0x8000000000000001L;

    private final Guid guid;
    private final String code;
    private final String displayName;

    GptType(String guid, String code, String displayName) {
        this.guid = Guid.of(guid);
        this.code = code;
        this.displayName = displayName;
    }

    public Guid guid() {
        return guid;
    }

    /** gdisk's four-hex-digit type code, e.g. EF00. */
    public String code() {
        return code;
    }

    public String displayName() {
        return displayName;
    }

    public static Optional<GptType> of(Guid guid) {
        for (GptType t : values()) {
            if (t.guid.equals(guid)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** "EF00 EFI system partition", or the bare GUID for a type we do not name. */
    public static String describe(Guid guid) {
        return of(guid).map(t -> t.code + " " + t.displayName).orElse(guid.toString());
    }
}
