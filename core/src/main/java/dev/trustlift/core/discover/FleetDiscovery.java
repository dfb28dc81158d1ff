package dev.trustlift.core.discover;

import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.cloud.CloudException;
import dev.trustlift.core.cloud.CloudScope;
import dev.trustlift.core.cloud.HyperVGeneration;
import dev.trustlift.core.cloud.SecurityType;
import dev.trustlift.core.cloud.Vm;
import dev.trustlift.core.progress.ProgressListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Finds the VMs of a scope and their generation. The VM model has no generation, so it is read
 * from the OS disk (the authority) and, for unmanaged disks, from the instance view. Trusted
 * Launch VMs are Gen2 by definition and cost no extra call.
 *
 * <p>ARM meters reads per subscription (a bucket of 250 refilled at 25/s), so more threads on one
 * subscription only buy 429s: reads run one at a time per subscription, subscriptions in parallel.
 */
public final class FleetDiscovery {

    /** Subscriptions read at once; each has its own ARM read bucket. */
    public static final int DEFAULT_PARALLELISM = 8;

    private final Cloud cloud;
    private final int parallelism;

    public FleetDiscovery(Cloud cloud) {
        this(cloud, DEFAULT_PARALLELISM);
    }

    public FleetDiscovery(Cloud cloud, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        this.cloud = cloud;
        this.parallelism = parallelism;
    }

    /** @param useResourceGraph list through Resource Graph (large scopes) instead of ARM's paged lists */
    public List<DiscoveredVm> discover(CloudScope scope, boolean useResourceGraph) {
        return discover(scope, useResourceGraph, ProgressListener.none());
    }

    /** As {@link #discover(CloudScope, boolean)}, telling {@code listener} of each VM described after the listing. */
    public List<DiscoveredVm> discover(CloudScope scope, boolean useResourceGraph,
            ProgressListener<? super DiscoveredVm> listener) {
        return describe(useResourceGraph ? cloud.queryVms(scope) : cloud.listVms(scope), listener);
    }

    /** Generation and security type of VMs already read (e.g. the rows of a --vms file), in their order. */
    public List<DiscoveredVm> describe(List<Vm> vms) {
        return describe(vms, ProgressListener.none());
    }

    /** As {@link #describe(List)}, telling {@code listener} of each VM as it is described. */
    public List<DiscoveredVm> describe(List<Vm> vms, ProgressListener<? super DiscoveredVm> listener) {
        AtomicInteger done = new AtomicInteger();
        Map<String, List<Integer>> bySubscription = new LinkedHashMap<>();
        for (int i = 0; i < vms.size(); i++) {
            bySubscription.computeIfAbsent(vms.get(i).ref().subscription().toLowerCase(Locale.ROOT),
                    k -> new ArrayList<>()).add(i);
        }
        DiscoveredVm[] out = new DiscoveredVm[vms.size()];
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, Math.max(1, bySubscription.size())),
                r -> {
                    Thread t = new Thread(r, "trustlift-discover");
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<Future<?>> pending = new ArrayList<>();
            for (List<Integer> indexes : bySubscription.values()) {
                pending.add(pool.submit(() -> {
                    for (int i : indexes) {
                        Vm vm = vms.get(i);
                        out[i] = new DiscoveredVm(vm.ref().subscription(), vm.ref().resourceGroup(), vm.ref().name(),
                                vm.location(), vm.size(), vm.osType(), generation(vm), vm.securityType());
                        listener.completed(out[i], done.incrementAndGet(), vms.size());
                    }
                }));
            }
            for (Future<?> f : pending) {
                await(f);
            }
            return List.of(out);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The first failure stops discovery with the cloud's own exception, not a wrapper. */
    private static void await(Future<?> future) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("discovery interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private HyperVGeneration generation(Vm vm) {
        if (vm.securityType() != SecurityType.STANDARD) {
            return HyperVGeneration.V2;
        }
        if (vm.osDisk() != null && vm.osDisk().id() != null) {
            try {
                HyperVGeneration fromDisk = cloud.getDisk(vm.osDisk().id()).hyperVGeneration();
                if (fromDisk.known()) {
                    return fromDisk;
                }
            } catch (CloudException e) {
                // A disk in a group we cannot read (or just deleted) still leaves the instance view.
                if (!e.isNotFound() && e.httpStatus() != 403) {
                    throw e;
                }
            }
        }
        return cloud.getInstanceView(vm.ref()).hyperVGeneration();
    }
}
