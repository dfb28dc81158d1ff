package dev.trustlift.sandbox.state;

import java.util.List;

/**
 * A managed Run Command ({vm}/runCommands/{name}): its script and, once run, the execution
 * result its instance view reports (exit code, output, error). Guarded by its own lock.
 */
public final class ManagedRunCommandRecord {
    private final String id;
    private final String name;
    private final String location;
    private final List<String> script;
    private final int timeoutInSeconds;
    private final boolean treatFailureAsDeploymentFailure;
    private final String startTime;
    private final java.util.Map<String, String> parameters;
    private final java.util.Map<String, String> protectedParameters;
    private String provisioningState = "Creating";
    private String executionState = "Running";
    private String executionMessage = "";
    private Integer exitCode;
    private String output = "";
    private String error = "";
    private String endTime;

    public ManagedRunCommandRecord(String id, String name, String location, List<String> script, int timeoutInSeconds,
                                   boolean treatFailureAsDeploymentFailure, String startTime) {
        this(id, name, location, script, timeoutInSeconds, treatFailureAsDeploymentFailure, startTime, java.util.Map.of(),
                java.util.Map.of());
    }

    /** With the PUT body's {@code parameters} and {@code protectedParameters} (name -> value, in order). */
    public ManagedRunCommandRecord(String id, String name, String location, List<String> script, int timeoutInSeconds,
                                   boolean treatFailureAsDeploymentFailure, String startTime,
                                   java.util.Map<String, String> parameters, java.util.Map<String, String> protectedParameters) {
        this.parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
        this.protectedParameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(protectedParameters));
        this.id = id;
        this.name = name;
        this.location = location;
        this.script = List.copyOf(script);
        this.timeoutInSeconds = timeoutInSeconds;
        this.treatFailureAsDeploymentFailure = treatFailureAsDeploymentFailure;
        this.startTime = startTime;
    }

    public String id() { return id; }
    public String name() { return name; }
    public String location() { return location; }
    public List<String> script() { return script; }
    public int timeoutInSeconds() { return timeoutInSeconds; }
    public boolean treatFailureAsDeploymentFailure() { return treatFailureAsDeploymentFailure; }
    public String startTime() { return startTime; }
    public java.util.Map<String, String> parameters() { return parameters; }
    public java.util.Map<String, String> protectedParameters() { return protectedParameters; }

    /** What the script receives: the public parameters, then the protected ones. */
    public java.util.Map<String, String> allParameters() {
        java.util.Map<String, String> all = new java.util.LinkedHashMap<>(parameters);
        all.putAll(protectedParameters);
        return all;
    }
    public synchronized String provisioningState() { return provisioningState; }
    public synchronized String executionState() { return executionState; }
    public synchronized String executionMessage() { return executionMessage; }
    public synchronized Integer exitCode() { return exitCode; }
    public synchronized String output() { return output; }
    public synchronized String error() { return error; }
    public synchronized String endTime() { return endTime; }

    public synchronized void finish(int code, String out, String err, String end) {
        this.exitCode = code;
        this.output = out;
        this.error = err;
        this.endTime = end;
        this.executionState = code == 0 ? "Succeeded" : "Failed";
        this.provisioningState = code != 0 && treatFailureAsDeploymentFailure ? "Failed" : "Succeeded";
    }

    /** The script ran past timeoutInSeconds and was stopped: executionState TimedOut, no exit code. */
    public synchronized void timeOut(int timeoutInSeconds, String end) {
        this.endTime = end;
        this.executionState = "TimedOut";
        this.executionMessage = "Execution timed out after " + timeoutInSeconds + " seconds.";
        this.provisioningState = treatFailureAsDeploymentFailure ? "Failed" : "Succeeded";
    }

    public synchronized void fail(String message, String end) {
        this.error = message;
        this.endTime = end;
        this.executionState = "Failed";
        this.provisioningState = "Failed";
    }
}
