package dev.trustlift.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * What {@code --help} shows beyond picocli's defaults: options grouped by purpose (scope,
 * sign-in, output, ...) rather than in one alphabetical list, and each command's exit codes.
 * Kept in one place so the groups and the codes read the same in every command (the README's
 * exit code table is the same list).
 */
final class HelpLayout {

    /** Headings in the order shown, each with the options (by longest name) it holds. */
    private static final Map<String, List<String>> GROUPS = new LinkedHashMap<>();

    static {
        GROUPS.put("Journal:", List.of("--journal", "--campaign"));
        GROUPS.put("Scope (which VMs):", List.of("--subscription", "--resource-group", "--tag", "--vms", "--graph"));
        GROUPS.put("Assessment:", List.of("--probe-guest", "--no-probe-guest", "--parallel"));
        GROUPS.put("Upgrade:", List.of("--vm", "--secure-boot", "--start-stopped", "--make-room",
                "--max-parallel", "--what-if", "--yes"));
        GROUPS.put("Output:", List.of("--output", "--out", "--color"));
        GROUPS.put("Sandbox:", List.of("--fleet", "--port", "--log"));
        GROUPS.put("Connection:", List.of("--endpoint", "--cloud", "--verbose"));
        GROUPS.put("Sign-in and TLS:", List.of("--tls", "--cert-out", "--tenant", "--client-id", "--client-secret-env",
                "--authority-host", "--ca-cert"));
        GROUPS.put("Advanced:", List.of("--guest-timeout"));
    }

    /**
     * The top-level commands under headings, in the order of a run: find and check, upgrade and
     * follow it, then the tools. A command in no group is listed last, under "Other commands:".
     */
    private static final Map<String, List<String>> COMMAND_GROUPS = new LinkedHashMap<>();

    static {
        COMMAND_GROUPS.put("Find and check:", List.of("discover", "assess"));
        COMMAND_GROUPS.put("Upgrade:", List.of("upgrade", "resume", "status", "rollback", "report"));
        COMMAND_GROUPS.put("Tools:", List.of("disk", "sandbox", "demo"));
    }

    /**
     * The commands with enough options to need headings. Others keep picocli's one list: the same
     * name can mean something else there (generate's --vms is a count, not a scope).
     */
    private static final Set<String> GROUPED = Set.of("trustlift discover", "trustlift assess", "trustlift sandbox start",
            "trustlift status", "trustlift report", "trustlift upgrade", "trustlift resume", "trustlift rollback");

    private static final String OK = "0:done";
    private static final String FAILURE = "1:the tool failed: I/O error, cloud unreachable, access denied (names the"
            + " missing permission), bug";
    private static final String USAGE = "2:usage error or unreadable input (bad flags, missing or corrupt file)";

    private static final String JOURNAL_UNREADABLE = "2:usage error, or the journal cannot be read: missing (it is not"
            + " created), not a trustlift journal, written by a newer trustlift, or without that campaign";

    /** The exit codes of a run that changes VMs (upgrade, resume, rollback): issue 9's, exact. */
    private static final List<String> CAMPAIGN_CODES = List.of(
            "0:every VM ended upgraded, already Trusted Launch or skipped",
            "1:the tool itself failed (the journal says where)",
            "2:usage error or bad input (bad flags, unknown VM in --vms, malformed CSV, no journal); also without --yes:"
                    + " nothing was changed",
            "3:a VM ended BLOCKED or FAILED (each such VM running and as it was)",
            "5:interrupted (Ctrl-C, SIGTERM, lost connection): VMs wait at a safe point; `resume` continues");

    /** Exit codes of the commands that change VMs. */
    private static final Map<String, List<String>> CAMPAIGN_EXIT_CODES = Map.of(
            "trustlift upgrade", List.of(CAMPAIGN_CODES.get(0), CAMPAIGN_CODES.get(1), CAMPAIGN_CODES.get(2),
                    "3:a VM ended BLOCKED or FAILED (each such VM running and as it was); with --what-if: a VM would be"
                            + " BLOCKED (nothing was changed)", CAMPAIGN_CODES.get(4)),
            "trustlift resume", List.of("0:every VM ended upgraded, already Trusted Launch or skipped; or nothing"
                    + " to resume", CAMPAIGN_CODES.get(1), CAMPAIGN_CODES.get(2), CAMPAIGN_CODES.get(3), CAMPAIGN_CODES.get(4)),
            "trustlift rollback", List.of("0:the OS disk was restored and the VM runs as it was", CAMPAIGN_CODES.get(1),
                    "2:usage error: bad flags, no journal, the VM is not in the journal; also without --yes: nothing was"
                            + " changed",
                    "3:refused, nothing changed (Trusted Launch already set: the VM must be recreated; no restore point;"
                            + " the VM is still in progress), or the restore failed (the journal says how the VM was left)",
                    CAMPAIGN_CODES.get(4)));

