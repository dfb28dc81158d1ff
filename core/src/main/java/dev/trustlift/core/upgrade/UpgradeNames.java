package dev.trustlift.core.upgrade;

import dev.trustlift.core.cloud.VmRef;
import java.util.Map;

/**
 * The names trustlift gives what it creates, derived from the campaign and the VM only, so that a
 * resumed run finds what an earlier process created instead of creating it twice, and
 * {@code --what-if} can name it in advance.
 */
public final class UpgradeNames {
    /** The one managed Run Command per VM, re-PUT for each script and deleted when the VM is done. */
    public static final String RUN_COMMAND = "trustlift";
    /** Tags put on the converted OS disk kept for inspection after a restore. */
    public static final String TAG_CONVERTED = "trustlift-converted-disk";
    public static final String TAG_CAMPAIGN = "trustlift-campaign";

    private UpgradeNames() {
    }

    /** One restore point collection per VM (a collection's source is one VM), beside it. */
    public static String restorePointCollection(VmRef vm) {
        return limit("trustlift-" + vm.name(), 80);
    }

    /** The point taken before this campaign changes the VM. */
    public static String restorePoint(String campaignId) {
        return limit("before-trusted-launch-" + campaignId, 80);
    }

    /**
     * The crash-consistent point taken instead when the agent could not take the
     * application-consistent one: a second name, because ARM does not let a restore point be
     * re-created (or updated) under the name of one that failed.
     */
    public static String crashConsistentRestorePoint(String campaignId) {
        return limit("before-trusted-launch-crash-" + campaignId, 80);
    }

    /** The OS disk rebuilt from the restore point when the upgrade is undone. */
    public static String restoredDisk(VmRef vm, String campaignId) {
        return limit(vm.name() + "-restored-" + campaignId, 80);
    }

    /** The tags put on the converted disk that a restore swapped out (it is kept, never deleted). */
    public static Map<String, String> convertedDiskTags(String campaignId) {
        return Map.of(TAG_CONVERTED, "kept for inspection: swapped out when trustlift restored the OS disk",
                TAG_CAMPAIGN, campaignId);
    }

    /** ARM names: letters, digits, '_', '.', '-'; anything else becomes '-', and at most {@code max} characters. */
    private static String limit(String name, int max) {
        String clean = name.replaceAll("[^A-Za-z0-9_.-]", "-");
        return clean.length() <= max ? clean : clean.substring(0, max);
    }
}
