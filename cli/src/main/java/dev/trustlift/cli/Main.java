package dev.trustlift.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point. {@link #run} makes every command testable in-process with captured output. */
@Command(name = "trustlift",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Upgrade Azure Generation 1 VMs to Generation 2 with Trusted Launch, safely and at scale.",
        subcommands = {
                CommandLine.HelpCommand.class,
                dev.trustlift.cli.cloud.DiscoverCommand.class,
                dev.trustlift.cli.assess.AssessCommand.class,
                dev.trustlift.cli.upgrade.UpgradeCommand.class,
                dev.trustlift.cli.upgrade.ResumeCommand.class,
                dev.trustlift.cli.campaign.StatusCommand.class,
                dev.trustlift.cli.upgrade.RollbackCommand.class,
                dev.trustlift.cli.campaign.ReportCommand.class,
                dev.trustlift.cli.disk.DiskCommand.class,
                dev.trustlift.cli.sandbox.SandboxCommand.class,
                dev.trustlift.cli.demo.DemoCommand.class,
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Terminal terminal;

    Main(Terminal terminal) {
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, Terminal.ofProcess(), args));
    }

    /** Runs one command line and returns its exit code; never calls System.exit. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        return run(out, err, Terminal.NONE, args);
    }

    /** As {@link #run(PrintStream, PrintStream, String...)}, telling whether the streams are terminals. */
    public static int run(PrintStream out, PrintStream err, Terminal terminal, String... args) {
        return run(out, err, terminal, CommandLine.defaultFactory(), args);
    }

    /**
     * As {@link #run(PrintStream, PrintStream, Terminal, String...)}, with the commands made by
     * {@code factory}: tests give the upgrade commands plans of their own this way.
     */
    public static int run(PrintStream out, PrintStream err, Terminal terminal, CommandLine.IFactory factory,
                          String... args) {
        CommandLine cli = new CommandLine(new Main(terminal), factory);
        HelpLayout.apply(cli);
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(
                terminal.stdout() && !ColorOptions.noColor(System.getenv()) ? CommandLine.Help.Ansi.ON
                        : CommandLine.Help.Ansi.OFF));
        PrintWriter outWriter = new PrintWriter(out, true);
        PrintWriter errWriter = new PrintWriter(err, true);
        cli.setOut(outWriter);
        cli.setErr(errWriter);
        cli.setExitCodeExceptionMapper(ErrorReporter::exitCodeFor);
        cli.setExecutionExceptionHandler(new ErrorReporter());
        cli.setParameterExceptionHandler(ErrorReporter::usageError);
        int code = cli.execute(args);
        outWriter.flush();
        errWriter.flush();
        return code;
    }

    /** The terminal facts of the run that {@code spec} (any command's) belongs to. */
    public static Terminal terminal(CommandLine.Model.CommandSpec spec) {
        return spec.root().userObject() instanceof Main main ? main.terminal : Terminal.NONE;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command.");
    }
}
