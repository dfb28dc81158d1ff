package dev.trustlift.core.assess.rules;

import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Rule;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.assess.SizeName;
import dev.trustlift.core.cloud.Extension;
import dev.trustlift.core.assess.VmFacts;
import java.util.Optional;

/**
 * TL083: Linux on GPU sizes usually runs vendor drivers that are not signed for Secure Boot;
 * upgrading with Secure Boot on would leave the GPU without its driver. Silent when the VM list
 * already says enableSecureBoot=false for the VM.
 */
public final class Tl083SecureBootOff implements Rule {
    static final String GPU_DRIVER_PUBLISHER = "Microsoft.HpcCompute";

    @Override
    public String id() {
        return "TL083";
    }

    @Override
    public Optional<Finding> evaluate(VmFacts facts) {
        if (!facts.linux()) {
            return Optional.empty();
        }
        boolean gpuSize = SizeName.parse(facts.size()).gpu();
        Optional<Extension> driver = Extensions.find(facts.extensions(), GPU_DRIVER_PUBLISHER, null);
        if (!gpuSize && driver.isEmpty() || Boolean.FALSE.equals(facts.secureBootPlanned())) {
            // The VM list already asks for Secure Boot off (enableSecureBoot=false): nothing to warn about.
            return Optional.empty();
        }
        return Optional.of(Finding.of(id(), Severity.WARNING,
                        "Linux on GPU size " + facts.size() + ": vendor drivers usually need Secure Boot off")
                .evidence("size", facts.size())
                .evidence("family", SizeName.parse(facts.size()).family())
                .evidence("driverExtension", driver.map(Extensions::describe).orElse("none"))
                .remediation("upgrade this VM with Secure Boot disabled (enableSecureBoot=false in the VM list), or sign "
                        + "the driver modules and enroll the key first")
                .build());
    }
}
