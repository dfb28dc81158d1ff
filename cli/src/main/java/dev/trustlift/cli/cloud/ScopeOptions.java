package dev.trustlift.cli.cloud;

import dev.trustlift.core.assess.gather.Target;
import dev.trustlift.core.assess.gather.VmResolver;
import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.cloud.CloudException;
import dev.trustlift.core.cloud.CloudScope;
import dev.trustlift.core.vmlist.VmListEntry;
import dev.trustlift.core.vmlist.VmListException;
import dev.trustlift.core.vmlist.VmListFile;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Which VMs a command works on: a resource group, tags, or a --vms file (the official script's
 * CSV or resource ids). Shared by every command that takes a list of VMs, so the official CSV is
 * accepted wherever a list of VMs is.
 */
public final class ScopeOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--resource-group", paramLabel = "RG", description = "Only this resource group.")
    String resourceGroup;

    @Option(names = "--tag", paramLabel = "NAME=VALUE", description = "Only VMs with this tag (repeatable; all must match).")
    Map<String, String> tags = new LinkedHashMap<>();

    @Option(names = "--vms", paramLabel = "FILE",
            description = "Only these VMs: the official script's CSV (vmName,vmResourceGroupName,enableSecureBoot) or one "
                    + "resource id per line.")
    Path vmsFile;

    private List<VmListEntry> listed;

    /**
     * Checks the options and reads the --vms file before anything talks to the cloud, so bad
     * input costs no call and no SDK start-up.
     */
    public void check(CloudOptions cloud) throws IOException {
        cloud.subscriptions();
        if (vmsFile != null && (resourceGroup != null || !tags.isEmpty())) {
            throw new ParameterException(spec.commandLine(), "--vms names the VMs itself; it cannot be combined with "
                    + "--resource-group or --tag");
        }
        listed = vmsFile == null ? null : readVmList();
    }

    /** The VMs in scope (after {@link #check}); a --vms row not found comes back as a missing target. */
    public List<Target> resolve(Cloud port, CloudOptions cloud) {
        List<String> subscriptions = cloud.subscriptions();
        if (listed != null) {
            return new VmResolver(port).fromList(listed, subscriptions);
        }
        try {
            return new VmResolver(port).fromScope(cloudScope(cloud));
        } catch (CloudException e) {
            // A subscription or group that does not exist is bad input; access denied (403) is not
            // and reaches ErrorReporter, which names the missing permission (exit 1).
            if (e.isNotFound()) {
                throw new ParameterException(spec.commandLine(), "cannot list VMs in subscription(s) "
                        + String.join(", ", subscriptions) + (resourceGroup == null ? "" : " / resource group " + resourceGroup)
                        + ": " + e.getMessage());
            }
            throw e;
        }
    }

    /** --resource-group, null when not given (campaigns record it). */
    public String resourceGroup() {
        return resourceGroup;
    }

    /** --tag pairs, in the order given. */
    public Map<String, String> tags() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /** --vms, null when not given. */
    public Path vmsFile() {
        return vmsFile;
    }

    /** True when a --vms file names the VMs, rather than a resource group or tags. */
    public boolean listsVms() {
        return vmsFile != null;
    }

    /** The subscriptions, resource group and tags as a listing scope (not for --vms). */
    public CloudScope cloudScope(CloudOptions cloud) {
        return cloud.scope(resourceGroup, tags);
    }

    private List<VmListEntry> readVmList() throws IOException {
        try {
            return VmListFile.read(vmsFile);
        } catch (NoSuchFileException e) {
            throw new ParameterException(spec.commandLine(), "--vms: no such file: " + vmsFile);
        } catch (VmListException e) {
            throw new ParameterException(spec.commandLine(), "--vms " + e.getMessage());
        }
    }
}
