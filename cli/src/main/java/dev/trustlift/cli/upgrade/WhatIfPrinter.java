package dev.trustlift.cli.upgrade;

import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.upgrade.WhatIfPlanner.Change;
import dev.trustlift.core.upgrade.WhatIfPlanner.Outcome;
import dev.trustlift.core.upgrade.WhatIfPlanner.VmPlan;
import java.io.PrintWriter;
import java.util.List;

/** {@code upgrade --what-if} as text: per VM every change in step order, or why it is left alone. */
final class WhatIfPrinter {
    private static final String INDENT = "  ";
    private static final int STEP_WIDTH = 20;

    private WhatIfPrinter() {
    }

    static void print(PrintWriter out, List<VmPlan> plans, String campaignId) {
        out.println("what-if: nothing is changed; a run started now would be campaign " + campaignId
                + " (its restore points are named after it)");
        for (VmPlan plan : plans) {
            out.println();
            out.println(plan.vm().name() + "  (" + plan.vm().id() + ")");
            switch (plan.outcome()) {
                case UPGRADE -> {
                    out.println(INDENT + "would be upgraded (assess: " + plan.verdict() + "):");
                    for (Change c : plan.changes()) {
                        out.println(INDENT + pad(c.step()) + c.action());
                        for (String d : c.details()) {
                            out.println(INDENT + " ".repeat(STEP_WIDTH) + d);
                        }
                    }
                }
                case BLOCKED -> {
                    out.println(INDENT + "BLOCKED: left untouched (assess: " + plan.verdict() + ")");
                    for (Finding f : plan.blockers()) {
                        out.println(INDENT + pad(f.rule() + " " + f.severity()) + f.message());
                        if (!f.remediation().isBlank()) {
                            out.println(INDENT + " ".repeat(STEP_WIDTH) + "fix: " + f.remediation());
                        }
                    }
                }
                case NOTHING_TO_DO -> out.println(INDENT + "nothing to do (" + plan.verdict() + ")");
                default -> throw new IllegalStateException(plan.outcome().name());
            }
            for (Finding f : plan.warnings()) {
                out.println(INDENT + pad(f.rule() + " WARNING") + f.message());
            }
        }
        out.println();
        out.println("what-if: " + count(plans, Outcome.UPGRADE) + " would be upgraded, " + count(plans, Outcome.BLOCKED)
                + " blocked, " + count(plans, Outcome.NOTHING_TO_DO) + " with nothing to do; run without --what-if and with"
                + " --yes to upgrade");
        out.flush();
    }

    private static long count(List<VmPlan> plans, Outcome outcome) {
        return plans.stream().filter(p -> p.outcome() == outcome).count();
    }

    private static String pad(String s) {
        return s.length() >= STEP_WIDTH - 1 ? s + " " : s + " ".repeat(STEP_WIDTH - s.length());
    }
}
