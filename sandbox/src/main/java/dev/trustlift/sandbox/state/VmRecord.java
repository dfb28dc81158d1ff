package dev.trustlift.sandbox.state;

import dev.trustlift.sandbox.fleet.VmSpec;
import dev.trustlift.sandbox.guest.BootJudge.BootOutcome;
import dev.trustlift.sandbox.guest.GuestState;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One VM's live state. Static facts stay in the fleet's {@link VmSpec}; only what ARM calls can
 * change is held here, and JSON is rendered on demand, so 10,000 VMs stay small. Mutations and
 * consistent reads synchronize on the record.
 */
public final class VmRecord {
    private final VmSpec spec;
    private final String id;
    private final String key;
    private final String vmId;
    private final String timeCreated;
    private final GuestState guest;
    private final FaultPlan faults;
    private String size;
    private String securityType;
    private boolean secureBoot;
    private boolean vTpm;
    private PowerState power;
    private String provisioningState = "Succeeded";
    private String agent;
    private DiskRecord osDisk;
    private Map<String, String> tags;
    private boolean hibernation;
    private BootOutcome lastBoot;
    private String pendingOperation;
    private int etag = 1;

    public VmRecord(VmSpec spec, DiskRecord osDisk, String vmId, String timeCreated) {
        this.spec = spec;
        this.id = spec.resourceId();
        this.key = id.toLowerCase(Locale.ROOT);
        this.vmId = vmId;
        this.timeCreated = timeCreated;
        this.guest = new GuestState(spec.guest());
        this.faults = FaultPlan.of(spec.faults());
        this.size = spec.size();
        this.securityType = "Standard".equals(spec.securityType()) ? null : spec.securityType();
        this.secureBoot = securityType != null;
        this.vTpm = securityType != null;
        this.power = PowerState.of(spec.powerState());
        this.agent = spec.agent() == null ? "Ready" : spec.agent();
        this.osDisk = osDisk;
        this.tags = spec.tags() == null ? Map.of() : spec.tags();
        this.hibernation = Boolean.TRUE.equals(spec.hibernation());
    }

    public VmSpec spec() { return spec; }
    public String id() { return id; }
    /** Lower-case id: ARM ids are case-insensitive. */
    public String key() { return key; }
    public String vmId() { return vmId; }
    public String timeCreated() { return timeCreated; }
    public String name() { return spec.name(); }
    public String subscription() { return spec.subscription(); }
    public String resourceGroup() { return spec.resourceGroup(); }
    public String location() { return spec.location(); }
    public boolean windows() { return "Windows".equals(spec.osType()); }
    public GuestState guest() { return guest; }
    public FaultPlan faults() { return faults; }

    public synchronized String size() { return size; }
    public synchronized String securityType() { return securityType; }
    public synchronized boolean secureBoot() { return secureBoot; }
    public synchronized boolean vTpm() { return vTpm; }
    public synchronized PowerState power() { return power; }
    public synchronized String provisioningState() { return provisioningState; }
    public synchronized String agent() { return agent; }
    public synchronized DiskRecord osDisk() { return osDisk; }
    public synchronized Map<String, String> tags() { return tags; }
    public synchronized BootOutcome lastBoot() { return lastBoot; }
    public synchronized boolean hibernation() { return hibernation; }
    public synchronized String pendingOperation() { return pendingOperation; }
    public synchronized int etag() { return etag; }

    /** UEFI when the VM is Trusted Launch / confidential or its OS disk is Generation 2. */
    public synchronized boolean uefi() {
        return securityType != null || "V2".equals(osDisk.hyperVGeneration());
    }

    /** True when the guest OS is up: running, and the last boot (if the sandbox saw one) succeeded. */
    public synchronized boolean guestUp() {
        return power == PowerState.RUNNING && (lastBoot == null || lastBoot.booted());
    }

    /** The agent as the instance view reports it: a VM that is not up has no agent talking. */
    public synchronized String effectiveAgent() {
        return guestUp() ? agent : "NotReady";
    }

    public synchronized void setSize(String size) { this.size = size; etag++; }
    public synchronized void setSecurity(String type, boolean secureBoot, boolean vTpm) {
        this.securityType = type;
        this.secureBoot = secureBoot;
        this.vTpm = vTpm;
        etag++;
    }
    public synchronized void setPower(PowerState p) { this.power = p; }
    public synchronized void setProvisioningState(String s) { this.provisioningState = s; }
    public synchronized void setOsDisk(DiskRecord d) { this.osDisk = d; etag++; }
    public synchronized void setTags(Map<String, String> t) { this.tags = new LinkedHashMap<>(t); etag++; }
    public synchronized void setLastBoot(BootOutcome b) { this.lastBoot = b; }
    public synchronized void setHibernation(boolean on) { this.hibernation = on; etag++; }
    public synchronized void setPendingOperation(String op) { this.pendingOperation = op; }
}
