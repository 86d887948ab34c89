package cafe.payment.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the stand-in processor behaves; the fault settings reproduce a slow, failing or overloaded processor. */
@ConfigMapping(prefix = "cafe.payment")
public interface PaymentConfig {

    /** Charges above this amount, in minor units, are declined. */
    @WithDefault("10000")
    long declineAbove();

    /** Time each charge takes to process. */
    @WithDefault("0s")
    Duration latency();

    /** Share of charges, 0 to 1, that fail with 503 as a broken processor would. */
    @WithDefault("0")
    double failureRate();

    /** Charges processed at once; more are turned away with 429. */
    @WithDefault("200")
    int maxConcurrentCharges();
}
