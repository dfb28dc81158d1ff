package dev.trustlift.core.cloud;

/** An installed VM extension as ARM names it; assess matches publisher/type against known blockers. */
public record Extension(String publisher, String type, String name) {
}
