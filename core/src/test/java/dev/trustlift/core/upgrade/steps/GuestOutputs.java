package dev.trustlift.core.upgrade.steps;

/** Guest script outputs in the shapes the real commands print (as the guest parsers' own tests use them). */
final class GuestOutputs {
    private GuestOutputs() {
    }

    /** verify-guest.ps1 on a UEFI guest with a TPM 2.0. */
    static String verifyWindows(boolean secureBoot, boolean certs2023) {
        String issuer = certs2023 ? "CN=Windows UEFI CA 2023, O=Microsoft Corporation, C=US"
                : "CN=Microsoft Windows Production PCA 2011, O=Microsoft Corporation, L=Redmond, S=Washington, C=US";
        return "== $env:firmware_type ==\nUEFI\n"
                + "== Confirm-SecureBootUEFI ==\n" + (secureBoot ? "True" : "False") + "\n"
                + "== Get-Tpm ==\n{\"TpmPresent\":true,\"TpmReady\":true}\n"
                + "== Win32_Tpm SpecVersion ==\n{\"SpecVersion\":\"2.0, 0, 1.38\"}\n"
                + "== db has Windows UEFI CA 2023 ==\n" + (certs2023 ? "True" : "False") + "\n"
                + "== bootmgfw.efi signature ==\n{\"Status\":0,\"StatusMessage\":\"Signature verified.\"}\n"
                + "== bootmgfw.efi signer ==\n{\"Subject\":\"CN=Microsoft Windows, O=Microsoft Corporation, L=Redmond, "
                + "S=Washington, C=US\",\"Issuer\":\"" + issuer + "\"}\n";
    }

    /** verify-guest.ps1 on a guest that booted BIOS (the conversion did not take). */
    static final String VERIFY_WINDOWS_BIOS = "== $env:firmware_type ==\nLegacy\n"
            + "== Confirm-SecureBootUEFI ==\nCmdlet not supported on this platform: 0xC0000002\n"
            + "== Get-Tpm ==\n{\"TpmPresent\":false,\"TpmReady\":false}\n"
            + "== Win32_Tpm SpecVersion ==\n"
            + "== db has Windows UEFI CA 2023 ==\nCmdlet not supported on this platform: 0xC0000002\n";

    static final String VERIFY_LINUX = "== firmware ==\nUEFI\n== mokutil --sb-state ==\nSecureBoot enabled\n"
            + "== tpm_version_major ==\n2\n== mokutil --db Subject ==\n"
            + "        Subject: C=US, O=Microsoft Corporation, CN=Microsoft UEFI CA 2023\n";

    static final String INFO_ENABLED = """
            Windows Recovery Environment (Windows RE) and system reset configuration
            Information:

                Windows RE status:         Enabled
                Windows RE location:       \\\\?\\GLOBALROOT\\device\\harddisk0\\partition1\\Recovery\\WindowsRE
                Boot Configuration Data (BCD) identifier: 8a0fc2b1-1c4e-11ee-9d3b-000d3a5c1e2f
                Recovery image location:
                Recovery image index:      0

            REAGENTC.EXE: Operation Successful.
            """;

    /** winre-resync.ps1 that found WinRE out of sync and resynced it; {@code xmlIdAfter} is ReAgent.xml's id afterwards. */
    static String winReResynced(String xmlIdAfter) {
        return "== reagentc /info (before) ==\n" + INFO_ENABLED.replace("Enabled", "Disabled")
                + "== ReAgent.xml WinreBCD id (before) ==\n{00000000-0000-0000-0000-000000000000}\n"
                + "== reagentc /disable ==\nREAGENTC.EXE: Operation Successful.\n"
                + "== reagentc /enable ==\nREAGENTC.EXE: Operation Successful.\n"
                + "== reagentc /info ==\n" + INFO_ENABLED + "== ReAgent.xml WinreBCD id ==\n{" + xmlIdAfter + "}\n";
    }

    /** drive-letter-fix.ps1's sections; JSON as ConvertTo-Json -Compress prints it, "" for no object. */
    static String driveLetters(String dBefore, String pageBefore, String dAfter, String pageAfter, String temp) {
        return "== Get-Partition -DriveLetter D (before) ==\n" + dBefore + "\n== Win32_PageFileSetting (before) ==\n" + pageBefore
                + "\n== Get-Partition -DriveLetter D ==\n" + dAfter + "\n== Win32_PageFileSetting ==\n" + pageAfter
                + "\n== Get-Volume Temporary Storage ==\n" + temp + "\n";
    }

    static String partition(int disk, int number, long size) {
        return "{\"DiskNumber\":" + disk + ",\"PartitionNumber\":" + number + ",\"Size\":" + size + "}";
    }

    static String pageFile(String drive) {
        return "{\"Name\":\"" + drive + ":\\\\pagefile.sys\"}";
    }

    static String tempVolume(String letter) {
        return "{\"DriveLetter\":\"" + letter + "\",\"FileSystemLabel\":\"Temporary Storage\"}";
    }
}
