package dev.trustlift.sandbox.guest;

/** An error a simulated PowerShell command raises: the message PowerShell would show (terminating under 'Stop'). */
final class PsError extends RuntimeException {
    PsError(String message) {
        super(message, null, false, false);
    }
}
