package cafe.messaging.deadletter;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.config.Config;

/** The dead-letter topics of the channels this service consumes, as its configuration names them. */
final class DeadLetterTopics {

    private static final Pattern DLQ_TOPIC =
            Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.dead-letter-queue\\.topic");

    private DeadLetterTopics() {}

    static List<String> of(Config config) {
        return StreamSupport.stream(config.getPropertyNames().spliterator(), false)
                .map(DLQ_TOPIC::matcher)
                .filter(Matcher::matches)
                .filter(channel -> config.getOptionalValue(
                                "mp.messaging.incoming." + channel.group(1) + ".enabled", Boolean.class)
                        .orElse(true))
                .map(channel -> config.getValue(channel.group(0), String.class))
                .distinct()
                .sorted()
                .toList();
    }
}
