package dev.trustlift.core.upgrade;

import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.journal.CampaignState;
import dev.trustlift.core.journal.CampaignVm;
import dev.trustlift.core.journal.Journal;
import dev.trustlift.core.journal.VmState;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a campaign's VMs through the plan with at most {@code maxParallel} VMs in flight and a fixed
 * handful of threads: each VM is a {@link VmDriver} whose next short call is scheduled when its
 * last answer says (an operation's Retry-After, a backoff), so a thousand VMs waiting on ARM
 * cost no thread. {@link #stop()} (Ctrl-C) takes no new VM and parks each VM in flight at its next
 * safe point: never inside the downtime window, so no VM is left deallocated or with a disk its
 * generation cannot boot.
 */
public final class UpgradeRunner {
    private final Journal journal;
    private final Cloud cloud;
    private final UpgradePlan plan;
    private final Timing timing;
    private final Clock clock;
    private final int maxParallel;
    private final int threads;
    private final UpgradeListener listener;
    private final AtomicBoolean stopRequested = new AtomicBoolean();

    public UpgradeRunner(Journal journal, Cloud cloud, UpgradePlan plan, Timing timing, Clock clock, int maxParallel,
                         int threads, UpgradeListener listener) {
        if (maxParallel < 1 || threads < 1) {
            throw new IllegalArgumentException("at least one VM in flight and one thread");
        }
        this.journal = journal;
        this.cloud = cloud;
        this.plan = plan;
        this.timing = timing;
        this.clock = clock;
        this.maxParallel = maxParallel;
        this.threads = threads;
        this.listener = listener == null ? UpgradeListener.NONE : listener;
    }

    /** Asks the run to stop at safe points; {@link #run} then returns with {@code interrupted}. */
    public void stop() {
        stopRequested.set(true);
    }

    /** Runs every VM of the campaign that is not final yet, and returns when each is final or parked. */
    public RunOutcome run(String campaignId) throws InterruptedException {
        journal.setCampaignState(campaignId, CampaignState.RUNNING);
        Deque<CampaignVm> queue = new ArrayDeque<>();
        for (CampaignVm vm : journal.vms(campaignId)) {
            if (!vm.state().isFinal()) {
                queue.add(vm);
            }
        }
        int total = journal.vms(campaignId).size();
        AtomicInteger finished = new AtomicInteger(total - queue.size());
        Flight flight = new Flight(queue, total, finished);
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(threads, r -> {
            Thread t = new Thread(r, "trustlift-upgrade");
            t.setDaemon(true);
            return t;
        });
        try {
            flight.admit(pool);
            flight.awaitEnd();
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
        RunOutcome outcome = new RunOutcome(journal.countsByState(campaignId), stopRequested.get(),
                flight.connectionLost.get(), flight.toolFailed.get());
        boolean open = outcome.count(VmState.PENDING) + outcome.count(VmState.IN_PROGRESS) > 0;
        journal.setCampaignState(campaignId, open ? CampaignState.INTERRUPTED : CampaignState.FINISHED);
        return outcome;
    }

    /** The VMs in flight: admission, scheduling and the end of the run. */
    private final class Flight {
        private final Deque<CampaignVm> queue;
        private final int total;
        private final AtomicInteger finished;
        private final AtomicBoolean connectionLost = new AtomicBoolean();
        private final AtomicBoolean toolFailed = new AtomicBoolean();
        private int inFlight;

        Flight(Deque<CampaignVm> queue, int total, AtomicInteger finished) {
            this.queue = queue;
            this.total = total;
            this.finished = finished;
        }

        synchronized void admit(ScheduledExecutorService pool) {
            while (inFlight < maxParallel && !queue.isEmpty() && !stopRequested.get() && !connectionLost.get()) {
                CampaignVm row = queue.poll();
                VmUpgrade vm = new VmUpgrade(journal, row, clock, timing);
                VmDriver driver = VmDriver.resume(plan, cloud, journal, vm,
                        () -> stopRequested.get() || connectionLost.get(), listener);
                inFlight++;
                schedule(pool, driver, Duration.ZERO);
            }
            notifyAll();
        }

        private void schedule(ScheduledExecutorService pool, VmDriver driver, Duration after) {
            pool.schedule(() -> tick(pool, driver), Math.max(0, after.toMillis()), TimeUnit.MILLISECONDS);
        }

        private void tick(ScheduledExecutorService pool, VmDriver driver) {
            Tick tick;
            try {
                tick = driver.advance();
            } catch (RuntimeException | Error e) {
                // The journal could not be written, or the runner itself broke: stop this VM where the journal says.
                toolFailed.set(true);
                tick = new Tick.Parked("trustlift failed: " + e, false);
            }
            if (driver.toolFailed()) {
                toolFailed.set(true);
            }
            if (tick instanceof Tick.Again again) {
                schedule(pool, driver, again.after());
                return;
            }
            if (tick instanceof Tick.Parked parked) {
                if (parked.connectionLost()) {
                    connectionLost.set(true);
                }
                listener.vmParked(driver.vm().ref(), parked.why());
            } else if (tick instanceof Tick.Finished done) {
                listener.vmFinished(driver.vm().ref(), done.state(), finished.incrementAndGet(), total);
            }
            synchronized (this) {
                inFlight--;
            }
            admit(pool);
        }

        synchronized void awaitEnd() throws InterruptedException {
            while (inFlight > 0 || (!queue.isEmpty() && !stopRequested.get() && !connectionLost.get())) {
                wait(1000);
            }
        }
    }
}
