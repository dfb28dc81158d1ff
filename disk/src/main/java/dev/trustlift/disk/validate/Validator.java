package dev.trustlift.disk.validate;

import dev.trustlift.disk.scan.DiskClass;
import dev.trustlift.disk.scan.DiskScan;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a scanned disk against the conversion rules of the target OS and states every rule,
 * passed or failed, with its values and a remedy. When the disk is not MBR the other rules are
 * listed as not checked. Pure: reads nothing beyond the scan.
 */
public final class Validator {
    private Validator() {
    }

    public static ValidationReport validate(DiskScan scan, ConversionOptions options) {
        List<RuleResult> rules = new ArrayList<>();
        rules.add(CommonRules.mbrDisk(scan));
        if (scan.diskClass() != DiskClass.MBR) {
            List<String> ids = options.os() == TargetOs.WINDOWS ? WindowsRules.ids() : LinuxRules.ids();
            ids.forEach(id -> rules.add(RuleResult.notChecked(id, "(needs an MBR disk)")));
            return new ValidationReport(options.os(), rules);
        }
        MbrFacts facts = new MbrFacts(scan, options);
        rules.addAll(options.os() == TargetOs.WINDOWS ? WindowsRules.check(facts) : LinuxRules.check(facts));
        return new ValidationReport(options.os(), rules);
    }
}
