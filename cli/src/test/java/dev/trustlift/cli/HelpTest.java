package dev.trustlift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.cli.testing.CliRun;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** What a person sees when they get the command line wrong or ask for help. */
class HelpTest {

    @Test
    void aMistypedCommandGetsASuggestion() {
        CliRun r = CliRun.of("discvoer");
        assertEquals(2, r.exitCode());
        assertEquals(List.of("trustlift: Unmatched argument at index 0: 'discvoer'",
                "Did you mean: trustlift discover or trustlift disk?",
                "Try 'trustlift --help' for more information."), r.err().lines().toList());
    }

    @Test
    void aMistypedOptionGetsASuggestion() {
        CliRun r = CliRun.of("assess", "--subscription", "s1", "--resource-grup", "rg");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("Possible solutions: --resource-group"), r.err());
        assertTrue(r.err().strip().endsWith("Try 'trustlift assess --help' for more information."), r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"discover", "assess"})
    void cloudCommandsGroupTheirOptionsByPurpose(String command) {
        String help = CliRun.of(command, "--help").out();
        List<String> headings = headings(help);
        assertEquals(command.equals("assess")
                        ? List.of("Scope (which VMs):", "Assessment:", "Output:", "Connection:", "Sign-in and TLS:",
                                "Other options:", "Exit codes:")
                        : List.of("Scope (which VMs):", "Output:", "Connection:", "Sign-in and TLS:", "Other options:",
                                "Exit codes:"),
                headings, help);
        assertUnder(help, "Scope (which VMs):", "--subscription", "--resource-group", "--tag", "--vms");
        assertUnder(help, "Sign-in and TLS:", "--tenant", "--client-id", "--client-secret-env", "--ca-cert");
        assertUnder(help, "Output:", "--output");
        assertUnder(help, "Connection:", "--endpoint", "--cloud");
        assertUnder(help, "Other options:", "--help", "--version");
    }

    @Test
    void upgradeGroupsItsOptionsAndPutsTheGuestTimeoutUnderAdvanced() {
        String help = CliRun.of("upgrade", "--help").out();
        assertEquals(List.of("Journal:", "Scope (which VMs):", "Upgrade:", "Output:", "Connection:", "Sign-in and TLS:",
                "Advanced:", "Other options:", "Exit codes:"), headings(help), help);
        assertUnder(help, "Journal:", "--journal");
        assertUnder(help, "Upgrade:", "--secure-boot", "--start-stopped", "--make-room", "--max-parallel",
                "--what-if", "--yes");
        assertUnder(help, "Advanced:", "--guest-timeout");
        String codes = help.substring(help.indexOf("Exit codes:"));
        for (String code : List.of("   0   every VM ended upgraded", "   2   usage error", "   3   a VM ended BLOCKED or FAILED",
                "   5   interrupted")) {
            assertTrue(codes.contains(code), code + " in\n" + codes);
        }
        String rollback = CliRun.of("rollback", "--help").out();
        assertUnder(rollback, "Journal:", "--journal");
        assertUnder(rollback, "Upgrade:", "--vm", "--yes");
    }

    @Test
    void theCommandListIsGroupedByPurpose() {
        String help = CliRun.of("--help").out();
        assertEquals(List.of("Find and check:", "Upgrade:", "Tools:", "Other commands:", "Exit codes:"),
                headings(help), help);
        String upgrade = help.substring(help.indexOf("\nUpgrade:\n"), help.indexOf("\nTools:\n"));
        for (String command : List.of("upgrade", "resume", "rollback")) {
            assertTrue(upgrade.contains("\n  " + command + " "), command + " under Upgrade:\n" + upgrade);
        }
        assertTrue(help.substring(help.indexOf("Find and check:")).contains("  assess "), help);
    }

    @Test
    void sandboxStartGroupsItsOptionsToo() {
        String help = CliRun.of("sandbox", "start", "--help").out();
        assertEquals(List.of("Sandbox:", "Sign-in and TLS:", "Other options:", "Exit codes:"), headings(help), help);
        assertUnder(help, "Sandbox:", "--fleet", "--port", "--log");
        assertUnder(help, "Sign-in and TLS:", "--tls", "--cert-out", "--client-secret-env");
    }

    @Test
    void theTopLevelHelpGroupsCommandsInTheOrderOfARun() {
        String help = CliRun.of("--help").out();
        assertEquals(List.of("Find and check:", "Upgrade:", "Tools:", "Other commands:", "Exit codes:"), headings(help), help);
        assertTrue(help.matches("(?s).*\nFind and check:\n  discover .*\n  assess .*\nUpgrade:\n  upgrade .*\n  resume .*\n  status .*\n  rollback .*\n  report .*"
                + "\nTools:\n  disk .*\n  sandbox .*\n  demo .*\nOther commands:\n  help .*"), help);
    }

    @ParameterizedTest
    @ValueSource(strings = {"status", "report"})
    void theJournalCommandsGroupTheirOptionsAndSayWhenTheJournalIsUnreadable(String command) {
        String help = CliRun.of(command, "--help").out();
        assertEquals(List.of("Journal:", "Output:", "Other options:", "Exit codes:"), headings(help), help);
        assertUnder(help, "Journal:", "--journal", "--campaign");
        assertUnder(help, "Output:", "--output");
        assertTrue(help.contains("   2   usage error, or the journal cannot be read: missing (it is not created)"), help);
    }

    @Test
    void smallCommandsKeepOneListWhereANameMeansSomethingElse() {
        String help = CliRun.of("sandbox", "generate", "--help").out();
        assertEquals(List.of("Exit codes:"), headings(help), help);
        assertTrue(help.contains("--vms=N"), help);
    }

    @Test
    void assessListsItsExitCodes() {
        String help = CliRun.of("assess", "--help").out();
        String codes = help.substring(help.indexOf("Exit codes:"));
        for (String code : List.of("   0   no VM is BLOCKED or UNKNOWN", "   1   the tool failed", "   2   usage error",
                "   3   a VM is BLOCKED or UNKNOWN", "   5   interrupted")) {
            assertTrue(codes.contains(code), code + " in\n" + codes);
        }
    }

    @Test
    void everyCommandListsItsExitCodes() {
        CommandLine cli = new CommandLine(new Main(Terminal.NONE));
        HelpLayout.apply(cli);
        List<CommandLine> all = new ArrayList<>();
        collect(cli, all);
        assertTrue(all.size() >= 10, all.size() + " commands");
        for (CommandLine command : all) {
            String help = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
            assertTrue(help.contains("Exit codes:") && help.contains("   0   ") && help.contains("   2   usage error"),
                    command.getCommandSpec().qualifiedName() + ":\n" + help);
        }
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().stream().distinct().forEach(c -> collect(c, into));
    }

    private static List<String> headings(String help) {
        return help.lines().filter(l -> l.matches("[A-Z][A-Za-z ()-]+:")).toList();
    }

    /** Each option appears after {@code heading} and before the next heading. */
    private static void assertUnder(String help, String heading, String... options) {
        int start = help.indexOf("\n" + heading + "\n");
        assertTrue(start >= 0, heading + " in\n" + help);
        int end = help.length();
        for (String h : headings(help)) {
            int at = help.indexOf("\n" + h + "\n");
            if (at > start && at < end) {
                end = at;
            }
        }
        String section = help.substring(start, end);
        for (String option : options) {
            assertTrue(section.matches("(?s).*\\s" + option + "[=\\s].*"), option + " under " + heading + ":\n" + section);
        }
    }
}
