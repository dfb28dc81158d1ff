package dev.trustlift.sandbox.arm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.sandbox.fleet.ExtensionSpec;
import dev.trustlift.sandbox.fleet.OsDiskSpec;
import dev.trustlift.sandbox.fleet.VmSpec;
import dev.trustlift.sandbox.http.Json;
import dev.trustlift.sandbox.state.DiskRecord;
import dev.trustlift.sandbox.state.PowerState;
import dev.trustlift.sandbox.state.VmRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders a VM in the shapes of VirtualMachine_Get.json and VirtualMachine_Get_InstanceView.json. */
final class VmJson {
    private static final String AGENT_VERSION = "2.7.41491.1102";
    private static final String STATUS_TIME = "2024-03-01T09:05:00+00:00";
    private static final String STANDARD_SINCE = "2025-11-01";

    private VmJson() {
    }

    /** The model as the oldest api-versions show it (no securityProfile for a VM without a security type). */
    static ObjectNode model(VmRecord vm, boolean withInstanceView) {
        return model(vm, withInstanceView, null);
    }

    /**
     * The model as {@code apiVersion} shows it: from Compute 2025-11-01 a VM without a security type
     * carries {@code securityProfile.securityType: "Standard"}; older versions omit it.
     */
    static ObjectNode model(VmRecord vm, boolean withInstanceView, String apiVersion) {
        synchronized (vm) {
            VmSpec spec = vm.spec();
            DiskRecord disk = vm.osDisk();
            ObjectNode root = Json.object();
            root.put("name", vm.name());
            root.put("id", vm.id());
            root.put("type", "Microsoft.Compute/virtualMachines");
            root.put("location", vm.location());
            ObjectNode tags = root.putObject("tags");
            vm.tags().forEach(tags::put);
            if (spec.zones() != null && !spec.zones().isEmpty()) {
                ArrayNode zones = root.putArray("zones");
                spec.zones().forEach(zones::add);
            }
            root.put("etag", "\"" + vm.etag() + "\"");
            ObjectNode p = root.putObject("properties");
            p.put("vmId", vm.vmId());
            if (spec.availabilitySet() != null) {
                p.putObject("availabilitySet").put("id", "/subscriptions/" + vm.subscription() + "/resourceGroups/"
                        + vm.resourceGroup() + "/providers/Microsoft.Compute/availabilitySets/" + spec.availabilitySet());
            }
            if (spec.scaleSet() != null) {
                p.putObject("virtualMachineScaleSet").put("id", "/subscriptions/" + vm.subscription() + "/resourceGroups/"
                        + vm.resourceGroup() + "/providers/Microsoft.Compute/virtualMachineScaleSets/" + spec.scaleSet());
            }
            p.putObject("hardwareProfile").put("vmSize", vm.size());
            storageProfile(p.putObject("storageProfile"), vm, disk);
            ObjectNode os = p.putObject("osProfile");
            os.put("computerName", vm.name());
            os.put("adminUsername", "azureuser");
            if (vm.windows()) {
                os.putObject("windowsConfiguration").put("provisionVMAgent", true).put("enableAutomaticUpdates", true);
            } else {
                os.putObject("linuxConfiguration").put("disablePasswordAuthentication", true).put("provisionVMAgent", true);
            }
            os.putArray("secrets");
            p.putObject("networkProfile").putArray("networkInterfaces").addObject().put("id", "/subscriptions/"
                    + vm.subscription() + "/resourceGroups/" + vm.resourceGroup()
                    + "/providers/Microsoft.Network/networkInterfaces/" + vm.name() + "-nic");
            if (vm.securityType() != null) {
                ObjectNode sec = p.putObject("securityProfile");
                sec.putObject("uefiSettings").put("secureBootEnabled", vm.secureBoot()).put("vTpmEnabled", vm.vTpm());
                sec.put("securityType", vm.securityType());
            } else if (reportsStandardSecurityType(apiVersion)) {
                p.putObject("securityProfile").put("securityType", "Standard");
            }
            if (vm.hibernation()) {
                p.putObject("additionalCapabilities").put("hibernationEnabled", true);
            }
            p.putObject("diagnosticsProfile").putObject("bootDiagnostics").put("enabled", true);
            p.put("provisioningState", vm.provisioningState());
            p.put("timeCreated", vm.timeCreated());
            if (withInstanceView) {
                p.set("instanceView", instanceView(vm));
            }
            List<ExtensionSpec> exts = extensions(vm);
            if (!exts.isEmpty()) {
                ArrayNode resources = root.putArray("resources");
                for (ExtensionSpec e : exts) {
                    resources.add(extension(vm, e));
                }
            }
            return root;
        }
    }

    /** Compute api-versions from 2025-11-01 (previews of later dates too) name the Standard security type. */
    static boolean reportsStandardSecurityType(String apiVersion) {
        return apiVersion != null && apiVersion.length() >= 10 && apiVersion.substring(0, 10).compareTo(STANDARD_SINCE) >= 0;
    }

