package cafe.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A Linux process's resident memory and CPU time, read from /proc. */
final class ProcessStats {

    private static final double CLOCK_TICKS_PER_SECOND = 100.0;

    private ProcessStats() {}

    static long rssMegabytes(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024)
                    .findFirst()
                    .orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }

    /** User plus system CPU seconds the process itself used so far. */
    static double cpuSeconds(long pid) {
        long[] ticks = cpuTicks(pid);
        return (ticks[0] + ticks[1]) / CLOCK_TICKS_PER_SECOND;
    }

    /**
     * CPU seconds of a process and all its descendants, the exited ones included: a live process's own time
     * plus what its children that ended and were waited for used (cutime, cstime).
     */
    static double treeCpuSeconds(long pid) {
        long ticks = withExitedChildren(pid);
        ticks += ProcessHandle.of(pid).stream()
                .flatMap(ProcessHandle::descendants)
                .mapToLong(child -> withExitedChildren(child.pid()))
                .sum();
        return ticks / CLOCK_TICKS_PER_SECOND;
    }

    private static long withExitedChildren(long pid) {
        long[] ticks = cpuTicks(pid);
        return ticks[0] + ticks[1] + ticks[2] + ticks[3];
    }

    /** utime, stime, cutime, cstime in clock ticks; zeros when the process is gone. */
    private static long[] cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long[] ticks = new long[4];
            for (int i = 0; i < ticks.length; i++) {
                ticks[i] = Long.parseLong(fields[11 + i]);
            }
            return ticks;
        } catch (IOException | RuntimeException e) {
            return new long[4];
        }
    }
}
