package dev.trustlift.core.upgrade.steps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.cloud.RestorePoint;
import dev.trustlift.core.upgrade.UpgradeNames;
import dev.trustlift.core.upgrade.VmUpgrade;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OS disk's disk restore point that protect took: from protect's detail when it journaled one
 * ({@code osDiskRestorePointId}), else read from ARM by the point's id ({@code restorePointId} in
 * the detail or on the VM's row), else by the campaign's deterministic names.
 */
final class OsDiskRestorePoint {
    static final String PROTECT = "protect";
    private static final Pattern POINT = Pattern.compile(
            "(?i)/restorePointCollections/([^/]+)/restorePoints/([^/]+)$");

    private OsDiskRestorePoint() {
    }

    static Optional<String> find(Cloud cloud, VmUpgrade vm) {
        Optional<ObjectNode> protect = vm.detailOf(PROTECT);
        String disk = protect.map(p -> p.path("osDiskRestorePointId").asText(null)).orElse(null);
        if (disk != null && !disk.isBlank()) {
            return Optional.of(disk);
        }
        String point = protect.map(p -> p.path("restorePointId").asText(null)).filter(s -> !s.isBlank())
                .or(vm::restorePointId).orElse(null);
        Optional<RestorePoint> found;
        Matcher m = point == null ? null : POINT.matcher(point);
        if (m != null && m.find()) {
            found = cloud.findRestorePoint(vm.ref(), m.group(1), m.group(2));
        } else {
            found = cloud.findRestorePoint(vm.ref(), UpgradeNames.restorePointCollection(vm.ref()),
                    UpgradeNames.restorePoint(vm.campaignId()));
        }
        return found.map(RestorePoint::osDiskRestorePointId);
    }
}