    private static void storageProfile(ObjectNode sp, VmRecord vm, DiskRecord disk) {
        VmSpec spec = vm.spec();
        OsDiskSpec d = spec.osDisk();
        String image = d == null ? null : d.imageReference();
        if (image != null) {
            String[] parts = image.split(":");
            ObjectNode ref = sp.putObject("imageReference");
            if (parts.length == 4) {
                ref.put("publisher", parts[0]).put("offer", parts[1]).put("sku", parts[2]).put("version", parts[3]);
            } else {
                ref.put("id", image);
            }
        }
        ObjectNode osDisk = sp.putObject("osDisk");
        osDisk.put("osType", spec.osType());
        osDisk.put("name", disk.name());
        osDisk.put("createOption", "FromImage");
        osDisk.put("caching", "ReadWrite");
        if (d != null && Boolean.TRUE.equals(d.ephemeral())) {
            osDisk.putObject("diffDiskSettings").put("option", "Local").put("placement", "CacheDisk");
            osDisk.put("caching", "ReadOnly");
        }
        if (d != null && Boolean.FALSE.equals(d.managed())) {
            osDisk.putObject("vhd").put("uri", "https://sa" + vm.resourceGroup().replaceAll("[^a-z0-9]", "")
                    + ".blob.core.windows.net/vhds/" + disk.name() + ".vhd");
        } else {
            ObjectNode md = osDisk.putObject("managedDisk");
            md.put("storageAccountType", "Premium_LRS");
            if ("sse-cmk".equals(disk.encryption())) {
                md.putObject("diskEncryptionSet").put("id", "/subscriptions/" + vm.subscription() + "/resourceGroups/"
                        + vm.resourceGroup() + "/providers/Microsoft.Compute/diskEncryptionSets/des-" + vm.location());
            }
            md.put("id", disk.id());
        }
        if ("ade".equals(disk.encryption())) {
            osDisk.putObject("encryptionSettings").put("enabled", true);
        }
        osDisk.put("diskSizeGB", disk.sizeGb());
        sp.putArray("dataDisks");
    }

    /** The fleet's extensions plus those its flags imply (ASR's Mobility agent, Azure Disk Encryption). */
    static List<ExtensionSpec> extensions(VmRecord vm) {
        VmSpec spec = vm.spec();
        List<ExtensionSpec> list = new ArrayList<>(spec.extensions() == null ? List.of() : spec.extensions());
        String os = vm.windows() ? "Windows" : "Linux";
        if (Boolean.TRUE.equals(spec.asr()) && list.stream().noneMatch(e -> e.publisher().contains("SiteRecovery"))) {
            list.add(new ExtensionSpec("Microsoft.Azure.RecoveryServices.SiteRecovery", os, "SiteRecovery-" + os));
        }
        if ("ade".equals(vm.osDisk().encryption()) && list.stream().noneMatch(e -> e.type().startsWith("AzureDiskEncryption"))) {
            String type = vm.windows() ? "AzureDiskEncryption" : "AzureDiskEncryptionForLinux";
            list.add(new ExtensionSpec("Microsoft.Azure.Security", type, type));
        }
        return list;
    }

    static ObjectNode extension(VmRecord vm, ExtensionSpec e) {
        ObjectNode ext = Json.object();
        ext.put("name", e.name());
        ext.put("id", vm.id() + "/extensions/" + e.name());
        ext.put("type", "Microsoft.Compute/virtualMachines/extensions");
        ext.put("location", vm.location());
        ObjectNode p = ext.putObject("properties");
        p.put("autoUpgradeMinorVersion", true);
        p.put("provisioningState", "Succeeded");
        p.put("publisher", e.publisher());
        p.put("type", e.type());
        p.put("typeHandlerVersion", "1.0");
        p.putObject("settings");
        return ext;
    }

    static ObjectNode instanceView(VmRecord vm) {
        synchronized (vm) {
            DiskRecord disk = vm.osDisk();
            ObjectNode iv = Json.object();
            iv.put("computerName", vm.name());
            boolean up = vm.guestUp();
            String agent = vm.effectiveAgent();
            if (up && "Ready".equals(agent)) {
                iv.put("osName", vm.spec().osName());
                iv.put("osVersion", vm.spec().osVersion());
            }
            if (vm.power() == PowerState.RUNNING && !"Unknown".equals(vm.agent())) {
                ObjectNode agentNode = iv.putObject("vmAgent");
                agentNode.put("vmAgentVersion", "Ready".equals(agent) ? AGENT_VERSION : "Unknown");
                ObjectNode st = agentNode.putArray("statuses").addObject();
                if ("Ready".equals(agent)) {
                    st.put("code", "ProvisioningState/succeeded").put("level", "Info").put("displayStatus", "Ready")
                            .put("message", "GuestAgent is running and processing the extensions.");
                } else {
                    st.put("code", "ProvisioningState/Unavailable").put("level", "Warning").put("displayStatus", "Not Ready")
                            .put("message", "VM Agent is unresponsive.");
                }
                st.put("time", STATUS_TIME);
                agentNode.putArray("extensionHandlers");
            }
            ObjectNode diskNode = iv.putArray("disks").addObject();
            diskNode.put("name", disk.name());
            diskNode.putArray("statuses").add(status("ProvisioningState/succeeded", "Info", "Provisioning succeeded", null));
            iv.put("hyperVGeneration", disk.hyperVGeneration());
            ArrayNode statuses = iv.putArray("statuses");
            String prov = vm.provisioningState();
            statuses.add(status("ProvisioningState/" + prov.toLowerCase(), "Info",
                    prov.equals("Succeeded") ? "Provisioning succeeded" : prov, null));
            statuses.add(status("PowerState/" + vm.power().code(), "Info", vm.power().display(), null));
            return iv;
        }
    }

    static ObjectNode status(String code, String level, String display, String message) {
        ObjectNode s = Json.object();
        s.put("code", code).put("level", level).put("displayStatus", display);
        if (message != null) {
            s.put("message", message);
        }
        s.put("time", STATUS_TIME);
        return s;
    }

    static Map<String, String> tagsOf(ObjectNode node) {
        Map<String, String> tags = new java.util.LinkedHashMap<>();
        node.fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
        return tags;
    }
}
