package dev.trustlift.cli.upgrade;

import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.upgrade.UpgradePlan;
import dev.trustlift.core.upgrade.steps.StandardPlan;
import java.util.function.Function;

/**
 * The plans the upgrade commands run: the upgrade's steps and the rollback's. The one seam of
 * these commands: the product runs {@link StandardPlan}; tests of the command line give plans of
 * their own (a slow step to interrupt, a step that blocks) without the real steps.
 */
public record Plans(Function<Cloud, UpgradePlan> upgrade, Function<Cloud, UpgradePlan> rollback) {
    public static Plans standard() {
        return new Plans(StandardPlan::create, StandardPlan::rollback);
    }

    /** The plan of a campaign started by {@code command} (upgrade or rollback). */
    UpgradePlan forCommand(String command, Cloud cloud) {
        return dev.trustlift.core.upgrade.CampaignOptions.ROLLBACK.equals(command) ? rollback.apply(cloud) : upgrade.apply(cloud);
    }
}
