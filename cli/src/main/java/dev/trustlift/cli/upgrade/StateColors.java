package dev.trustlift.cli.upgrade;

import dev.trustlift.core.journal.VmState;

/** A VM state word, coloured on a terminal (green done, yellow blocked, red failed) unless NO_COLOR / --color never. */
record StateColors(boolean enabled) {
    String paint(VmState state) {
        if (!enabled) {
            return state.name();
        }
        String code = switch (state) {
            case UPGRADED, ALREADY_TRUSTED_LAUNCH -> "32";
            case BLOCKED, SKIPPED -> "33";
            case FAILED -> "31";
            default -> "0";
        };
        return "\u001b[" + code + "m" + state.name() + "\u001b[0m";
    }
}
