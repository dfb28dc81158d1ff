package dev.trustlift.core.assess.rules;

import dev.trustlift.core.assess.Rule;
import dev.trustlift.core.assess.SizeAdvisor;
import java.util.List;

/** Every rule of contracts/assessment.md, in id order. */
public final class StandardRules {
    private StandardRules() {
    }

    public static List<Rule> all() {
        SizeAdvisor advisor = new SizeAdvisor();
        return List.of(
                new Tl001AlreadyTrustedLaunch(), new Tl002Gen2Disk(), new Tl003NotApplicable(),
                new Tl008GuestNotChecked(), new Tl010FeatureNotRegistered(),
                new Tl020SizeNotCapable(advisor), new Tl021SizeUnavailable(advisor),
                new Tl030WindowsServer2016(), new Tl031OsNotSupported(), new Tl032OsUnknown(),
                new Tl040NotRunning(), new Tl041AgentNotReady(),
                new Tl050BackupStandardPolicy(),
                new Tl060AzureDiskEncryption(), new Tl061BitLocker(),
                new Tl070SiteRecovery(),
                new Tl080UnmanagedDisk(), new Tl081EphemeralDisk(), new Tl082LinuxHibernation(), new Tl083SecureBootOff(),
                new Tl090LayoutNotConvertible(), new Tl091NoRoomForEsp(), new Tl092LinuxPlainMbr(), new Tl093LinuxGptReady(),
                new Tl100MarketplaceImageReference(), new Tl101LaterInPlaceUpgrade(),
                new Tl110ReadOnlyLock(), new Tl120AvailabilityGroup(), new Tl130ExcludedByTag());
    }
}
