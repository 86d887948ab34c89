package cafe.testing;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Opens live streams as a browser would, and reads each to its end. */
public final class SseClient {

    /** Held for the whole test run: a client that is garbage-collected closes its open streams. */
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static final Pattern STATUS = Pattern.compile("\"status\":\"(\\w+)\"");

    private SseClient() {}

    /**
     * Opens the stream with the bearer token and returns once the server answered (so the stream follows
     * the order); the future holds every line of the stream, and completes only when the server ends it.
     */
    public static CompletableFuture<List<String>> open(URI stream, String token) throws Exception {
        HttpResponse<Stream<String>> response = send(stream, token);
        assertThat(response.statusCode(), equalTo(200));
        return CompletableFuture.supplyAsync(() -> response.body().toList(), Executors.newSingleThreadExecutor());
    }

    /**
     * Opens a stream that may never end (the barista board's), and collects its lines as they come until it
     * is closed.
     */
    public static Following follow(URI stream, String token) throws Exception {
        HttpResponse<Stream<String>> response = send(stream, token);
        assertThat(response.statusCode(), equalTo(200));
        Following following = new Following(response.body());
        Executors.newSingleThreadExecutor().execute(() -> {
            try {
                response.body().forEach(following.lines::add);
            } catch (UncheckedIOException closedByTheTest) {
                // the test is done with the stream
            }
        });
        return following;
    }

    /** The lines of an open stream so far. */
    public static final class Following implements AutoCloseable {

        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final Stream<String> body;

        private Following(Stream<String> body) {
            this.body = body;
        }

        /** The event names and data lines so far, in order. */
        public List<String> lines() {
            return List.copyOf(lines);
        }

        @Override
        public void close() {
            body.close();
        }
    }

    /** The server's answer to opening the stream, whatever it is; a stream that did open is closed at once. */
    public static HttpResponse<Stream<String>> answer(URI stream, String token) throws Exception {
        HttpResponse<Stream<String>> response = send(stream, token);
        if (response.statusCode() == 200) {
            response.body().close();
        }
        return response;
    }

    private static HttpResponse<Stream<String>> send(URI stream, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(stream)
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token)
                .build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
    }

    /** The status of each event (data line) of a stream, in order. */
    public static List<String> statuses(List<String> lines) {
        return lines.stream()
                .filter(line -> line.startsWith("data:"))
                .map(line -> {
                    Matcher status = STATUS.matcher(line);
                    return status.find() ? status.group(1) : "?";
                })
                .toList();
    }
}
