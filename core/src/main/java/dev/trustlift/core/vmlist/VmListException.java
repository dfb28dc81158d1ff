package dev.trustlift.core.vmlist;

/** A --vms file that cannot be used; the message names the file, the line and the fix. */
public final class VmListException extends RuntimeException {
    public VmListException(String message) {
        super(message);
    }
}
