package cafe.messaging;

import io.opentelemetry.context.Scope;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Brings a reactive pipeline back to the Vert.x context it started on. A Hibernate Reactive session
 * belongs to one context; a call that completes on another thread (a Kafka acknowledgement, a call a
 * fault-tolerance bulkhead queued and another request released) must resume on the owner's context
 * before the next database step, or it would use, and close, someone else's session.
 */
public final class ResumeOnContext {

    private ResumeOnContext() {}

    /**
     * Runs work on a fresh duplicated context of its own, so that pieces of work in flight together
     * (several records of a consumer) never share a Hibernate Reactive session. {@code trace} is the
     * current OpenTelemetry context for the whole of the work: its database calls and the events it
     * writes belong to that trace.
     */
    public static <T> Uni<T> isolated(io.opentelemetry.context.Context trace, Supplier<Uni<T>> work) {
        Context current = Vertx.currentContext();
        if (current == null) {
            throw new IllegalStateException("Not on a Vert.x context");
        }
        Context own = VertxContext.createNewDuplicatedContext(current);
        VertxContextSafetyToggle.setContextSafe(own, true);
        return Uni.createFrom()
                .emitter(emitter -> own.runOnContext(ignored -> {
                    Scope scope = trace.makeCurrent();
                    // deferred: work that throws instead of returning a failed Uni still completes the emitter
                    Uni.createFrom()
                            .deferred(() -> work.get())
                            .onTermination()
                            .invoke(scope::close)
                            .subscribe()
                            .with(emitter::complete, emitter::fail);
                }));
    }

    /** An executor for {@code Uni.emitOn}: runs on the caller's current Vert.x context. */
    public static Executor current() {
        Context context = Vertx.currentContext();
        if (context == null) {
            throw new IllegalStateException("Not on a Vert.x context");
        }
        return task -> context.runOnContext(ignored -> task.run());
    }
}
