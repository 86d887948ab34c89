package cafe.messaging.deadletter;

/** A replay was asked for while one is running. */
class ReplayRunningException extends RuntimeException {

    ReplayRunningException() {
        super("A replay of the dead letters is running; wait for it to finish", null, false, false);
    }
}
