package dev.trustlift.sandbox.fleet;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Checks a parsed fleet against contracts/fleet.md; the first problem becomes a FleetException naming the field. */
final class FleetValidator {
    static final Set<String> POWER_STATES = Set.of("running", "stopped", "deallocated");
    static final Set<String> AGENT_STATES = Set.of("Ready", "NotReady", "Unknown");
    static final Set<String> SECURITY_TYPES = Set.of("TrustedLaunch", "ConfidentialVM", "Standard");
    static final Set<String> FEATURE_STATES = Set.of("NotRegistered", "Registering", "Registered");
    static final Set<String> ENCRYPTIONS = Set.of("none", "ade", "sse-cmk");
    static final Set<String> LOCKS = Set.of("ReadOnly", "CanNotDelete");
    static final Set<String> BITLOCKER = Set.of("off", "on", "suspended");
    static final Set<String> ENGINES = Set.of("simulated", "qemu");
    /** The Windows services the simulated guest models (MBR2GPT's shrink needs both). */
    static final Set<String> SERVICES = Set.of("vds", "defragsvc");
    /** Operation names of the contract. */
    public static final Set<String> FAULT_OPS = Set.of("get-vm", "instance-view", "update-vm", "set-security-type",
            "deallocate", "start", "restart", "run-command", "restore-point", "snapshot", "disk-create", "disk-update",
            "feature-register", "backup-status", "skus", "list-vms", "site-recovery");
    /** The operations whose faults may say the change was applied before the error. */
    public static final Set<String> MUTATING_OPS = Set.of("update-vm", "set-security-type", "deallocate", "start", "restart",
            "run-command", "restore-point", "snapshot", "disk-create", "disk-update");
    public static final Set<String> GUEST_FAULTS = Set.of("mbr2gpt-validate", "mbr2gpt-convert", "linux-convert", "boot");
    /** The named MBR2GPT failures a guest fault can force (docs/sandbox.md). */
    public static final Set<String> MBR2GPT_RESULTS = Set.of("layout", "no-room", "encrypted", "os-partition",
            "boot-files", "gpt-apply", "internal", "reagent-warning");

    private final String source;

    FleetValidator(String source) {
        this.source = source;
    }

