package dev.trustlift.core.assess.rules;

/** One reason a disk layout cannot be converted, with the specific fix. */
record LayoutProblem(String problem, String fix) {
}
