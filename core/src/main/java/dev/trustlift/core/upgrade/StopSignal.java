package dev.trustlift.core.upgrade;

/** Whether the run was asked to stop (Ctrl-C): drivers then park each VM at its next safe point. */
@FunctionalInterface
interface StopSignal {
    boolean requested();
}
