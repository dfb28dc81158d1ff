package dev.trustlift.cli.sandbox;

import picocli.CommandLine.Command;

/** `trustlift sandbox start|generate`: the local Azure emulator and its fleet generator. */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = "The local Azure emulator (an ARM subset on loopback) and its fleet generator.",
        subcommands = {SandboxStartCommand.class, SandboxGenerateCommand.class})
public final class SandboxCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing command: start or generate.");
    }
}
