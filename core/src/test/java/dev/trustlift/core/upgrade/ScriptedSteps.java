package dev.trustlift.core.upgrade;

import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.cloud.OperationHandle;
import dev.trustlift.core.cloud.OperationKind;
import dev.trustlift.core.cloud.OperationState;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** Steps and a cloud for runner tests: each step's behaviour is a function of the call, each operation a list of poll answers. */
final class ScriptedSteps {
    /** Every step call, as "vmName:step", in order (several VMs run concurrently). */
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    /** How many polls each operation URL got. */
    final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();
    /** Polls an operation URL answers IN_PROGRESS before it ends; the end is SUCCEEDED unless listed in failing. */
    final Map<String, Integer> pollsBeforeEnd = new ConcurrentHashMap<>();
    final Map<String, String> failing = new ConcurrentHashMap<>();

    Step step(String name, Function<VmUpgrade, StepResult> behaviour) {
        return step(name, RetryPolicy.TRANSIENT, behaviour);
    }

    Step step(String name, RetryPolicy policy, Function<VmUpgrade, StepResult> behaviour) {
        return new Step() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public StepResult run(VmUpgrade vm) {
                calls.add(vm.ref().name() + ":" + name);
                return behaviour.apply(vm);
            }

            @Override
            public RetryPolicy retry() {
                return policy;
            }
        };
    }

    Step done(String name) {
        return step(name, vm -> StepResult.done());
    }

    /** A step that starts one operation (URL per VM) and is done when it succeeded. */
    Step withOperation(String name, int pollsBeforeEnd) {
        return step(name, vm -> {
            if (vm.endedOperation().isPresent()) {
                EndedOperation ended = vm.endedOperation().get();
                return ended.succeeded() ? StepResult.done() : StepResult.failed(ended.state().errorCode(), "op failed");
            }
            String url = "https://management.azure.com/op/" + vm.ref().name() + "/" + name;
            this.pollsBeforeEnd.putIfAbsent(url, pollsBeforeEnd);
            return new StepResult.Await(name + "-op", handle(vm, url));
        });
    }

    static OperationHandle handle(VmUpgrade vm, String url) {
        return new OperationHandle(OperationKind.DEALLOCATE, vm.ref().id(), OperationHandle.Polling.ASYNC_OPERATION, url,
                "req-" + url.hashCode(), Instant.parse("2026-12-08T03:00:00Z"));
    }

    long callsOf(String vmAndStep) {
        synchronized (calls) {
            return calls.stream().filter(vmAndStep::equals).count();
        }
    }

    Cloud cloud() {
        return (Cloud) Proxy.newProxyInstance(Cloud.class.getClassLoader(), new Class<?>[] {Cloud.class}, (proxy, method, args) -> {
            if (!method.getName().equals("pollOperation")) {
                throw new UnsupportedOperationException(method.getName() + " is not for runner tests");
            }
            OperationHandle h = (OperationHandle) args[0];
            int n = polls.computeIfAbsent(h.pollUrl(), k -> new AtomicInteger()).incrementAndGet();
            if (n <= pollsBeforeEnd.getOrDefault(h.pollUrl(), 0)) {
                return new OperationState(OperationState.Status.IN_PROGRESS, null, null, null, "poll-" + n, h);
            }
            String code = failing.get(h.pollUrl());
            return new OperationState(code == null ? OperationState.Status.SUCCEEDED : OperationState.Status.FAILED,
                    code, code == null ? null : "it failed", null, "poll-" + n, h);
        });
    }
}
