package dev.trustlift.core.cloud;

/**
 * A management lock that applies to a VM (on the VM, its resource group or its subscription).
 * ReadOnly blocks deallocate and update, CanNotDelete blocks disk swaps that delete, so assess
 * reports them with their scope for remediation.
 */
public record ResourceLock(String name, Level level, String scope) {

    public enum Level {
        READ_ONLY, CAN_NOT_DELETE;

        public static Level parse(String value) {
            return "ReadOnly".equalsIgnoreCase(value) ? READ_ONLY : CAN_NOT_DELETE;
        }
    }
}
