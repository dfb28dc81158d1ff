package dev.trustlift.cli.cloud;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.trustlift.cli.ExitCodes;
import dev.trustlift.cli.Main;
import dev.trustlift.cli.progress.ProgressMeter;
import dev.trustlift.core.assess.gather.Target;
import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.discover.DiscoveredVm;
import dev.trustlift.core.discover.FleetDiscovery;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** trustlift discover: lists the VMs of a scope with their generation and security type. */
@Command(name = "discover", mixinStandardHelpOptions = true,
        description = "List VMs with their size, generation (V1/V2) and security type.")
public final class DiscoverCommand implements Callable<Integer> {

    /** Output formats. */
    public enum Output { table, json }

    @Spec
    CommandSpec spec;

    @Mixin
    CloudOptions cloud;

    @Mixin
    ScopeOptions scope;

    @Option(names = "--graph", description = "List through Azure Resource Graph (fast for many subscriptions; may lag ARM).")
    boolean graph;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default) or json.")
    Output output;

    @Override
    public Integer call() throws Exception {
        scope.check(cloud);
        if (graph && scope.listsVms()) {
            throw new ParameterException(spec.commandLine(), "--graph lists a scope; it cannot be combined with --vms");
        }
        Cloud port = cloud.connect();
        FleetDiscovery discovery = new FleetDiscovery(port);
        List<DiscoveredVm> vms;
        List<Target> missing = List.of();
        ProgressMeter progress = ProgressMeter.onStderr("discover", spec.commandLine().getErr(),
                Main.terminal(spec).stderr());
        if (scope.listsVms()) {
            List<Target> targets = scope.resolve(port, cloud);
            missing = targets.stream().filter(t -> t.vm() == null).toList();
            vms = discovery.describe(targets.stream().filter(t -> t.vm() != null).map(Target::vm).toList(), progress);
        } else {
            vms = discovery.discover(scope.cloudScope(cloud), graph, progress);
        }
        progress.finish();
        PrintWriter out = spec.commandLine().getOut();
        if (output == Output.json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(vms.stream().map(DiscoverCommand::json).toList()));
        } else {
            printTable(out, vms);
        }
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        for (Target t : missing) {
            err.println("trustlift: " + t.ref().subscription() + "/" + t.ref().resourceGroup() + "/" + t.ref().name()
                    + ": " + t.problem());
        }
        err.flush();
        return missing.isEmpty() ? ExitCodes.OK : ExitCodes.REFUSED;
    }

    /** ARM's spellings (TrustedLaunch, Windows), so the JSON reads like the portal and az. */
    private static Map<String, Object> json(DiscoveredVm vm) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subscription", vm.subscription());
        m.put("resourceGroup", vm.resourceGroup());
        m.put("name", vm.name());
        m.put("location", vm.location());
        m.put("size", vm.size());
        m.put("osType", vm.osType() == null ? null : vm.osType() == dev.trustlift.core.cloud.OsType.WINDOWS ? "Windows" : "Linux");
        m.put("generation", vm.generation().name());
        m.put("securityType", vm.securityType().armName());
        return m;
    }

    private static void printTable(PrintWriter out, List<DiscoveredVm> vms) {
        String[] header = {"NAME", "RESOURCE GROUP", "LOCATION", "SIZE", "GEN", "SECURITY"};
        List<String[]> rows = vms.stream().map(vm -> new String[] {vm.name(), vm.resourceGroup(), vm.location(),
                vm.size(), vm.generation().name(), vm.securityType().armName()}).toList();
        int[] width = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            width[i] = header[i].length();
            for (String[] row : rows) {
                width[i] = Math.max(width[i], String.valueOf(row[i]).length());
            }
        }
        out.println(format(header, width));
        rows.forEach(row -> out.println(format(row, width)));
        long gen1 = vms.stream().filter(DiscoveredVm::isGen1).count();
        long unknown = vms.stream().filter(vm -> !vm.generation().known()).count();
        // A VM whose generation nobody could read is neither counted as Gen1 nor hidden.
        out.println(vms.size() + " VMs, " + gen1 + " Generation 1" + (unknown == 0 ? "" : ", " + unknown
                + " of unknown generation"));
    }

    private static String format(String[] cells, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String cell = String.valueOf(cells[i]);
            sb.append(cell);
            if (i < cells.length - 1) {
                sb.append(" ".repeat(width[i] - cell.length() + 2));
            }
        }
        return sb.toString();
    }
}
