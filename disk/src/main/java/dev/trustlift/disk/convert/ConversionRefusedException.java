package dev.trustlift.disk.convert;

import dev.trustlift.disk.validate.ValidationReport;

/** A rule failed: nothing was planned and nothing may be written. The report says why. */
public final class ConversionRefusedException extends Exception {
    private final transient ValidationReport report;

    public ConversionRefusedException(ValidationReport report) {
        super("the disk does not meet the " + report.os().label() + " conversion rules: " + report.failureSummary());
        this.report = report;
    }

    public ValidationReport report() {
        return report;
    }
}
