package dev.microjobs.aws.faults;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Chaos testing only: what share of SDK calls fail on purpose. Absent in every template and in
 * production, where both shares are 0 and no interceptor is installed at all.
 *
 * @param sdkShare          share of DynamoDB and SQS calls (0..1) that fail with a throttling error,
 *                          a 500, or a timeout after the call reached the service ({@code FAULT_INJECTION_SDK_SHARE})
 * @param crashAfterWriteShare share of successful writes after which the invocation dies, as if its
 *                          process had ({@code FAULT_INJECTION_CRASH_AFTER_WRITE_SHARE})
 * @param seed              makes a run's choices repeatable ({@code FAULT_INJECTION_SEED}); 0: a random seed
 */
@ConfigurationProperties("microjobs.faults")
public record FaultInjectionSettings(double sdkShare, double crashAfterWriteShare, long seed) {

    public FaultInjectionSettings {
        requireShare(sdkShare, "FAULT_INJECTION_SDK_SHARE");
        requireShare(crashAfterWriteShare, "FAULT_INJECTION_CRASH_AFTER_WRITE_SHARE");
    }

    public boolean enabled() {
        return sdkShare > 0 || crashAfterWriteShare > 0;
    }

    private static void requireShare(double share, String variable) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException(variable + " must be a share from 0 to 1, got " + share);
        }
    }
}
