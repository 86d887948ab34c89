package cafe.messaging.inbox;

import cafe.events.CafeEvent;
import io.smallrye.mutiny.Uni;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** What a consumer does with each event type it handles; every other type is ignored. Immutable. */
public final class EventEffects {

    private final Map<Class<? extends CafeEvent>, Function<CafeEvent, Uni<Void>>> byType;

    private EventEffects(Map<Class<? extends CafeEvent>, Function<CafeEvent, Uni<Void>>> byType) {
        this.byType = Map.copyOf(byType);
    }

    public static <E extends CafeEvent> EventEffects of(Class<E> type, Function<E, Uni<Void>> effect) {
        return new EventEffects(Map.of()).and(type, effect);
    }

    public <E extends CafeEvent> EventEffects and(Class<E> type, Function<E, Uni<Void>> effect) {
        Map<Class<? extends CafeEvent>, Function<CafeEvent, Uni<Void>>> more = new LinkedHashMap<>(byType);
        more.put(type, event -> effect.apply(type.cast(event)));
        return new EventEffects(more);
    }

    /** The effect of this event, or empty when its type is not one this consumer handles. */
    public Optional<Function<CafeEvent, Uni<Void>>> effectOf(CafeEvent event) {
        return Optional.ofNullable(byType.get(event.getClass()));
    }
}
