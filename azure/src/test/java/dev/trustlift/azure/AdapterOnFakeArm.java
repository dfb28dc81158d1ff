package dev.trustlift.azure;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * One fake ARM server per test class and the real adapter pointed at it; the fake forgets its
 * answers and call log before each test, so tests in a class cannot see each other's traffic.
 */
abstract class AdapterOnFakeArm {

    static FakeArm arm;
    static AzureCloudAdapter cloud;

    @BeforeAll
    static void startFakeArm() throws Exception {
        arm = new FakeArm();
        // Short polls keep long-running-operation tests fast; ARM's own interval is seconds.
        cloud = new AzureCloudAdapter(AzureConnection.open(
                ConnectionSettings.endpoint(arm.endpoint(), false).withPollInterval(Duration.ofMillis(20))));
    }

    @AfterAll
    static void stopFakeArm() {
        arm.close();
    }

    @BeforeEach
    void resetFakeArm() {
        arm.reset();
    }
}
