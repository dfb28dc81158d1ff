package dev.trustlift.core.upgrade.steps;

import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.cloud.GuestScript;
import dev.trustlift.core.cloud.ScriptResult;
import dev.trustlift.core.guest.GuestScripts;
import dev.trustlift.core.guest.LogAssembly;
import dev.trustlift.core.guest.LogChunk;
import dev.trustlift.core.upgrade.EndedOperation;
import dev.trustlift.core.upgrade.StepResult;
import dev.trustlift.core.upgrade.VmUpgrade;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fetches MBR2GPT's setupact.log and setuperr.log from the guest after a failed run, one
 * fetch-log.ps1 run per chunk (Run Command keeps only 4 KB of output), and saves each as an
 * artifact of the VM under its file name. A step calls {@link #next} on each of its calls once it
 * decided to fetch: it returns the Await of the next chunk's run, or {@link Fetched} when both logs
 * are saved. Each run's label names the file and offset ({@code PREFIX:setupact.log@2400}), so the
 * step knows which chunk ended; the bytes gathered so far live in the step's scratch, and a process
 * that restarted without them starts the file again from offset 0.
 */
public final class SetupLogs {
    /** The logs, in the order they are fetched. */
    public static final List<String> FILES = List.of("setupact.log", "setuperr.log");
    /** Bytes per run: fetch-log.ps1's maximum, 3,200 characters of base64 inside the 4,096-byte window. */
    static final int CHUNK = 2400;
    private static final String SCRATCH = "setup-logs:";
    private static final String DONE = ":done";

    private final GuestCommand command;

    public SetupLogs(Cloud cloud) {
        this.command = new GuestCommand(cloud);
    }

    /** What {@link #next} decided. */
    public sealed interface Progress permits Next, Fetched {
    }

    /** Return {@code step} from the step (the Await of the next chunk, a Later, or a Failed). */
    public record Next(StepResult step) implements Progress {
    }

    /** Every log is fetched: {@code saved} the artifact names, {@code absent} the logs the guest did not have. */
    public record Fetched(List<String> saved, List<String> absent) implements Progress {
    }

    /**
     * Continues fetching the logs.
     *
     * @param labelPrefix the step's prefix for these runs, e.g. "fetch-log"; distinct from its other labels
     */
    public Progress next(VmUpgrade vm, String location, String labelPrefix) {
        Optional<EndedOperation> ended = vm.endedOperation().filter(e -> e.label().startsWith(labelPrefix + ":"));
        if (ended.isPresent()) {
            Chunk at = Chunk.parse(ended.get().label().substring(labelPrefix.length() + 1));
            GuestCommand.Outcome outcome = command.run(vm, location, ended.get().label(), script(at));
            if (outcome instanceof GuestCommand.Pending p) {
                return new Next(p.next());
            }
            Optional<StepResult> failed = absorb(vm, at, ((GuestCommand.Ran) outcome).result());
            if (failed.isPresent()) {
                return new Next(failed.get());
            }
        }
        // Normally one pass: a run is begun and awaited. A run found finished from before a restart is
        // absorbed at once and the next chunk asked for.
        for (int guard = 0; guard < 10_000; guard++) {
            Optional<Chunk> wanted = wanted(vm.scratch());
            if (wanted.isEmpty()) {
                return fetched(vm.scratch());
            }
            Chunk chunk = wanted.get();
            GuestCommand.Outcome outcome = command.run(vm, location, labelPrefix + ":" + chunk.label(), script(chunk));
            if (outcome instanceof GuestCommand.Pending p) {
                return new Next(p.next());
            }
            Optional<StepResult> failed = absorb(vm, chunk, ((GuestCommand.Ran) outcome).result());
            if (failed.isPresent()) {
                return new Next(failed.get());
            }
        }
        return new Next(StepResult.failed("FetchLogLoop", "fetching the setup logs did not progress"));
    }

    /** Adds a chunk to its log (saving the log once complete); a chunk out of order restarts that log. */
    private static Optional<StepResult> absorb(VmUpgrade vm, Chunk at, ScriptResult result) {
        Map<String, Object> scratch = vm.scratch();
        LogChunk chunk;
        try {
            chunk = LogChunk.parse(result);
        } catch (IllegalArgumentException e) {
            return Optional.of(StepResult.retryable("FetchLogUnreadable", at.file + ": " + e.getMessage()));
        }
        LogAssembly log = scratch.get(SCRATCH + at.file) instanceof LogAssembly a ? a : new LogAssembly(at.file);
        scratch.put(SCRATCH + at.file, log);
        if (log.nextOffset() != at.offset) {
            // The bytes before this chunk were lost with a restart: read the log again from its start.
            scratch.put(SCRATCH + at.file, new LogAssembly(at.file));
            return Optional.empty();
        }
        try {
            log.add(chunk);
        } catch (IllegalStateException e) {
            // The log changed between runs: read it again whole rather than save a mixed file.
            scratch.put(SCRATCH + at.file, new LogAssembly(at.file));
            return Optional.empty();
        }
        if (log.complete()) {
            if (!log.absent()) {
                vm.saveArtifact(at.file, log.bytes());
            }
            scratch.put(SCRATCH + at.file + DONE, !log.absent());
        }
        return Optional.empty();
    }

    private static Optional<Chunk> wanted(Map<String, Object> scratch) {
        for (String file : FILES) {
            if (!scratch.containsKey(SCRATCH + file + DONE)) {
                long offset = scratch.get(SCRATCH + file) instanceof LogAssembly a ? a.nextOffset() : 0;
                return Optional.of(new Chunk(file, offset));
            }
        }
        return Optional.empty();
    }

    private static Fetched fetched(Map<String, Object> scratch) {
        List<String> saved = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        for (String file : FILES) {
            (Boolean.TRUE.equals(scratch.get(SCRATCH + file + DONE)) ? saved : absent).add(file);
        }
        return new Fetched(saved, absent);
    }

    private static GuestScript script(Chunk chunk) {
        return GuestScripts.FETCH_LOG.script(Map.of("File", chunk.file, "Offset", Long.toString(chunk.offset),
                "Count", Integer.toString(CHUNK)));
    }

    /** One chunk's place: the file and the offset it starts at. */
    private record Chunk(String file, long offset) {
        String label() {
            return file + "@" + offset;
        }

        static Chunk parse(String label) {
            int at = label.lastIndexOf('@');
            return new Chunk(label.substring(0, at), Long.parseLong(label.substring(at + 1)));
        }
    }
}
