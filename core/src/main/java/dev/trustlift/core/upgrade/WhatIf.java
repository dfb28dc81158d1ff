package dev.trustlift.core.upgrade;

import dev.trustlift.core.assess.Assessor;
import dev.trustlift.core.assess.VmAssessment;
import dev.trustlift.core.assess.VmFacts;
import dev.trustlift.core.assess.gather.FactsGatherer;
import dev.trustlift.core.assess.gather.Target;
import dev.trustlift.core.cloud.CloudException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code upgrade --what-if} for a list of VMs: reads each VM's facts as assess does (the guest
 * probe is read-only) on a bounded pool, runs the rules, and plans each VM with
 * {@link WhatIfPlanner}, in the order the VMs were given. Nothing is changed.
 */
public final class WhatIf {
    private final FactsGatherer gatherer;
    private final Assessor assessor;
    private final CampaignOptions options;
    private final int parallelism;

    public WhatIf(FactsGatherer gatherer, Assessor assessor, CampaignOptions options, int parallelism) {
        this.gatherer = gatherer;
        this.assessor = assessor;
        this.options = options;
        this.parallelism = Math.max(1, parallelism);
    }

    /** The plan of every target; {@code campaignId} is the id a run started now would get (it names the restore point). */
    public List<WhatIfPlanner.VmPlan> plan(List<Target> targets, String campaignId) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, Math.max(1, targets.size())), r -> {
            Thread t = new Thread(r, "trustlift-what-if");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<WhatIfPlanner.VmPlan>> futures = new ArrayList<>();
            for (Target target : targets) {
                futures.add(pool.submit(() -> planOne(target, campaignId)));
            }
            List<WhatIfPlanner.VmPlan> plans = new ArrayList<>();
            for (Future<WhatIfPlanner.VmPlan> f : futures) {
                plans.add(f.get());
            }
            return plans;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private WhatIfPlanner.VmPlan planOne(Target target, String campaignId) {
        VmOptions vmOptions = options.forVm(target.enableSecureBoot());
        if (target.vm() == null) {
            return WhatIfPlanner.plan(null, Assessor.unassessable(target.ref(), target.problem()), vmOptions, campaignId);
        }
        VmFacts facts;
        try {
            facts = gatherer.gather(target.vm(), target.enableSecureBoot());
        } catch (CloudException e) {
            return WhatIfPlanner.plan(null, Assessor.unassessable(target.ref(), e.getMessage()), vmOptions, campaignId);
        }
        VmAssessment assessment = assessor.assess(facts);
        return WhatIfPlanner.plan(facts, assessment, vmOptions, campaignId);
    }
}
