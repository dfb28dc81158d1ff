package dev.trustlift.sandbox.arm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.sandbox.fleet.SkuSpec;
import dev.trustlift.sandbox.http.ArmException;
import dev.trustlift.sandbox.http.ArmRequest;
import dev.trustlift.sandbox.http.ArmResponse;
import dev.trustlift.sandbox.http.Json;
import dev.trustlift.sandbox.identity.TokenAuthority;
import dev.trustlift.sandbox.state.SubscriptionRecord;
import dev.trustlift.sandbox.state.VmRecord;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Subscriptions, preview features, resource SKUs and Azure Backup status/policies. */
final class PlatformEndpoints {
    /** The tenant the sandbox's tokens carry (tid), as ARM lists the signed-in tenant's subscriptions. */
    static final String TENANT = TokenAuthority.SANDBOX_TENANT_ID;
    private static final Pattern LOCATION_FILTER = Pattern.compile("location\\s+eq\\s+'([^']+)'", Pattern.CASE_INSENSITIVE);
    static final String STANDARD_POLICY = "DefaultPolicy";
    static final String ENHANCED_POLICY = "EnhancedPolicy";

    private final SandboxContext ctx;

    PlatformEndpoints(SandboxContext ctx) {
        this.ctx = ctx;
    }

    ArmResponse listSubscriptions(ArmRequest req) {
        ObjectNode root = Json.object();
        ArrayNode value = root.putArray("value");
        for (SubscriptionRecord s : ctx.state().subscriptions()) {
            value.add(subscription(s));
        }
        root.putObject("count").put("type", "Total").put("value", value.size());
        return ArmResponse.ok(root);
    }

    ArmResponse getSubscription(ArmRequest req) {
        return ArmResponse.ok(subscription(ctx.state().subscription(req.param("s"))));
    }

    private static ObjectNode subscription(SubscriptionRecord s) {
        ObjectNode n = Json.object();
        n.put("id", "/subscriptions/" + s.id());
        n.put("authorizationSource", "RoleBased");
        n.putArray("managedByTenants");
        n.put("subscriptionId", s.id());
        n.put("tenantId", TENANT);
        n.put("displayName", s.displayName());
        n.put("state", "Enabled");
        n.putObject("subscriptionPolicies").put("locationPlacementId", "Public_2014-09-01")
                .put("quotaId", "PayAsYouGo_2014-09-01").put("spendingLimit", "Off");
        return n;
    }

    ArmResponse getFeature(ArmRequest req) {
        SubscriptionRecord sub = ctx.state().subscription(req.param("s"));
        String name = req.param("ns") + "/" + req.param("f");
        String state = sub.featureState(name);
        if (state == null) {
            throw new ArmException(404, "FeatureNotFound", "The feature '" + req.param("f") + "' could not be found.");
        }
        return ArmResponse.ok(feature(sub, name, state));
    }

    ArmResponse registerFeature(ArmRequest req) {
        SubscriptionRecord sub = ctx.state().subscription(req.param("s"));
        ctx.fault(sub.subscriptionFaults(), "feature-register");
        String name = req.param("ns") + "/" + req.param("f");
        String state = sub.featureState(name);
        if (state == null) {
            throw new ArmException(404, "FeatureNotFound", "The feature '" + req.param("f") + "' could not be found.");
        }
        if (state.equals("NotRegistered")) {
            sub.setFeatureState(name, "Registering");
            ctx.operations().start(sub.id(), "global", "feature-register", "feature-register", name, false, () -> {
                sub.setFeatureState(name, "Registered");
                return null;
            });
            state = "Registering";
        }
        return ArmResponse.ok(feature(sub, name, state));
    }

    private static ObjectNode feature(SubscriptionRecord sub, String name, String state) {
        String spelled = sub.featureName(name);
        ObjectNode n = Json.object();
        n.put("name", spelled);
        n.putObject("properties").put("state", state);
        n.put("id", "/subscriptions/" + sub.id() + "/providers/Microsoft.Features/providers/" + spelled.replace("/", "/features/"));
        n.put("type", "Microsoft.Features/providers/features");
        return n;
    }

    ArmResponse skus(ArmRequest req) {
        SubscriptionRecord sub = ctx.state().subscription(req.param("s"));
        ctx.fault(sub.subscriptionFaults(), "skus");
        String location = null;
        String filter = req.query("$filter");
        if (filter != null) {
            Matcher m = LOCATION_FILTER.matcher(filter);
            if (!m.find()) {
                throw new ArmException(400, "InvalidFilter", "The sandbox supports only $filter=location eq '<location>', not '"
                        + filter + "'.");
            }
            location = m.group(1).toLowerCase(Locale.ROOT);
        }
        ObjectNode root = Json.object();
        ArrayNode value = root.putArray("value");
        for (SkuSpec sku : ctx.state().skus().all()) {
            if (location == null || sku.location().equals(location)) {
                value.add(sku(sku));
            }
        }
        return ArmResponse.ok(root);
    }

