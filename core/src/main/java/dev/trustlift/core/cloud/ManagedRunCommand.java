package dev.trustlift.core.cloud;

import java.time.Duration;
import java.util.List;

/**
 * A managed Run Command ({@code runCommands/{name}}): unlike the action API its result stays
 * readable after a crash, it reports an exit code, and user data travels as parameters, never
 * spliced into the script text (DESIGN safety rule 5). On Windows ARM passes parameters as named
 * script parameters, on Linux as environment variables.
 *
 * @param script lines sent as they are (no exit marker: the instance view has the exit code)
 * @param protectedParameters sent encrypted by ARM and never returned; {@link #toString} names them only
 */
public record ManagedRunCommand(String name, List<String> script, List<Parameter> parameters,
                                List<Parameter> protectedParameters, Duration timeout) {

    /** One name/value pair of {@code parameters} or {@code protectedParameters}, in order. */
    public record Parameter(String name, String value) {
        public Parameter {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a run command parameter needs a name");
            }
            value = value == null ? "" : value;
        }
    }

    public ManagedRunCommand {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a managed run command needs a name");
        }
        script = List.copyOf(script);
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        protectedParameters = protectedParameters == null ? List.of() : List.copyOf(protectedParameters);
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a managed run command needs a positive timeout");
        }
    }

    /**
     * The managed run of a guest script, so a script and its parameters have one model
     * ({@link GuestScript}): its lines as they are, without the action API's exit-marker wrapper (the
     * instance view reports the exit code), its parameters in name order, and its timeout.
     */
    public static ManagedRunCommand of(String name, GuestScript script) {
        List<Parameter> parameters = new java.util.TreeMap<>(script.parameters()).entrySet().stream()
                .map(e -> new Parameter(e.getKey(), e.getValue())).toList();
        return new ManagedRunCommand(name, script.lines(), parameters, List.of(), script.timeout());
    }

    /** Secrets stay out of logs and exception messages: protected values are not printed. */
    @Override
    public String toString() {
        return "ManagedRunCommand[name=" + name + ", lines=" + script.size() + ", parameters=" + parameters
                + ", protectedParameters=" + protectedParameters.stream().map(Parameter::name).toList()
                + ", timeout=" + timeout + "]";
    }
}
