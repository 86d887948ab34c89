package cafe.stack;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request's path as the service behind the edge will read it, so that the edge matches what the service
 * serves: percent-encoded unreserved characters decoded ({@code %2e} is a dot, {@code %61} an "a"), dot
 * segments resolved and empty segments dropped (RFC 3986, 6.2.2), as Vert.x normalises a path before
 * Quarkus routes it. A path that cannot be resolved to one meaning is refused: an encoded slash or
 * backslash, a backslash, a semicolon (matrix parameters, which some servers strip before routing), or a
 * {@code ..} above the root.
 */
final class EdgePath {

    private static final Pattern ENCODED = Pattern.compile("%([0-9A-Fa-f]{2})");
    private static final Pattern UNRESOLVABLE = Pattern.compile("(?i)%2f|%5c|\\\\|;");

    private EdgePath() {}

    /** The normalised raw path, or empty when {@code rawPath} is refused. */
    static Optional<String> resolve(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            return Optional.empty();
        }
        String decoded = decodeUnreserved(rawPath);
        if (UNRESOLVABLE.matcher(decoded).find()) {
            return Optional.empty();
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : decoded.split("/")) {
            if (segment.equals("..")) {
                if (segments.pollLast() == null) {
                    return Optional.empty();
                }
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                segments.addLast(segment);
            }
        }
        String path = "/" + String.join("/", segments);
        boolean trailingSlash = !segments.isEmpty() && (decoded.endsWith("/") || lastSegmentIsADot(decoded));
        return Optional.of(trailingSlash ? path + "/" : path);
    }

    private static boolean lastSegmentIsADot(String path) {
        return path.endsWith("/.") || path.endsWith("/..");
    }

    private static String decodeUnreserved(String rawPath) {
        Matcher encoded = ENCODED.matcher(rawPath);
        StringBuilder out = new StringBuilder();
        while (encoded.find()) {
            char c = (char) Integer.parseInt(encoded.group(1), 16);
            boolean unreserved = Character.isLetterOrDigit(c) && c < 128 || "-._~".indexOf(c) >= 0;
            String replacement =
                    unreserved ? String.valueOf(c) : encoded.group().toUpperCase(Locale.ROOT);
            encoded.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        encoded.appendTail(out);
        return out.toString();
    }
}
