package dev.trustlift.sandbox.guest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What Windows reports about firmware, Secure Boot and the TPM on the simulated guest, from the
 * VM's state: UEFI only under Trusted Launch (Gen1 boots BIOS), Secure Boot and the vTPM as the
 * security profile sets them, and the Secure Boot certificates from {@code guest.secureBootCerts2023}.
 * Messages are Windows' own where public ("Cmdlet not supported on this platform: 0xC0000002"
 * from Confirm-SecureBootUEFI on BIOS); the db's bytes hold the certificates' names, which is
 * what the ASCII test of Microsoft's guidance matches.
 */
final class FirmwareCmdlets {
    static final String NOT_UEFI = "Cmdlet not supported on this platform: 0xC0000002";
    static final String BOOTMGR = "S:\\EFI\\Microsoft\\Boot\\bootmgfw.efi";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GuestContext ctx;
    private boolean espMounted;

    FirmwareCmdlets(GuestContext ctx) {
        this.ctx = ctx;
    }

    String firmwareType() {
        return ctx.uefi() ? "UEFI" : "Legacy";
    }

    boolean confirmSecureBoot() {
        if (!ctx.uefi()) {
            throw new PsError(NOT_UEFI);
        }
        return ctx.secureBoot();
    }

    /** Get-SecureBootUEFI db, as the ASCII text of its bytes. */
    String dbText() {
        if (!ctx.uefi()) {
            throw new PsError(NOT_UEFI);
        }
        return "Microsoft Corporation Third Party Marketplace Root Microsoft Corporation UEFI CA 2011 "
                + "Microsoft Windows Production PCA 2011" + (ctx.guest().secureBootCerts2023()
                ? " Windows UEFI CA 2023 Microsoft UEFI CA 2023 Microsoft Option ROM UEFI CA 2023" : "");
    }

    ObjectNode tpm() {
        boolean present = ctx.uefi() && ctx.vTpm();
        return JSON.createObjectNode().put("TpmPresent", present).put("TpmReady", present).put("TpmEnabled", present)
                .put("ManufacturerIdTxt", present ? "MSFT" : "");
    }

    /** Win32_Tpm: no instance without a TPM. */
    List<ObjectNode> win32Tpm() {
        return ctx.uefi() && ctx.vTpm() ? List.of(JSON.createObjectNode().put("SpecVersion", "2.0, 0, 1.38")
                .put("IsActivated_InitialValue", true)) : List.of();
    }

    /** mountvol S: /S mounts the ESP; on a BIOS system there is no ESP to mount (the wording is a guess). */
    void mountEsp() {
        if (!ctx.uefi() || !ctx.disk().hasType("EF00")) {
            throw new PsError("The parameter is incorrect.");
        }
        espMounted = true;
    }

    void unmountEsp() {
        espMounted = false;
    }

    /** Get-AuthenticodeSignature of the boot manager; its SignerCertificate is the child "SignerCertificate". */
    ObjectNode signature(String path) {
        if (!espMounted || !path.equalsIgnoreCase(BOOTMGR)) {
            throw new PsError("Cannot find path '" + path + "' because it does not exist.");
        }
        ObjectNode sig = JSON.createObjectNode().put("Status", 0).put("StatusMessage", "Signature verified.");
        sig.putObject("SignerCertificate")
                .put("Subject", "CN=Microsoft Windows, O=Microsoft Corporation, L=Redmond, S=Washington, C=US")
                .put("Issuer", ctx.guest().secureBootCerts2023() ? "CN=Windows UEFI CA 2023, O=Microsoft Corporation, C=US"
                        : "CN=Microsoft Windows Production PCA 2011, O=Microsoft Corporation, L=Redmond, S=Washington, C=US");
        return sig;
    }
}
