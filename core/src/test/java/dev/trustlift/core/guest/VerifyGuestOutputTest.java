package dev.trustlift.core.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** verify-guest's answers in the shapes the real commands print (Windows PowerShell 5.1 JSON, mokutil, sysfs). */
class VerifyGuestOutputTest {

    @Test
    void aTrustedLaunchWindowsGuestWithThe2023Certificates() {
        GuestVerification v = VerifyGuestOutput.parseWindows("""
                == $env:firmware_type ==
                UEFI
                == Confirm-SecureBootUEFI ==
                True
                == Get-Tpm ==
                {"TpmPresent":true,"TpmReady":true}
                == Win32_Tpm SpecVersion ==
                {"SpecVersion":"2.0, 0, 1.38"}
                == db has Windows UEFI CA 2023 ==
                True
                == bootmgfw.efi signature ==
                {"Status":0,"StatusMessage":"Signature verified."}
                == bootmgfw.efi signer ==
                {"Subject":"CN=Microsoft Windows, O=Microsoft Corporation, L=Redmond, S=Washington, C=US","Issuer":"CN=Windows UEFI CA 2023, O=Microsoft Corporation, C=US"}
                """);
        assertEquals("UEFI", v.firmware());
        assertEquals(Boolean.TRUE, v.secureBoot());
        assertEquals(2, v.tpmMajorVersion());
        assertEquals(List.of(), v.upgradeProblems(true));
        assertEquals(List.of(), v.certificateProblems());
        assertEquals(List.of("Secure Boot is on, asked off"), v.upgradeProblems(false));
    }

    @Test
    void a2011BootChainIsACertificateProblemWithTheKbFix() {
        GuestVerification v = VerifyGuestOutput.parseWindows("""
                == $env:firmware_type ==
                UEFI
                == Confirm-SecureBootUEFI ==
                False
                == Get-Tpm ==
                {"TpmPresent":true,"TpmReady":true}
                == Win32_Tpm SpecVersion ==
                {"SpecVersion":"2.0, 0, 1.59"}
                == db has Windows UEFI CA 2023 ==
                False
                == bootmgfw.efi signature ==
                {"Status":0,"StatusMessage":"Signature verified."}
                == bootmgfw.efi signer ==
                {"Subject":"CN=Microsoft Windows, O=Microsoft Corporation, L=Redmond, S=Washington, C=US","Issuer":"CN=Microsoft Windows Production PCA 2011, O=Microsoft Corporation, L=Redmond, S=Washington, C=US"}
                """);
        assertEquals(Boolean.FALSE, v.secureBoot());
        assertEquals(List.of("the firmware db lacks the 2023 Microsoft UEFI CA certificate",
                "the Windows boot manager is not signed by Windows UEFI CA 2023"), v.certificateProblems());
        assertTrue(GuestVerification.CERTIFICATE_FIX.contains("KB5085395"));
    }

    @Test
    void aBiosBootedGuestAnswersWithErrorsThatAreUnknownValues() {
        GuestVerification v = VerifyGuestOutput.parseWindows("""
                == $env:firmware_type ==
                Legacy
                == Confirm-SecureBootUEFI ==
                Cmdlet not supported on this platform: 0xC0000002
                == Get-Tpm ==
                {"TpmPresent":false,"TpmReady":false}
                == Win32_Tpm SpecVersion ==
                == db has Windows UEFI CA 2023 ==
                Cmdlet not supported on this platform: 0xC0000002
                == bootmgfw.efi signature ==
                Cannot find path 'S:\\EFI\\Microsoft\\Boot\\bootmgfw.efi' because it does not exist.
                == bootmgfw.efi signer ==
                Cannot find path 'S:\\EFI\\Microsoft\\Boot\\bootmgfw.efi' because it does not exist.
                """);
        assertEquals("BIOS", v.firmware());
        assertNull(v.secureBoot());
        assertNull(v.db2023());
        assertNull(v.bootManagerSigned2023());
        assertEquals(3, v.upgradeProblems(true).size(), v.upgradeProblems(true).toString());
        assertEquals(List.of("the firmware db could not be read for the 2023 certificates"), v.certificateProblems());
    }

    @Test
    void aLinuxGuestFromMokutilAndSysfs() {
        GuestVerification v = VerifyGuestOutput.parseLinux("""
                == firmware ==
                UEFI
                == mokutil --sb-state ==
                SecureBoot enabled
                == tpm_version_major ==
                2
                == mokutil --db Subject ==
                        Subject: C=US, ST=Washington, L=Redmond, O=Microsoft Corporation, CN=Microsoft Windows Production PCA 2011
                        Subject: C=US, ST=Washington, L=Redmond, O=Microsoft Corporation, CN=Microsoft Corporation UEFI CA 2011
                        Subject: C=US, O=Microsoft Corporation, CN=Microsoft UEFI CA 2023
                """);
        assertEquals(List.of(), v.upgradeProblems(true));
        assertEquals(Boolean.TRUE, v.db2023());
        assertNull(v.bootManagerSigned2023());
        GuestVerification old = VerifyGuestOutput.parseLinux("""
                == firmware ==
                UEFI
                == mokutil --sb-state ==
                SecureBoot disabled
                == tpm_version_major ==
                cat: /sys/class/tpm/tpm0/tpm_version_major: No such file or directory
                == mokutil --db Subject ==
                        Subject: C=US, ST=Washington, L=Redmond, O=Microsoft Corporation, CN=Microsoft Corporation UEFI CA 2011
                """);
        assertEquals(Boolean.FALSE, old.secureBoot());
        assertEquals(Boolean.FALSE, old.tpmPresent());
        assertEquals(Boolean.FALSE, old.db2023());
    }

    @Test
    void anOutputWithoutTheSectionsIsNotAVerification() {
        assertThrows(IllegalArgumentException.class, () -> VerifyGuestOutput.parseLinux("firmware=uefi\n"));
        assertThrows(IllegalArgumentException.class, () -> VerifyGuestOutput.parseWindows(""));
    }
}
