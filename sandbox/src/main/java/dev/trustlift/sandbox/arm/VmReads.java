package dev.trustlift.sandbox.arm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.sandbox.boot.BootDiagnostics;
import dev.trustlift.sandbox.fleet.ExtensionSpec;
import dev.trustlift.sandbox.http.ArmException;
import dev.trustlift.sandbox.http.ArmRequest;
import dev.trustlift.sandbox.http.ArmResponse;
import dev.trustlift.sandbox.http.Json;
import dev.trustlift.sandbox.state.ManagementLock;
import dev.trustlift.sandbox.state.SubscriptionRecord;
import dev.trustlift.sandbox.state.VmRecord;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** GETs of VMs: one VM, its instance view, extensions, the paged lists, and the locks at any scope. */
final class VmReads {
    private final SandboxContext ctx;
    private final int pageSize;

    VmReads(SandboxContext ctx, int pageSize) {
        this.ctx = ctx;
        this.pageSize = pageSize;
    }

    VmRecord vm(ArmRequest req) {
        return ctx.state().vm(req.param("s"), req.param("rg"), req.param("vm"));
    }

    ArmResponse get(ArmRequest req) {
        VmRecord vm = vm(req);
        ctx.fault(vm.faults(), "get-vm");
        String expand = req.query("$expand");
        boolean iv = expand != null && expand.toLowerCase().contains("instanceview");
        if (iv) {
            ctx.fault(vm.faults(), "instance-view");
        }
        ObjectNode model = VmJson.model(vm, iv, req.query("api-version"));
        if (iv) {
            ((ObjectNode) model.path("properties").path("instanceView"))
                    .set("bootDiagnostics", BootDiagnostics.instanceView(vm, ctx.base()));
        }
        return ArmResponse.ok(model);
    }

    ArmResponse instanceView(ArmRequest req) {
        VmRecord vm = vm(req);
        ctx.fault(vm.faults(), "instance-view");
        ObjectNode view = VmJson.instanceView(vm);
        view.set("bootDiagnostics", BootDiagnostics.instanceView(vm, ctx.base()));
        return ArmResponse.ok(view);
    }

    /** POST {vm}/retrieveBootDiagnosticsData: SAS URIs of the serial log and screenshot. */
    ArmResponse retrieveBootDiagnosticsData(ArmRequest req) {
        VmRecord vm = vm(req);
        return ArmResponse.ok(BootDiagnostics.retrieve(vm, ctx.base(), req.query("sasUriExpirationTimeInMinutes")));
    }

    ArmResponse extensions(ArmRequest req) {
        VmRecord vm = vm(req);
        ObjectNode root = Json.object();
        ArrayNode value = root.putArray("value");
        for (ExtensionSpec e : VmJson.extensions(vm)) {
            value.add(VmJson.extension(vm, e));
        }
        return ArmResponse.ok(root);
    }

    ArmResponse listInSubscription(ArmRequest req) {
        SubscriptionRecord sub = ctx.state().subscription(req.param("s"));
        ctx.fault(sub.subscriptionFaults(), "list-vms");
        return page(req, sub.vms());
    }

    ArmResponse listInResourceGroup(ArmRequest req) {
        SubscriptionRecord sub = ctx.state().subscription(req.param("s"));
        ctx.fault(sub.subscriptionFaults(), "list-vms");
        String rg = req.param("rg");
        return page(req, sub.vms().stream().filter(v -> v.resourceGroup().equalsIgnoreCase(rg)).toList());
    }

    private ArmResponse page(ArmRequest req, List<VmRecord> all) {
        int offset = skipToken(req.query("$skiptoken"));
        ObjectNode root = Json.object();
        ArrayNode value = root.putArray("value");
        int end = Math.min(all.size(), offset + pageSize);
        for (int i = offset; i < end; i++) {
            value.add(VmJson.model(all.get(i), false, req.query("api-version")));
        }
        if (end < all.size()) {
            root.put("nextLink", ctx.base() + req.path() + "?api-version=" + req.query("api-version")
                    + "&%24skiptoken=" + URLEncoder.encode(String.valueOf(end), StandardCharsets.UTF_8));
        }
        return ArmResponse.ok(root);
    }

    static int skipToken(String token) {
        if (token == null) {
            return 0;
        }
        try {
            int n = Integer.parseInt(token);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw ArmException.badRequest("InvalidSkipToken", "The skip token '" + token + "' is not valid.");
        }
    }

    ArmResponse vmLocks(ArmRequest req) {
        return locksAt(vm(req).id());
    }

    ArmResponse diskLocks(ArmRequest req) {
        return locksAt(ctx.state().disk(req.param("s"), req.param("rg"), req.param("d")).id());
    }

    ArmResponse resourceGroupLocks(ArmRequest req) {
        ctx.state().subscription(req.param("s"));
        return locksAt("/subscriptions/" + req.param("s") + "/resourceGroups/" + req.param("rg"));
    }

    ArmResponse subscriptionLocks(ArmRequest req) {
        return locksAt("/subscriptions/" + ctx.state().subscription(req.param("s")).id());
    }

    /** Shaped like ManagementLocks_List*: the locks that apply at the scope and those under it. */
    private ArmResponse locksAt(String scope) {
        ObjectNode root = Json.object();
        ArrayNode value = root.putArray("value");
        for (ManagementLock l : ctx.state().locks().listedAt(scope)) {
            ObjectNode lock = value.addObject();
            lock.putObject("properties").put("level", l.level()).put("notes", "Set by the fleet file");
            lock.put("id", l.id());
            lock.put("type", "Microsoft.Authorization/locks");
            lock.put("name", l.name());
        }
        return ArmResponse.ok(root);
    }
}
