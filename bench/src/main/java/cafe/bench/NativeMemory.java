package cafe.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The committed megabytes of a JVM's largest areas, from the summary of jcmd VM.native_memory. */
record NativeMemory(Map<String, Long> committedMb) {

    /** The areas that hold most of a service; NMT's names, and what they are here. */
    private static final Map<String, String> AREAS = Map.of(
            "Java Heap", "heap",
            "Shared class space", "AOT cache",
            "Code", "code",
            "Metaspace", "metaspace",
            "Thread", "threads");

    private static final Pattern TOTAL =
            Pattern.compile("^Total: reserved=\\d+KB, committed=(\\d+)KB", Pattern.MULTILINE);
    private static final Pattern AREA =
            Pattern.compile("^-\\s+([A-Za-z ]+?) \\(reserved=\\d+KB, committed=(\\d+)KB", Pattern.MULTILINE);

    static NativeMemory of(String summary) {
        Map<String, Long> committed = new LinkedHashMap<>();
        Matcher total = TOTAL.matcher(summary);
        committed.put("total", total.find() ? Long.parseLong(total.group(1)) / 1024 : -1);
        Matcher area = AREA.matcher(summary);
        while (area.find()) {
            String name = AREAS.get(area.group(1));
            if (name != null) {
                committed.put(name, Long.parseLong(area.group(2)) / 1024);
            }
        }
        return new NativeMemory(committed);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        committedMb.forEach((area, mb) -> text.append(text.isEmpty() ? "" : ", ")
                .append(area)
                .append(' ')
                .append(mb)
                .append(" MB"));
        return text.toString();
    }
}
