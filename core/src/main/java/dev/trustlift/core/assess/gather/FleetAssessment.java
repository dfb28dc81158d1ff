package dev.trustlift.core.assess.gather;

import dev.trustlift.core.assess.AssessmentReport;
import dev.trustlift.core.assess.Assessor;
import dev.trustlift.core.assess.VmAssessment;
import dev.trustlift.core.cloud.CloudException;
import dev.trustlift.core.progress.ProgressListener;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Assesses many VMs: gathers each VM's facts (guest probes included) on a bounded pool, so slow
 * Run Commands overlap, and keeps the report in the order the VMs were given. A VM whose facts
 * cannot be read is UNKNOWN; a bug stops the run.
 */
public final class FleetAssessment {
    private final FactsGatherer gatherer;
    private final Assessor assessor;
    private final int parallelism;
    private final Clock clock;

    public FleetAssessment(FactsGatherer gatherer, Assessor assessor, int parallelism, Clock clock) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        this.gatherer = gatherer;
        this.assessor = assessor;
        this.parallelism = parallelism;
        this.clock = clock;
    }

    public AssessmentReport assess(List<Target> targets) {
        return assess(targets, ProgressListener.none());
    }

    /** As {@link #assess(List)}, telling {@code listener} of each VM as soon as its verdict is known. */
    public AssessmentReport assess(List<Target> targets, ProgressListener<? super VmAssessment> listener) {
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, Math.max(1, targets.size())), r -> {
            Thread t = new Thread(r, "trustlift-assess");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<VmAssessment>> futures = new ArrayList<>();
            for (Target target : targets) {
                futures.add(pool.submit(() -> {
                    VmAssessment result = assessOne(target);
                    listener.completed(result, done.incrementAndGet(), targets.size());
                    return result;
                }));
            }
            List<VmAssessment> results = new ArrayList<>(targets.size());
            for (Future<VmAssessment> f : futures) {
                results.add(f.get());
            }
            return AssessmentReport.of(clock.instant(), results);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("assessment interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private VmAssessment assessOne(Target target) {
        if (target.vm() == null) {
            return Assessor.unassessable(target.ref(), target.problem());
        }
        try {
            return assessor.assess(gatherer.gather(target.vm(), target.enableSecureBoot()));
        } catch (CloudException e) {
            return Assessor.unassessable(target.ref(), e.getMessage());
        }
    }
}
