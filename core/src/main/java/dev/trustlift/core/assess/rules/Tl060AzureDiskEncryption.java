package dev.trustlift.core.assess.rules;

import dev.trustlift.core.assess.DiskEncryption;
import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Rule;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.cloud.Extension;
import dev.trustlift.core.assess.VmFacts;
import java.util.Optional;

/** TL060: Azure Disk Encryption on a Windows OS volume stops MBR2GPT (exit code 6). */
public final class Tl060AzureDiskEncryption implements Rule {
    static final String ADE_PUBLISHER = "Microsoft.Azure.Security";
    static final String ADE_TYPE = "AzureDiskEncryption";

    @Override
    public String id() {
        return "TL060";
    }

    @Override
    public Optional<Finding> evaluate(VmFacts facts) {
        if (!facts.windows()) {
            return Optional.empty();
        }
        Optional<Extension> extension = Extensions.find(facts.extensions(), ADE_PUBLISHER, ADE_TYPE);
        boolean settings = facts.osDisk().encryption() == DiskEncryption.ADE;
        if (extension.isEmpty() && !settings) {
            return Optional.empty();
        }
        return Optional.of(Finding.of(id(), Severity.BLOCKER, "the Windows OS disk is encrypted by Azure Disk Encryption")
                .evidence("extension", extension.map(Extensions::describe).orElse("none"))
                .evidence("encryptionSettings", settings)
                .remediation("disable ADE on the OS volume (az vm encryption disable -g " + facts.ref().resourceGroup()
                        + " -n " + facts.ref().name() + " --volume-type OS), wait for decryption, upgrade, then re-enable it")
                .build());
    }
}
