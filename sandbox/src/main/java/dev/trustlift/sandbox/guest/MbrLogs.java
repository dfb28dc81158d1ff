package dev.trustlift.sandbox.guest;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * MBR2GPT's logs on the simulated guest: every run appends its lines to %windir%\setupact.log with
 * the disk's partitions as the tool read them, and its error lines to setuperr.log. The line format
 * (time stamp, level, message) follows Windows setup logs; the detail lines are a guess.
 */
final class MbrLogs {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private MbrLogs() {
    }

    static void record(GuestState guest, DiskLayout disk, int diskNumber, ScriptResult r) {
        String now = LocalDateTime.now().format(TIME);
        List<String> act = new ArrayList<>();
        List<String> err = new ArrayList<>();
        for (String line : r.stdout()) {
            boolean error = r.exitCode() != 0 && line.equals(r.stdout().get(r.stdout().size() - 1));
            act.add(now + ", " + (error ? "Error" : "Info ") + "                 " + line);
            if (line.startsWith("MBR2GPT: Retrieving layout of disk") && diskNumber == 0) {
                act.add(now + ", Info                  MBR2GPT: Disk " + diskNumber + ": " + disk.scheme() + ", " + disk.sectors()
                        + " sectors of " + disk.sectorSize() + " bytes");
                for (DiskLayout.Part p : disk.parts()) {
                    act.add(now + ", Info                  MBR2GPT: Partition " + p.number() + ": type 0x" + p.type()
                            + ", start LBA " + p.start() + ", " + p.sectors() + " sectors" + (p.active() ? ", active" : ""));
                }
            }
            if (error) {
                err.add(now + ", Error                 " + line);
            }
        }
        act.add(now + ", Info                  MBR2GPT: Exit code " + r.exitCode());
        guest.appendLog("setupact.log", act);
        if (!err.isEmpty()) {
            guest.appendLog("setuperr.log", err);
        }
    }
}
