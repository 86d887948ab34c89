package cafe.bench;

import cafe.stack.CafeService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the purges keep: after each step, the rows the outbox and the inbox hold in each service's
 * database, against the rows ever written to them. The bench runs the services with a retention of 30 s
 * and a purge every 10 s, so a table that stays near rate × 40 s while the rows written grow is bounded.
 */
final class Retention {

    static final Map<String, String> SERVICE_CONFIG = Map.of(
            "cafe.outbox.retention", "PT30S",
            "cafe.outbox.purge-every", "10s",
            "cafe.inbox.retention", "PT30S",
            "cafe.inbox.purge-every", "10s");

    /** The databases of the services that write events, the ones with an outbox and an inbox to purge. */
    static final List<String> DATABASES = CafeService.ALL.stream()
            .filter(service -> service.topic().isPresent())
            .map(CafeService::database)
            .toList();

    static final List<String> TABLES = List.of("outbox_event", "processed_event");

    /** Rows kept and rows ever written, of one table. */
    record Rows(long kept, long written) {}

    private Retention() {}

    /** Per {@code database.table}: what it holds now, and what was ever inserted into it. */
    static Map<String, Rows> sample(UncountedSql sql) {
        Map<String, Rows> rows = new LinkedHashMap<>();
        for (String database : DATABASES) {
            for (String table : TABLES) {
                rows.put(
                        database + "." + table,
                        new Rows(
                                sql.number(database, "select count(*) from " + table),
                                sql.number(
                                        database,
                                        "select coalesce(sum(n_tup_ins), 0) from pg_stat_user_tables where relname = ?",
                                        table)));
            }
        }
        return rows;
    }
}
