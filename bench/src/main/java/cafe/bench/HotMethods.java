package cafe.bench;

import java.io.IOException;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * The methods that were running when JFR sampled Java threads, counted by the top frame of each
 * jdk.ExecutionSample between two instants: what `jfr view hot-methods` shows, limited to the load steps.
 */
record HotMethods(long samples, List<Method> top) {

    /** One method, its samples and their share of all. */
    record Method(String name, long samples, double percent) {}

    static HotMethods of(Path recording, Instant from, Instant to, int limit) throws IOException {
        Map<String, Long> byMethod = new HashMap<>();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (event.getEventType().getName().equals("jdk.ExecutionSample")
                        && !event.getStartTime().isBefore(from)
                        && !event.getStartTime().isAfter(to)
                        && event.getStackTrace() != null
                        && !event.getStackTrace().getFrames().isEmpty()) {
                    byMethod.merge(name(event.getStackTrace().getFrames().getFirst()), 1L, Long::sum);
                }
            }
        }
        long samples = byMethod.values().stream().mapToLong(Long::longValue).sum();
        List<Method> top = byMethod.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(limit)
                .map(e -> new Method(e.getKey(), e.getValue(), 100.0 * e.getValue() / samples))
                .toList();
        return new HotMethods(samples, top);
    }

    String table() {
        return top.stream()
                        .map(m -> String.format("%6d  %5.1f %%  %s", m.samples(), m.percent(), m.name()))
                        .collect(Collectors.joining("\n", "samples  share  method\n", "\n"))
                + String.format("(%d samples in all)%n", samples);
    }

    private static String name(RecordedFrame frame) {
        RecordedMethod method = frame.getMethod();
        return method.getType().getName() + "." + method.getName() + "(" + parameters(method.getDescriptor()) + ")";
    }

    private static String parameters(String descriptor) {
        try {
            return MethodTypeDesc.ofDescriptor(descriptor).parameterList().stream()
                    .map(ClassDesc::displayName)
                    .collect(Collectors.joining(", "));
        } catch (IllegalArgumentException unusual) {
            return descriptor;
        }
    }
}
