package dev.trustlift.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustlift.sandbox.fleet.Fleet;
import dev.trustlift.sandbox.fleet.FleetGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Many VMs upgraded at once while readers hammer VMs and disks: no 5xx, no deadlock, every VM ends consistent. */
class ConcurrencyTest {
    @Test
    @Timeout(60)
    void parallelUpgradesAndReadsStayConsistent() throws Exception {
        Fleet fleet = FleetGenerator.generate(60, 5).with(0.001, "none");
        String sub = fleet.subscriptions().get(0).id();
        try (SandboxServer server = SandboxServer.start(fleet, 0)) {
            ArmClient arm = new ArmClient(server.endpoint());
            String feature = "/subscriptions/" + sub + "/providers/Microsoft.Features/providers/Microsoft.Compute/features/"
                    + "Gen1ToTLMigrationPreview";
            arm.send("POST", feature + "/register?api-version=2021-07-01", null);
            while (!arm.get(feature + "?api-version=2021-07-01").json().at("/properties/state").asText().equals("Registered")) {
                ArmClient.sleep(20);
            }
            List<String> ids = new ArrayList<>();
            List<String> disks = new ArrayList<>();
            for (JsonNode vm : arm.get("/_sandbox/state").json().path("vms")) {
                ids.add(vm.path("id").asText());
                disks.add(vm.at("/osDisk/id").asText());
            }
            ConcurrentLinkedQueue<String> serverErrors = new ConcurrentLinkedQueue<>();
            AtomicBoolean done = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(12);
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                readers.add(pool.submit(() -> {
                    int i = 0;
                    while (!done.get()) {
                        check(arm.get(ids.get(i % ids.size()) + "?api-version=2024-11-01&$expand=instanceView"), serverErrors);
                        check(arm.get(disks.get(i % disks.size()) + "?api-version=2024-03-02"), serverErrors);
                        i++;
                    }
                }));
            }
            List<Future<?>> writers = new ArrayList<>();
            for (String id : ids) {
                writers.add(pool.submit(() -> upgrade(arm, id, serverErrors)));
            }
            for (Future<?> w : writers) {
                w.get(50, TimeUnit.SECONDS);
            }
            done.set(true);
            for (Future<?> r : readers) {
                r.get(10, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertEquals(List.of(), new ArrayList<>(serverErrors));
            int trusted = 0;
            for (JsonNode vm : arm.get("/_sandbox/state").json().path("vms")) {
                assertEquals("Succeeded", vm.path("provisioningState").asText(), vm.toString());
                if (vm.path("securityType").asText().equals("TrustedLaunch")) {
                    trusted++;
                    assertEquals("V2", vm.at("/osDisk/hyperVGeneration").asText());
                }
            }
            assertTrue(trusted > 10, "most VMs took Trusted Launch: " + trusted);
        }
    }

    private static void upgrade(ArmClient arm, String id, ConcurrentLinkedQueue<String> errors) {
        String api = "?api-version=2024-11-01";
        ArmClient.Answer d = arm.send("POST", id + "/deallocate" + api, null);
        check(d, errors);
        if (d.status() == 202) {
            arm.await(d.header("Azure-AsyncOperation"));
        }
        ArmClient.Answer p = arm.send("PATCH", id + api, TrustedLaunchRulesTest.TL);
        check(p, errors);
        if (p.status() == 200) {
            arm.await(p.header("Azure-AsyncOperation"));
        }
        ArmClient.Answer s = arm.send("POST", id + "/start" + api, null);
        check(s, errors);
        if (s.status() == 202) {
            arm.await(s.header("Azure-AsyncOperation"));
        }
    }

    private static void check(ArmClient.Answer a, ConcurrentLinkedQueue<String> errors) {
        if (a.status() >= 500) {
            errors.add(a.status() + " " + a.raw().uri() + " " + a.raw().body());
        }
    }
}