    /** Exit codes by qualified command name; commands not listed get the three every command has. */
    private static final Map<String, List<String>> EXIT_CODES = Map.of(
            "trustlift discover", List.of(OK, FAILURE, USAGE, "3:a VM of the --vms file was not found"),
            "trustlift assess", List.of("0:no VM is BLOCKED or UNKNOWN", FAILURE, USAGE,
                    "3:a VM is BLOCKED or UNKNOWN (nothing was changed)",
                    "5:interrupted (Ctrl-C, SIGTERM): the report of the VMs assessed so far was written, marked partial"),
            "trustlift disk validate", List.of("0:the image can be converted", FAILURE, USAGE,
                    "3:the image fails validation (the problems are listed)"),
            "trustlift disk convert", List.of(OK, FAILURE, USAGE, "3:refused: the image cannot be converted; it is unchanged"),
            "trustlift demo", List.of("0:every step ran (blocked VMs are part of the demo)", FAILURE, USAGE),
            "trustlift status", List.of("0:the campaign was read and shown", FAILURE, JOURNAL_UNREADABLE),
            "trustlift report", List.of("0:the report was written", FAILURE, JOURNAL_UNREADABLE));

    private HelpLayout() {
    }

    /** Applies the layout to {@code cli} and every subcommand below it. */
    static void apply(CommandLine cli) {
        CommandSpec spec = cli.getCommandSpec();
        UsageMessageSpec usage = spec.usageMessage();
        if (spec.parent() == null) {
            usage.sectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING, help -> "");
            usage.sectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, HelpLayout::commandList);
        }
        if (GROUPED.contains(spec.qualifiedName())) {
            usage.sectionMap().put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, HelpLayout::optionList);
        }
        if (spec.parent() == null) {
            usage.sectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING, help -> "");
            usage.sectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, HelpLayout::commandList);
        }
        if (usage.exitCodeList().isEmpty()) {
            Map<String, String> codes = new LinkedHashMap<>();
            List<String> known = CAMPAIGN_EXIT_CODES.containsKey(spec.qualifiedName())
                    ? CAMPAIGN_EXIT_CODES.get(spec.qualifiedName()) : EXIT_CODES.get(spec.qualifiedName());
            for (String entry : known == null ? List.of(OK, FAILURE, USAGE) : known) {
                int colon = entry.indexOf(':');
                codes.put(" " + entry.substring(0, colon), entry.substring(colon + 1));
            }
            usage.exitCodeListHeading("%nExit codes:%n");
            usage.exitCodeList(codes);
        }
        cli.getSubcommands().values().stream().distinct().forEach(HelpLayout::apply);
    }

    /** The subcommands under their headings; picocli's own list when there are none. */
    static String commandList(Help help) {
        Map<String, Help> all = help.subcommands();
        if (all.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        Map<String, Help> rest = new LinkedHashMap<>(all);
        for (Map.Entry<String, List<String>> group : COMMAND_GROUPS.entrySet()) {
            Map<String, Help> members = new LinkedHashMap<>();
            for (String name : group.getValue()) {
                if (all.containsKey(name)) {
                    members.put(name, all.get(name));
                    rest.remove(name);
                }
            }
            commandSection(out, help, group.getKey(), members);
        }
        commandSection(out, help, "Other commands:", rest);
        return out.toString();
    }

    private static void commandSection(StringBuilder out, Help help, String heading, Map<String, Help> commands) {
        if (commands.isEmpty()) {
            return;
        }
        out.append(System.lineSeparator()).append(heading).append(System.lineSeparator()).append(help.commandList(commands));
    }

    /** The options under their headings; options in no group come last, under "Other options:". */
    static String optionList(Help help) {
        List<OptionSpec> visible = help.commandSpec().options().stream().filter(o -> !o.hidden()).toList();
        if (visible.stream().noneMatch(o -> groupOf(o) != null)) {
            return help.optionList();
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<String>> group : GROUPS.entrySet()) {
            List<OptionSpec> members = new ArrayList<>();
            for (String name : group.getValue()) {
                visible.stream().filter(o -> o.longestName().equals(name)).findFirst().ifPresent(members::add);
            }
            section(out, help, group.getKey(), members);
        }
        section(out, help, "Other options:", visible.stream().filter(o -> groupOf(o) == null).toList());
        return out.toString();
    }

    private static String groupOf(OptionSpec option) {
        for (Map.Entry<String, List<String>> group : GROUPS.entrySet()) {
            if (group.getValue().contains(option.longestName())) {
                return group.getKey();
            }
        }
        return null;
    }

    private static void section(StringBuilder out, Help help, String heading, List<OptionSpec> options) {
        if (options.isEmpty()) {
            return;
        }
        Help.Layout layout = help.createDefaultLayout();
        for (OptionSpec option : options) {
            layout.addOption(option, help.parameterLabelRenderer());
        }
        out.append(System.lineSeparator()).append(heading).append(System.lineSeparator()).append(layout);
    }
}
