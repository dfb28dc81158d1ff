package dev.trustlift.core.assess;

import java.util.Objects;

/** A management lock that applies to the VM, with where it sits (the port's lock names the scope by ARM id). */
public record LockFact(String name, Level level, Scope scope) {

    public enum Level {
        READ_ONLY("ReadOnly"),
        CAN_NOT_DELETE("CanNotDelete");

        private final String armName;

        Level(String armName) {
            this.armName = armName;
        }

        public static Level parse(String s) {
            for (Level l : values()) {
                if (l.armName.equalsIgnoreCase(s == null ? "" : s.trim())) {
                    return l;
                }
            }
            throw new IllegalArgumentException("unknown lock level '" + s + "' (expected ReadOnly or CanNotDelete)");
        }

        public String armName() {
            return armName;
        }
    }

    /** Where the lock sits; all of them apply to the VM by inheritance. */
    public enum Scope {
        VM("VM"),
        OS_DISK("OS disk"),
        RESOURCE_GROUP("resource group"),
        SUBSCRIPTION("subscription");

        private final String words;

        Scope(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    public LockFact {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(scope, "scope");
    }
}
