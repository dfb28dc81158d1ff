package dev.trustlift.cli.upgrade;

import dev.trustlift.azure.AzureCloudAdapter;
import dev.trustlift.azure.AzureConnection;
import dev.trustlift.azure.ConnectionSettings;
import dev.trustlift.core.assess.Assessor;
import dev.trustlift.core.assess.gather.FactsGatherer;
import dev.trustlift.core.assess.gather.Target;
import dev.trustlift.core.assess.rules.StandardRules;
import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.cloud.CloudScope;
import dev.trustlift.core.journal.Journal;
import dev.trustlift.core.journal.SqliteJournal;
import dev.trustlift.core.upgrade.CampaignOptions;
import dev.trustlift.core.upgrade.Campaigns;
import dev.trustlift.core.upgrade.MakeRoom;
import dev.trustlift.core.upgrade.Step;
import dev.trustlift.core.upgrade.StepResult;
import dev.trustlift.core.upgrade.UpgradeListener;
import dev.trustlift.core.upgrade.UpgradePlan;
import dev.trustlift.core.upgrade.UpgradeRunner;
import dev.trustlift.core.upgrade.VmUpgrade;
import dev.trustlift.core.upgrade.steps.AssessStep;
import dev.trustlift.core.upgrade.steps.GuestProbeStep;
import dev.trustlift.core.upgrade.steps.GuestValidateStep;
import dev.trustlift.core.upgrade.steps.InspectStep;
import dev.trustlift.sandbox.SandboxServer;
import dev.trustlift.sandbox.fleet.Fleet;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Writes {@code journals/upgrade-v1-parked.db}, the journal {@link CommittedJournalResumeTest}
 * resumes: an upgrade campaign of resume-v1.json stopped the way Ctrl-C stops one, every VM parked
 * after guest-probe with its guest-validate attempt open (no operation), so a fresh sandbox on the
 * same fleet can take it over. Run once per journal schema (it is test data of this version):
 * {@code java -cp <cli test classpath> dev.trustlift.cli.upgrade.ParkedJournal OUT.db}.
 */
public final class ParkedJournal {
    private ParkedJournal() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Files.deleteIfExists(out);
        try (SandboxServer sandbox = SandboxServer.start(Fleet.parse(CommittedJournalResumeTest.fleet(), "resume-v1"), 0);
             Journal journal = SqliteJournal.open(out)) {
            Cloud cloud = new AzureCloudAdapter(AzureConnection.open(ConnectionSettings.endpoint(URI.create(sandbox.endpoint()),
                    false)));
            List<Target> targets = cloud.listVms(CloudScope.of(List.of(CommittedJournalResumeTest.SUB), null)).stream()
                    .map(Target::found).toList();
            CampaignOptions options = new CampaignOptions(CampaignOptions.UPGRADE, List.of(CommittedJournalResumeTest.SUB),
                    null, null, null, null, false, MakeRoom.SHRINK, 5, Duration.ofMinutes(15), null);
            String campaign = Campaigns.createUpgrade(journal, targets, options, Clock.systemUTC(), "0.1.0-SNAPSHOT").id();
            FactsGatherer gatherer = new FactsGatherer(cloud, false);
            Assessor assessor = new Assessor(StandardRules.all());
            UpgradeRunner[] runner = new UpgradeRunner[1];
            java.util.Set<String> waiting = java.util.concurrent.ConcurrentHashMap.newKeySet();
            // Named as the real step so the journal names only steps this version knows; it stops the run here.
            Step stopHere = new Step() {
                @Override
                public String name() {
                    return GuestValidateStep.NAME;
                }

                @Override
                public StepResult run(VmUpgrade vm) {
                    waiting.add(vm.ref().name());
                    if (waiting.size() == targets.size()) {
                        runner[0].stop(); // every VM is here: all park with this attempt open
                    }
                    return new StepResult.Later(Duration.ofSeconds(1), "stopped for the committed journal");
                }
            };
            UpgradePlan plan = new UpgradePlan(List.of(new InspectStep(cloud), new AssessStep(cloud, gatherer, assessor),
                    new GuestProbeStep(cloud, gatherer, assessor), stopHere), Set.of(), Set.of(), List.of(), List.of());
            runner[0] = new UpgradeRunner(journal, cloud, plan, options.timing(), Clock.systemUTC(), 5, 2, UpgradeListener.NONE);
            System.out.println("campaign " + campaign + ": exit " + runner[0].run(campaign).exitCode());
        }
    }
}