    void validate(Fleet fleet) {
        if (fleet.timeScale() != null && (fleet.timeScale() < 0 || fleet.timeScale().isNaN())) {
            fail("timeScale must be 0 or more, not " + fleet.timeScale());
        }
        if (fleet.subscriptions() == null || fleet.subscriptions().isEmpty()) {
            fail("subscriptions is required: at least one {\"id\": \"<guid>\"}");
        }
        Set<String> subs = new HashSet<>();
        for (int i = 0; i < fleet.subscriptions().size(); i++) {
            SubscriptionSpec s = fleet.subscriptions().get(i);
            String at = "subscriptions[" + i + "]";
            require(s.id(), at + ".id");
            if (!subs.add(s.id().toLowerCase(Locale.ROOT))) {
                fail(at + ".id " + s.id() + " appears twice");
            }
            if (s.features() != null) {
                s.features().forEach((name, state) -> oneOf(state, FEATURE_STATES, at + ".features." + name));
            }
            if (s.requireFeature() != null && (s.features() == null || s.features().keySet().stream()
                    .noneMatch(f -> f.equalsIgnoreCase(s.requireFeature())))) {
                fail(at + ".requireFeature " + s.requireFeature() + " must also be listed in " + at
                        + ".features (with its state)");
            }
            locks(s.locks(), at + ".locks");
            if (s.resourceGroupLocks() != null) {
                s.resourceGroupLocks().forEach((rg, levels) -> locks(levels, at + ".resourceGroupLocks." + rg));
            }
            ThrottleSpec.parse(s.throttle(), source, at + ".throttle");
        }
        // Parsed for its errors only: a VM's size need not be listed (retired sizes exist in real fleets).
        SkuTable.of(fleet.skus(), source);
        List<VmSpec> vms = fleet.vms() == null ? List.of() : fleet.vms();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < vms.size(); i++) {
            validateVm(vms.get(i), "vms[" + i + "]", subs, ids);
        }
    }

    private void validateVm(VmSpec vm, String at, Set<String> subs, Set<String> ids) {
        require(vm.subscription(), at + ".subscription");
        require(vm.resourceGroup(), at + ".resourceGroup");
        require(vm.name(), at + ".name");
        require(vm.location(), at + ".location");
        require(vm.size(), at + ".size");
        require(vm.osType(), at + ".osType");
        if (!subs.contains(vm.subscription().toLowerCase(Locale.ROOT))) {
            fail(at + ".subscription " + vm.subscription() + " is not in subscriptions[]");
        }
        if (!ids.add(vm.resourceId().toLowerCase(Locale.ROOT))) {
            fail(at + ": VM " + vm.resourceGroup() + "/" + vm.name() + " appears twice in subscription " + vm.subscription());
        }
        if (!vm.name().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            fail(at + ".name '" + vm.name() + "' is not a valid VM name");
        }
        oneOf(vm.osType(), Set.of("Windows", "Linux"), at + ".osType");
        if (vm.timeCreated() != null) {
            try {
                java.time.OffsetDateTime.parse(vm.timeCreated());
            } catch (java.time.format.DateTimeParseException e) {
                fail(at + ".timeCreated '" + vm.timeCreated() + "' is not an ISO-8601 date-time with offset "
                        + "(e.g. 2023-05-01T08:00:00Z)");
            }
        }
        oneOf(vm.powerState(), POWER_STATES, at + ".powerState");
        oneOf(vm.agent(), AGENT_STATES, at + ".agent");
        oneOf(vm.securityType(), SECURITY_TYPES, at + ".securityType");
        if (vm.osDisk() != null) {
            OsDiskSpec d = vm.osDisk();
            oneOf(d.hyperVGeneration(), Set.of("V1", "V2"), at + ".osDisk.hyperVGeneration");
            oneOf(d.encryption(), ENCRYPTIONS, at + ".osDisk.encryption");
            if (d.sizeGb() != null && (d.sizeGb() < 1 || d.sizeGb() > 32767)) {
                fail(at + ".osDisk.sizeGb must be 1..32767, not " + d.sizeGb());
            }
            LayoutSpec.parse(d.layout(), source, at + ".osDisk.layout");
            locks(d.locks(), at + ".osDisk.locks");
        }
        if (vm.backup() != null) {
            oneOf(vm.backup().policyType(), Set.of("Standard", "Enhanced"), at + ".backup.policyType");
            require(vm.backup().policyType(), at + ".backup.policyType");
        }
        locks(vm.locks(), at + ".locks");
        if (vm.extensions() != null) {
            for (int j = 0; j < vm.extensions().size(); j++) {
                ExtensionSpec e = vm.extensions().get(j);
                require(e.publisher(), at + ".extensions[" + j + "].publisher");
                require(e.type(), at + ".extensions[" + j + "].type");
                require(e.name(), at + ".extensions[" + j + "].name");
            }
        }
        if (vm.guest() != null) {
            oneOf(vm.guest().engine(), ENGINES, at + ".guest.engine");
            oneOf(vm.guest().bitlocker(), BITLOCKER, at + ".guest.bitlocker");
            if (vm.guest().disabledServices() != null) {
                for (String service : vm.guest().disabledServices()) {
                    oneOf(service, SERVICES, at + ".guest.disabledServices");
                }
            }
            Integer logKb = vm.guest().setupLogKb();
            if (logKb != null && (logKb < 0 || logKb > 10_240)) {
                fail(at + ".guest.setupLogKb must be between 0 and 10240 (KiB), not " + logKb);
            }
        }
        if (vm.faults() != null) {
            for (int j = 0; j < vm.faults().size(); j++) {
                validateFault(vm.faults().get(j), at + ".faults[" + j + "]");
            }
        }
        if (vm.tags() != null) {
            for (Map.Entry<String, String> t : vm.tags().entrySet()) {
                require(t.getValue(), at + ".tags." + t.getKey());
            }
        }
    }

    /** Faults armed on a running sandbox (POST /_sandbox/faults) get the fleet file's checks. */
    void validateFaults(List<FaultSpec> faults, String at) {
        for (int j = 0; j < faults.size(); j++) {
            validateFault(faults.get(j), at + "[" + j + "]");
        }
    }

    private void validateFault(FaultSpec f, String at) {
        if ((f.op() == null) == (f.guest() == null)) {
            fail(at + " needs exactly one of \"op\" (an ARM operation) or \"guest\" (a guest step)");
        }
        if (f.op() != null) {
            oneOf(f.op(), FAULT_OPS, at + ".op");
            if (f.status() != null && (f.status() < 400 || f.status() > 599)) {
                fail(at + ".status must be an HTTP error status 400..599, not " + f.status());
            }
            if (f.status() == null && f.delayMs() == null) {
                fail(at + " needs \"status\" (the error to answer) or \"delayMs\" (a slow answer)");
            }
            oneOf(f.phase(), Set.of("request", "operation"), at + ".phase");
            if (f.isApplied() && !MUTATING_OPS.contains(f.op())) {
                fail(at + ".applied is for operations that change something (" + String.join(", ",
                        MUTATING_OPS.stream().sorted().toList()) + "), not '" + f.op() + "'");
            }
        } else {
            oneOf(f.guest(), GUEST_FAULTS, at + ".guest");
            require(f.result(), at + ".result");
            if (f.guest().startsWith("mbr2gpt")) {
                oneOf(f.result(), MBR2GPT_RESULTS, at + ".result");
            }
        }
        if (f.times() != null && f.times() < 1) {
            fail(at + ".times must be 1 or more (leave it out to fail every call)");
        }
        if (f.delayMs() != null && (f.delayMs() < 0 || f.delayMs() > 600_000)) {
            fail(at + ".delayMs must be 0..600000");
        }
    }

    private void locks(List<String> levels, String at) {
        if (levels != null) {
            for (int j = 0; j < levels.size(); j++) {
                require(levels.get(j), at + "[" + j + "]");
                oneOf(levels.get(j), LOCKS, at + "[" + j + "]");
            }
        }
    }

    private void require(Object value, String at) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            fail(at + " is required");
        }
    }

    private void oneOf(String value, Set<String> allowed, String at) {
        if (value != null && !allowed.contains(value)) {
            fail(at + " must be one of " + String.join(", ", allowed.stream().sorted().toList()) + ", not '" + value + "'");
        }
    }

    private void fail(String message) {
        throw new FleetException(source + ": " + message);
    }
}
