package dev.trustlift.sandbox.guest;

import dev.trustlift.sandbox.fleet.GuestSpec;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the simulated OS knows beyond the partition table; changed by scripts (defrag, shrink,
 * conversion, service start types) and by MBR2GPT's logs in %windir%.
 */
public final class GuestState {
    private final String bitlocker;
    private long freeSpaceMb;
    private long unmovableTailMb;
    private final boolean fstabUsesPartuuid;
    private final boolean secureBootCerts2023;
    private final Set<String> disabledServices = new HashSet<>();
    private final Map<String, StringBuilder> logs = new HashMap<>();
    private boolean winreEnabled = true;
    private boolean reAgentXmlInSync = true;
    private final DriveLetters letters;

    public GuestState(GuestSpec spec) {
        GuestSpec s = spec == null ? new GuestSpec(null, null, null, null, null) : spec;
        this.letters = new DriveLetters(Boolean.TRUE.equals(s.systemReservedTakesD()));
        this.bitlocker = s.bitlocker() == null ? "off" : s.bitlocker();
        this.freeSpaceMb = s.freeSpaceMb() == null ? 20_000 : s.freeSpaceMb();
        this.unmovableTailMb = s.unmovableTailMb() == null ? 0 : s.unmovableTailMb();
        this.fstabUsesPartuuid = s.fstabUsesPartuuid() != null && s.fstabUsesPartuuid();
        this.secureBootCerts2023 = s.secureBootCerts2023() == null || s.secureBootCerts2023();
        if (s.disabledServices() != null) {
            disabledServices.addAll(s.disabledServices());
        }
        if (s.setupLogKb() != null && s.setupLogKb() > 0) {
            earlierSetupHistory(s.setupLogKb() * 1024);
        }
    }

    public synchronized String bitlocker() {
        return bitlocker;
    }

    public synchronized long freeSpaceMb() {
        return freeSpaceMb;
    }

    public synchronized long unmovableTailMb() {
        return unmovableTailMb;
    }

    public boolean fstabUsesPartuuid() {
        return fstabUsesPartuuid;
    }

    /** The firmware db holds the 2023 certificates and bootmgfw.efi is signed by Windows UEFI CA 2023. */
    public boolean secureBootCerts2023() {
        return secureBootCerts2023;
    }

    /** MiB that C: / root can give up by shrinking: free space not held behind unmovable files. */
    public synchronized long shrinkableMb() {
        return Math.max(0, freeSpaceMb - unmovableTailMb);
    }

    synchronized void consume(long mb) {
        freeSpaceMb = Math.max(0, freeSpaceMb - mb);
    }

    /** {@code Defrag C: /U /V} or {@code Optimize-Volume -Defrag} moves the files that blocked shrinking. */
    synchronized void defragment() {
        unmovableTailMb = 0;
    }

    public synchronized boolean serviceDisabled(String name) {
        return disabledServices.contains(name.toLowerCase(java.util.Locale.ROOT));
    }

    synchronized void setServiceManual(String name) {
        disabledServices.remove(name.toLowerCase(java.util.Locale.ROOT));
    }

    /** Drive letters and the page file (D:, the temporary disk, System Reserved). */
    DriveLetters letters() {
        return letters;
    }

    /** Windows booted (a start or a restart that reached the OS): letters and page file settings take effect. */
    public void booted() {
        letters.booted();
    }

    /** What /_sandbox/state shows of the letters: who holds D:, the temporary disk's letter. */
    public String driveD() {
        return letters.systemReservedHasD() ? "system-reserved" : "D".equals(letters.tempDiskLetter()) ? "temporary-disk"
                : "none";
    }

    public String tempDiskLetter() {
        return letters.tempDiskLetter();
    }

    public synchronized boolean winreEnabled() {
        return winreEnabled;
    }

    /** ReAgent.xml names WinRE's BCD entry; MBR2GPT's "Failed to update ReAgent.xml" leaves it stale. */
    public synchronized boolean reAgentXmlInSync() {
        return reAgentXmlInSync;
    }

    synchronized void reAgentXmlStale() {
        reAgentXmlInSync = false;
    }

    /** reagentc /disable and /enable: enabling rewrites ReAgent.xml for the current BCD entry. */
    synchronized void setWinre(boolean enabled) {
        winreEnabled = enabled;
        if (enabled) {
            reAgentXmlInSync = true;
        }
    }

    /** Appends lines to a log in %windir% (setupact.log, setuperr.log), as MBR2GPT does on every run. */
    synchronized void appendLog(String file, java.util.List<String> lines) {
        StringBuilder log = logs.computeIfAbsent(file.toLowerCase(java.util.Locale.ROOT), f -> new StringBuilder());
        lines.forEach(l -> log.append(l).append("\r\n"));
    }

    /**
     * %windir%'s setup logs as Windows setup left them before MBR2GPT ran: generic lines up to the
     * size asked for (their content is the sandbox's filler, not Windows' text).
     */
    private void earlierSetupHistory(int bytes) {
        for (String file : new String[] {"setupact.log", "setuperr.log"}) {
            java.util.List<String> lines = new java.util.ArrayList<>();
            int size = 0;
            for (int i = 0; size < bytes; i++) {
                String line = String.format("2024-02-29 23:%02d:%02d, %s                  SYSPRP sandbox: earlier setup "
                        + "history, line %d", (i / 60) % 60, i % 60, file.equals("setupact.log") ? "Info " : "Error", i + 1);
                lines.add(line);
                size += line.length() + 2;
            }
            appendLog(file, lines);
        }
    }

    /** A log's bytes, or null when the file does not exist. */
    synchronized byte[] log(String file) {
        StringBuilder log = logs.get(file.toLowerCase(java.util.Locale.ROOT));
        return log == null ? null : log.toString().getBytes(StandardCharsets.UTF_8);
    }
}
