package dev.microjobs.bench;

/** Where the figures were measured: they only compare with figures from a similar machine. */
public record Machine(int cores, long maxHeapMb, String javaVersion, String os, String description) {

    static Machine current() {
        Runtime runtime = Runtime.getRuntime();
        int cores = runtime.availableProcessors();
        String java = System.getProperty("java.version");
        String os = System.getProperty("os.name") + " " + System.getProperty("os.arch");
        return new Machine(cores, runtime.maxMemory() >> 20, java, os, cores + " cores, Java " + java + ", " + os);
    }
}
