package dev.trustlift.cli.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.cli.assess.AssessCommand;
import dev.trustlift.cli.testing.CliRun;
import dev.trustlift.sandbox.SandboxServer;
import dev.trustlift.sandbox.fleet.Fleet;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * "Every flag that an assess remediation names exists and does what it says": assess the
 * rule-coverage fleet (every rule fires on some VM) plus a VM whose C: must be defragmented,
 * collect each remediation's trustlift flags (not the az CLI's: an {@code az ...} command runs to
 * its closing parenthesis or semicolon), and check that each is an option of upgrade or assess and
 * takes the value the remediation gives it.
 */
class RemediationFlagsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern AZ_COMMAND = Pattern.compile("\\baz [^);]*");
    static final Pattern FLAG = Pattern.compile("(--[a-z][a-z0-9-]*)(?: ([a-z][a-z0-9-]*))?");

    @Test
    void everyFlagARemediationNamesIsAnOptionThatTakesTheNamedValue() throws Exception {
        Set<String> remediations = new LinkedHashSet<>();
        try (SandboxServer sandbox = SandboxServer.start(Fleet.parse(fleet(), "rules-coverage + defrag"), 0)) {
            for (String sub : List.of("11111111-1111-1111-1111-111111111111", "22222222-2222-2222-2222-222222222222")) {
                CliRun r = CliRun.of("assess", "--endpoint", sandbox.endpoint(), "--subscription", sub, "--output", "json");
                assertTrue(r.exitCode() == 0 || r.exitCode() == 3, r.describe());
                for (JsonNode vm : JSON.readTree(r.out()).get("vms")) {
                    vm.get("findings").forEach(f -> remediations.add(f.get("rule").asText() + ": " + f.get("remediation").asText()));
                }
            }
        }
        Set<String> named = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (String remediation : remediations) {
            Matcher m = FLAG.matcher(AZ_COMMAND.matcher(remediation).replaceAll("az-command"));
            while (m.find()) {
                named.add(m.group(1));
                String problem = check(m.group(1), m.group(2));
                if (problem != null) {
                    problems.add(problem + " in " + remediation);
                }
            }
        }
        assertTrue(named.containsAll(List.of("--start-stopped", "--make-room")),
                "the fleet makes TL040 and TL091 name their flags: " + named + "\n" + String.join("\n", remediations));
        assertEquals(List.of(), problems);
    }

    /** Null when {@code flag} (with {@code value} if it takes one) parses on upgrade or assess; else why not. */
    static String check(String flag, String value) {
        for (Object command : List.of(new UpgradeCommand(), new AssessCommand())) {
            CommandLine cli = new CommandLine(command);
            CommandLine.Model.OptionSpec option = cli.getCommandSpec().findOption(flag);
            if (option == null) {
                continue;
            }
            List<String> args = new ArrayList<>(List.of(flag));
            if (option.arity().min() > 0) {
                if (value == null) {
                    return flag + " takes a value but the remediation names none";
                }
                args.add(value);
            }
            try {
                cli.parseArgs(args.toArray(String[]::new));
                return null;
            } catch (CommandLine.ParameterException e) {
                return flag + " " + value + ": " + e.getMessage();
            }
        }
        return flag + " is an option of neither upgrade nor assess";
    }

    @Test
    void theCheckCatchesAFlagThatDoesNotExistOrAValueItRefuses() {
        assertTrue(check("--make-room", "grow").contains("--make-room takes none, shrink or defrag"), "grow is issue 10's");
        assertTrue(check("--recreate", null).contains("neither upgrade nor assess"));
        assertEquals(null, check("--make-room", "defrag"));
        assertEquals(null, check("--no-probe-guest", null));
    }

    /** The rule-coverage fleet and one Windows VM whose free space on C: is all behind unmovable files (defrag). */
    static String fleet() throws Exception {
        ObjectNode fleet;
        try (InputStream in = RemediationFlagsTest.class.getResourceAsStream("/fleets/rules-coverage.json")) {
            fleet = (ObjectNode) JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        ArrayNode vms = (ArrayNode) fleet.get("vms");
        for (JsonNode vm : vms) {
            if (vm.get("name").asText().equals("low-free-space")) {
                ObjectNode defrag = vm.deepCopy();
                defrag.put("name", "needs-defrag");
                ((ObjectNode) defrag.get("osDisk")).put("name", "needs-defrag-os");
                ((ObjectNode) defrag.get("guest")).put("freeSpaceMb", 20000).put("unmovableTailMb", 19950);
                vms.add(defrag);
                break;
            }
        }
        return fleet.toString();
    }
}