    private static ObjectNode sku(SkuSpec s) {
        ObjectNode n = Json.object();
        n.put("resourceType", "virtualMachines");
        n.putArray("locations").add(s.location());
        ArrayNode caps = n.putArray("capabilities");
        for (Map.Entry<String, String> c : s.capabilities().entrySet()) {
            caps.addObject().put("name", c.getKey()).put("value", c.getValue());
        }
        ObjectNode info = n.putArray("locationInfo").addObject();
        info.put("location", s.location());
        info.putArray("zones").add("1").add("2").add("3");
        info.putArray("zoneDetails");
        n.put("name", s.name());
        n.put("tier", "Standard");
        n.put("size", s.name().startsWith("Standard_") ? s.name().substring("Standard_".length()) : s.name());
        if (s.family() != null) {
            n.put("family", s.family());
        }
        ArrayNode restrictions = n.putArray("restrictions");
        s.restrictions().forEach(r -> restrictions.add(r.toJson()));
        return n;
    }

    ArmResponse backupStatus(ArmRequest req) {
        ctx.state().subscription(req.param("s"));
        String resourceId = req.objectBody().path("resourceId").asText(null);
        if (resourceId == null) {
            throw new ArmException(400, "BadRequest", "resourceId is required.");
        }
        VmRecord vm = ctx.state().findVm(resourceId);
        ObjectNode n = Json.object();
        if (vm != null) {
            ctx.fault(vm.faults(), "backup-status");
        }
        if (vm == null || vm.spec().backup() == null) {
            n.put("protectionStatus", "NotProtected");
            n.put("errorCode", "Success");
            return ArmResponse.ok(n);
        }
        boolean standard = "Standard".equals(vm.spec().backup().policyType());
        n.put("protectionStatus", "Protected");
        n.put("vaultId", vaultId(vm));
        n.put("fabricName", "Azure");
        n.put("containerName", "iaasvmcontainer;iaasvmcontainerv2;" + vm.resourceGroup() + ";" + vm.name());
        n.put("protectedItemName", "vm;iaasvmcontainerv2;" + vm.resourceGroup() + ";" + vm.name());
        n.put("policyName", standard ? STANDARD_POLICY : ENHANCED_POLICY);
        n.put("errorCode", "Success");
        return ArmResponse.ok(n);
    }

    static String vaultId(VmRecord vm) {
        return "/subscriptions/" + vm.subscription() + "/resourceGroups/" + vm.resourceGroup()
                + "/providers/Microsoft.RecoveryServices/vaults/rsv-" + vm.resourceGroup();
    }

    ArmResponse backupPolicy(ArmRequest req) {
        ctx.state().subscription(req.param("s"));
        String name = req.param("p");
        boolean enhanced;
        if (name.equalsIgnoreCase(ENHANCED_POLICY)) {
            enhanced = true;
        } else if (name.equalsIgnoreCase(STANDARD_POLICY)) {
            enhanced = false;
        } else {
            throw ArmException.notFound("Microsoft.RecoveryServices/vaults/backupPolicies", name, req.param("rg"));
        }
        ObjectNode n = Json.object();
        n.put("id", "/subscriptions/" + req.param("s") + "/resourceGroups/" + req.param("rg")
                + "/providers/Microsoft.RecoveryServices/vaults/" + req.param("v") + "/backupPolicies/" + name);
        n.put("name", name);
        n.put("type", "Microsoft.RecoveryServices/vaults/backupPolicies");
        ObjectNode p = n.putObject("properties");
        p.put("backupManagementType", "AzureIaasVM");
        p.put("instantRpRetentionRangeInDays", enhanced ? 7 : 2);
        p.put("policyType", enhanced ? "V2" : "V1");
        ObjectNode schedule = p.putObject("schedulePolicy");
        if (enhanced) {
            schedule.putObject("dailySchedule").putArray("scheduleRunTimes").add("2018-01-24T10:00:00Z");
            schedule.put("schedulePolicyType", "SimpleSchedulePolicyV2");
        } else {
            schedule.putArray("scheduleRunTimes").add("2018-01-24T10:00:00Z");
            schedule.put("schedulePolicyType", "SimpleSchedulePolicy");
        }
        schedule.put("scheduleRunFrequency", "Daily");
        ObjectNode retention = p.putObject("retentionPolicy");
        retention.put("retentionPolicyType", "LongTermRetentionPolicy");
        ObjectNode daily = retention.putObject("dailySchedule");
        daily.putArray("retentionTimes").add("2018-01-24T10:00:00Z");
        daily.putObject("retentionDuration").put("count", 30).put("durationType", "Days");
        p.put("timeZone", "UTC");
        p.put("protectedItemsCount", 1);
        return ArmResponse.ok(n);
    }
}
