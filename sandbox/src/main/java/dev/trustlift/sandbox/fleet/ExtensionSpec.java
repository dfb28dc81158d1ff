package dev.trustlift.sandbox.fleet;

/** A VM extension as ARM reports it. */
public record ExtensionSpec(String publisher, String type, String name) {
}
