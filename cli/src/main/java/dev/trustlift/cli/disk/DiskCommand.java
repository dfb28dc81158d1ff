package dev.trustlift.cli.disk;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `trustlift disk ...`: the offline disk engine on image files. */
@Command(name = "disk",
        mixinStandardHelpOptions = true,
        description = "Inspect, validate and convert OS disk images offline (raw, fixed and dynamic VHD).",
        subcommands = {InspectCommand.class, ValidateCommand.class, ConvertCommand.class, SampleCommand.class})
public final class DiskCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing subcommand: inspect, validate, convert or sample.");
    }
}
