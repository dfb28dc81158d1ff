package dev.trustlift.cli.upgrade;

import dev.trustlift.cli.Main;
import dev.trustlift.cli.Terminal;
import java.time.Duration;

/** trustlift's main with a plan of one slow test step, for a real process to interrupt. */
public final class SlowPlanMain {
    private SlowPlanMain() {
    }

    public static void main(String[] args) {
        System.exit(Main.run(System.out, System.err, Terminal.NONE,
                TestPlans.factory(TestPlans.of(new TestPlans.Slow("slow", Duration.ofMillis(1500)))), args));
    }
}
