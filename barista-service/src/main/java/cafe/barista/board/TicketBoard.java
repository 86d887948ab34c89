package cafe.barista.board;

import cafe.barista.TicketResponse;
import cafe.barista.TicketStatus;
import cafe.barista.config.BaristaConfig;
import cafe.barista.repository.TicketStatements;
import cafe.messaging.DedicatedConnections;
import cafe.messaging.live.ListenConnection;
import cafe.messaging.live.LiveStream;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The barista board, live on every replica. A trigger on the ticket table notifies each committed change
 * (V4__board.sql) while some replica holds a lease on the board (renewed while one of its boards is open,
 * left to run out after the last closes), so the queue costs no notification while nobody watches;
 * PostgreSQL LISTEN/NOTIFY hands each to every replica, so a board sees what a barista on another replica
 * did, and what the consumer queued, at once. Changes are sent a batch every {@link
 * #FLUSH}, so a busy queue costs a board a few events a second, not one per move. A notification sent while
 * the LISTEN connection is down is lost, so each time it is in place again every board gets the whole board.
 */
@ApplicationScoped
public class TicketBoard {

    static final String CHANNEL = "ticket_changes";
    static final Duration FLUSH = Duration.ofMillis(100);
    static final Duration LEASE = Duration.ofSeconds(90);
    static final Duration RENEW = Duration.ofSeconds(30);
    private static final String TAKE_LEASE = "insert into board_watch (replica, until)"
            + " values ($1, now() + $2::int * interval '1 second')"
            + " on conflict (replica) do update set until = excluded.until";
    private static final List<TicketStatus> SHOWN =
            List.of(TicketStatus.QUEUED, TicketStatus.BREWING, TicketStatus.READY);

    private final Set<Follower> followers = ConcurrentHashMap.newKeySet();
    private final List<TicketResponse> changed = new ArrayList<>();
    private final String replica = UUID.randomUUID().toString();
    private final Vertx vertx;
    private final Pool pool;
    private final TicketStatements statements;
    private final ObjectMapper json;
    private final BaristaConfig.Board config;
    private final ListenConnection listen;
    private long flushTimer = -1;
    private long renewTimer = -1;

    TicketBoard(
            Vertx vertx,
            DedicatedConnections connections,
            Pool pool,
            TicketStatements statements,
            ObjectMapper json,
            BaristaConfig config) {
        this.vertx = vertx;
        this.pool = pool;
        this.statements = statements;
        this.json = json;
        this.config = config.board();
        this.listen = new ListenConnection(
                vertx,
                connections.options(),
                CHANNEL,
                this.config.listenRetry(),
                this::heard,
                this::sendWholeBoard,
                this.config.listenHeartbeat(),
                () -> pool.query("notify " + CHANNEL + ", '" + ListenConnection.HEARTBEAT + "'")
                        .execute());
    }

    void listen(@Observes StartupEvent started) {
        flushTimer = vertx.setPeriodic(FLUSH.toMillis(), timer -> flush());
        renewTimer = vertx.setPeriodic(RENEW.toMillis(), timer -> renewLease());
        listen.open();
    }

    void close(@Observes ShutdownEvent stopping) {
        vertx.cancelTimer(flushTimer);
        vertx.cancelTimer(renewTimer);
        listen.close();
    }

    /**
     * A board as Server-Sent Events: the whole board now (event {@code board}), then its changes (event
     * {@code change}), with a keep-alive comment while quiet, until the client goes or the stream's lifetime
     * ends.
     */
    public Multi<OutboundSseEvent> follow(Sse sse) {
        return LiveStream.of(updates(), BoardUpdate::name, sse, config.keepAlive(), config.maxLifetime());
    }

    /** The lease is taken before the board is read, so every change after that read is notified. */
    private Multi<BoardUpdate> updates() {
        return Multi.createFrom().emitter(emitter -> {
            Follower follower = new Follower(emitter);
            followers.add(follower);
            emitter.onTermination(() -> followers.remove(follower));
            takeLease().chain(this::whole).subscribe().with(follower::start, emitter::fail);
        });
    }

    private Uni<Void> takeLease() {
        return pool.preparedQuery(TAKE_LEASE)
                .execute(Tuple.of(replica, (int) LEASE.toSeconds()))
                .replaceWithVoid();
    }

    private void renewLease() {
        if (!followers.isEmpty()) {
            takeLease()
                    .subscribe()
                    .with(renewed -> {}, failure -> Log.warnf("The board's lease was not renewed: %s", failure));
        }
    }

    /** The tickets a board shows: of each state shown, the oldest {@code cafe.barista.board.per-state}. */
    public Uni<BoardUpdate> whole() {
        return statements
                .oldestOf(SHOWN, config.perState())
                .map(tickets -> new BoardUpdate(
                        true, tickets.stream().map(TicketResponse::of).toList()));
    }

    private void heard(String payload) {
        if (followers.isEmpty()) {
            return;
        }
        try {
            TicketResponse ticket = json.readValue(payload, TicketResponse.class);
            synchronized (changed) {
                changed.add(ticket);
            }
        } catch (Exception e) {
            Log.errorf("Unreadable ticket change: %s", e.getMessage());
        }
    }

    private void flush() {
        List<TicketResponse> batch;
        synchronized (changed) {
            if (changed.isEmpty()) {
                return;
            }
            batch = List.copyOf(changed);
            changed.clear();
        }
        BoardUpdate update = new BoardUpdate(false, batch);
        followers.forEach(follower -> follower.send(update));
    }

    /** The LISTEN is in place (again): what was missed meanwhile is unknown, so every board is sent whole. */
    private void sendWholeBoard() {
        Log.info("Listening for ticket changes");
        if (followers.isEmpty()) {
            return;
        }
        whole().subscribe()
                .with(
                        board -> followers.forEach(follower -> follower.send(board)),
                        failure -> Log.errorf("Cannot read the board again: %s", failure.getMessage()));
    }

    /**
     * One board stream: changes heard before its whole board was read are held, and sent after it (the
     * board keeps the later of two versions of a ticket), so the stream never starts with a stale board.
     */
    private static final class Follower {

        private final MultiEmitter<? super BoardUpdate> emitter;
        private List<BoardUpdate> held = new ArrayList<>();

        Follower(MultiEmitter<? super BoardUpdate> emitter) {
            this.emitter = emitter;
        }

        synchronized void start(BoardUpdate board) {
            emitter.emit(board);
            held.forEach(emitter::emit);
            held = null;
        }

        synchronized void send(BoardUpdate update) {
            if (held != null) {
                held.add(update);
            } else {
                emitter.emit(update);
            }
        }
    }
}
