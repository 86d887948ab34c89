package cafe.status;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An event as the status view received it, kept so the view can be folded again at any time. */
@Entity
@Table(name = "status_event")
public class StatusEvent {

    @Id
    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "order_id")
    public UUID orderId;

    @Column(name = "event_type")
    public String type;

    public String payload;

    @Column(name = "received_at")
    public Instant receivedAt;
}
