package dev.microjobs.bench.lambda;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Memory figures of a running process from Linux's {@code /proc/<pid>/status}. */
public final class ProcStatus {

    private ProcStatus() {
    }

    /** The process's peak resident set size ({@code VmHWM}) in KiB; empty once it has exited or off Linux. */
    public static OptionalLong peakRssKb(long pid) {
        try {
            return peakRssKb(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** {@code VmHWM:     123456 kB} → 123456. */
    static OptionalLong peakRssKb(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmHWM:")) {
                String[] parts = line.substring("VmHWM:".length()).trim().split("\\s+");
                if (parts.length == 2 && parts[1].equals("kB")) {
                    return OptionalLong.of(Long.parseLong(parts[0]));
                }
            }
        }
        return OptionalLong.empty();
    }
}
