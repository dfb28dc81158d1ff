package dev.trustlift.sandbox.guest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Who holds D: on the simulated Windows guest, and the page file. Azure puts the page file on the
 * temporary disk, D: (disk 1, "Temporary Storage"). The known issue (guest.systemReservedTakesD):
 * after MBR2GPT converted the OS disk, the old System Reserved partition takes D: at the next boot
 * and the temporary disk comes up as E:. Page file settings (Win32_PageFileSetting) change at once;
 * the page file in use follows them only at a boot, and a volume holding it cannot give up its letter.
 */
final class DriveLetters {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The temporary disk's size: the sandbox's fixed guess (Azure's depends on the size). */
    static final long TEMP_DISK_BYTES = 16L << 30;

    private final boolean systemReservedTakesD;
    private final List<String> pageFileSettings = new ArrayList<>(List.of("D:\\pagefile.sys"));
    private String pageFileInUse = "D";
    private boolean takeDAtNextBoot;
    private boolean systemReservedHasD;
    private String tempDiskLetter = "D";

    DriveLetters(boolean systemReservedTakesD) {
        this.systemReservedTakesD = systemReservedTakesD;
    }

    /** MBR2GPT converted the OS disk: with the known issue, System Reserved takes D: when Windows next boots. */
    synchronized void converted() {
        takeDAtNextBoot = systemReservedTakesD;
    }

    /** The guest booted (start or restart): pending letters are assigned and the page file settings take effect. */
    synchronized void booted() {
        if (takeDAtNextBoot) {
            takeDAtNextBoot = false;
            systemReservedHasD = true;
            tempDiskLetter = "E";
        }
        pageFileInUse = pageFileSettings.isEmpty() ? null : pageFileSettings.get(0).substring(0, 1).toUpperCase(Locale.ROOT);
    }

    synchronized boolean systemReservedHasD() {
        return systemReservedHasD;
    }

    synchronized String tempDiskLetter() {
        return tempDiskLetter;
    }

    /** Get-CimInstance -ClassName Win32_PageFileSetting: one object per setting, as Name (e.g. "D:\pagefile.sys"). */
    synchronized List<ObjectNode> pageFileSettings() {
        List<ObjectNode> out = new ArrayList<>();
        for (String name : pageFileSettings) {
            out.add(JSON.createObjectNode().put("Name", name).put("InitialSize", 0).put("MaximumSize", 0));
        }
        return out;
    }

    /** {@code ... | Remove-CimInstance} of page file settings. */
    synchronized void removePageFiles(List<ObjectNode> settings) {
        settings.forEach(s -> pageFileSettings.removeIf(n -> n.equalsIgnoreCase(s.path("Name").asText())));
    }

    /** New-CimInstance -ClassName Win32_PageFileSetting -Property @{ Name = '...'; ... }. */
    synchronized ObjectNode newPageFile(String name) {
        if (pageFileSettings.stream().noneMatch(n -> n.equalsIgnoreCase(name))) {
            pageFileSettings.add(name);
        }
        return JSON.createObjectNode().put("Name", name);
    }

    /**
     * Remove-PartitionAccessPath -AccessPath 'D:\' of the OS disk's System Reserved partition. A
     * volume with the page file in use cannot lose its letter until the page file moved and Windows
     * rebooted (the wording is a guess).
     */
    synchronized void removeD(boolean systemReserved) {
        if (!systemReserved || !systemReservedHasD) {
            throw new PsError("The access path is not valid.");
        }
        if ("D".equals(pageFileInUse)) {
            throw new PsError("The requested access path is in use by the paging file. Move the page file and restart first.");
        }
        systemReservedHasD = false;
    }

    /** {@code Get-Partition -Volume $t | Set-Partition -NewDriveLetter X} on the temporary disk. */
    synchronized void setTempDiskLetter(String letter) {
        String l = letter.toUpperCase(Locale.ROOT);
        if (l.equals(tempDiskLetter)) {
            return;
        }
        if (l.equals("C") || (l.equals("D") && systemReservedHasD)) {
            throw new PsError("The requested access path is already in use.");
        }
        tempDiskLetter = l;
    }

    /**
     * The page file and drive letter commands drive-letter-fix.ps1 sends, as the first command of
     * a pipeline; null for any other command. {@code args} are evaluated, lower-cased names.
     */
    static Object command(String name, String statement, java.util.Map<String, String> args, WindowsCmdlets cmdlets) {
        DriveLetters letters = cmdlets.letters();
        switch (name) {
            case "get-ciminstance" -> {
                return "Win32_PageFileSetting".equalsIgnoreCase(args.get("classname"))
                        ? new ArrayList<>(letters.pageFileSettings()) : null;
            }
            case "new-ciminstance" -> {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("Name = '([^']+)'").matcher(statement);
                if (!"Win32_PageFileSetting".equalsIgnoreCase(args.get("classname")) || !m.find()) {
                    return null;
                }
                return letters.newPageFile(m.group(1));
            }
            case "remove-partitionaccesspath" -> {
                DiskLayout.Part reserved = cmdlets.systemReserved();
                boolean onReserved = "0".equals(args.get("disknumber")) && reserved != null
                        && Integer.toString(reserved.number()).equals(args.get("partitionnumber"));
                if (!"D:\\".equalsIgnoreCase(args.get("accesspath"))) {
                    return null;
                }
                letters.removeD(onReserved);
                return WindowsTools.NOTHING;
            }
            default -> {
                return null;
            }
        }
    }

    /** {@code | Set-Partition -NewDriveLetter X}: only the temporary disk's partition is emulated. */
    static boolean setPartitionLetter(List<ObjectNode> partitions, String arguments, DriveLetters letters) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)^-NewDriveLetter ([A-Z])$").matcher(arguments.strip());
        if (!m.matches() || partitions.stream().anyMatch(p -> p.path("DiskNumber").asInt() != 1)) {
            return false;
        }
        if (!partitions.isEmpty()) {
            letters.setTempDiskLetter(m.group(1));
        }
        return true;
    }

    /** The temporary disk's partition (disk 1, partition 1, an MBR NTFS partition), as Get-Partition reports it. */
    synchronized ObjectNode tempPartition() {
        return JSON.createObjectNode().put("DiskNumber", 1).put("PartitionNumber", 1).put("DriveLetter", tempDiskLetter)
                .put("Offset", 1024 * 1024).put("Size", TEMP_DISK_BYTES - 1024 * 1024).put("MbrType", 7).putNull("GptType")
                .put("IsActive", false).put("IsBoot", false);
    }

    /** The temporary disk's volume, as Get-Volume reports it. */
    synchronized ObjectNode tempVolume() {
        return JSON.createObjectNode().put("DriveLetter", tempDiskLetter).put("FileSystemLabel", "Temporary Storage")
                .put("FileSystemType", "NTFS").put("Size", TEMP_DISK_BYTES - 1024 * 1024)
                .put("SizeRemaining", TEMP_DISK_BYTES - (2L << 30));
    }
}
