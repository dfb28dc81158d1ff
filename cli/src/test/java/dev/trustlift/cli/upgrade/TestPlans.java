package dev.trustlift.cli.upgrade;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.journal.VmState;
import dev.trustlift.core.upgrade.Step;
import dev.trustlift.core.upgrade.StepResult;
import dev.trustlift.core.upgrade.UpgradePlan;
import dev.trustlift.core.upgrade.VmUpgrade;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;

/**
 * Plans of test steps for the upgrade commands, so their command-line behaviour (options journaled
 * and reused, exit codes, progress, Ctrl-C) is tested without the real steps, and a factory that
 * gives them to the commands.
 */
final class TestPlans {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestPlans() {
    }

    /** Makes the upgrade commands with {@code plans}; every other command as picocli does. */
    static CommandLine.IFactory factory(Plans plans) {
        return new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == UpgradeCommand.class) {
                    return cls.cast(new UpgradeCommand(plans));
                }
                if (cls == ResumeCommand.class) {
                    return cls.cast(new ResumeCommand(plans));
                }
                if (cls == RollbackCommand.class) {
                    return cls.cast(new RollbackCommand(plans));
                }
                return CommandLine.defaultFactory().create(cls);
            }
        };
    }

    static Plans of(Step... steps) {
        UpgradePlan plan = new UpgradePlan(List.of(steps), Set.of(), Set.of(), List.of(), List.of());
        return new Plans(cloud -> plan, cloud -> plan);
    }

    /** Journals what the VM was run with: its options and the guest timeout. */
    record Record(String name) implements Step {
        @Override
        public StepResult run(VmUpgrade vm) {
            ObjectNode detail = JSON.createObjectNode();
            detail.put("options", vm.options().toJson());
            detail.put("guestTimeout", vm.timing().guestTimeout().toString());
            detail.put("restorePointId", vm.restorePointId().orElse(null));
            return StepResult.done(detail);
        }
    }

    /** Blocks every VM with a finding, as the assess step does. */
    record Block(String name) implements Step {
        @Override
        public StepResult run(VmUpgrade vm) {
            vm.addFinding(Finding.of("TL030", Severity.BLOCKER, "Windows Server 2016 (test)").build());
            return new StepResult.Finish(VmState.BLOCKED, "blocked by the test", null);
        }
    }

    /** Waits {@code length} from the attempt's start without a thread, as steps wait for an agent. */
    record Slow(String name, Duration length) implements Step {
        @Override
        public StepResult run(VmUpgrade vm) {
            if (Duration.between(vm.attemptStarted(), vm.now()).compareTo(length) >= 0) {
                return StepResult.done();
            }
            return new StepResult.Later(Duration.ofMillis(100), "waiting (test)");
        }
    }
}
