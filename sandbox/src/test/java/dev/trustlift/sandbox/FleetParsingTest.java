package dev.trustlift.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.sandbox.fleet.Fleet;
import dev.trustlift.sandbox.fleet.FleetException;
import dev.trustlift.sandbox.fleet.FleetGenerator;
import dev.trustlift.sandbox.fleet.VmSpec;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Strict fleet parsing (contracts/fleet.md) and the generator. */
class FleetParsingTest {
    private static String rules() {
        return Fleets.text("rules.json");
    }

    private static String fail(String json) {
        return assertThrows(FleetException.class, () -> Fleet.parse(json, "f.json")).getMessage();
    }

    @Test
    void theContractsExampleParses() {
        Fleet f = Fleets.load("rules.json");
        assertEquals(0.001, f.effectiveTimeScale());
        assertEquals(9, f.vms().size());
        assertEquals("web01-os", f.vms().get(0).osDisk().name());
    }

    @Test
    void unknownKeyIsAnErrorNamingIt() {
        String msg = fail(rules().replace("\"powerState\": \"running\",\n     \"agent\"", "\"powerStat\": \"running\",\n     \"agent\""));
        assertTrue(msg.contains("unknown key 'powerStat'"), msg);
        assertTrue(msg.contains("vms[0]"), msg);
        assertTrue(msg.startsWith("f.json: "), msg);
    }

    @Test
    void unknownKeyInsideNestedObjectsIsNamedWithItsPath() {
        String msg = fail(rules().replace("\"ephemeral\": false", "\"ephemerall\": false"));
        assertTrue(msg.contains("'ephemerall'") && msg.contains("vms[0].osDisk"), msg);
        msg = fail(rules().replace("\"throttle\": \"none\"", "\"throttle\": {\"raeds\": 5}"));
        assertTrue(msg.contains("'raeds'") && msg.contains("subscriptions[1].throttle"), msg);
    }

    @Test
    void timeCreatedIsOptionalAndMustBeAnIsoDateTime() {
        String dated = rules().replace("\"powerState\": \"running\",", "\"powerState\": \"running\", \"timeCreated\": \"2023-05-04T08:30:00Z\",");
        assertEquals("2023-05-04T08:30:00Z", Fleet.parse(dated, "f.json").vms().get(0).timeCreated());
        String msg = fail(rules().replace("\"powerState\": \"running\",", "\"powerState\": \"running\", \"timeCreated\": \"May 2023\","));
        assertTrue(msg.contains("vms[0].timeCreated 'May 2023' is not an ISO-8601 date-time"), msg);
    }

    @Test
    void badValuesNameTheField() {
        assertTrue(fail(rules().replace("\"powerState\": \"deallocated\"", "\"powerState\": \"off\"")).contains("vms[1].powerState"));
        assertTrue(fail(rules().replace("\"layout\": \"windows-azure-default\"}", "\"layout\": \"windows-fancy\"}"))
                .contains("unknown layout preset 'windows-fancy'"));
        assertTrue(fail(rules().replace("\"timeScale\": 0.001", "\"timeScale\": -1")).contains("timeScale"));
        assertTrue(fail(rules().replace("\"faults\": []", "\"faults\": [{\"op\": \"reboot\", \"status\": 500}]"))
                .contains("vms[0].faults[0].op"));
        assertTrue(fail(rules().replace("\"faults\": []", "\"faults\": [{\"guest\": \"mbr2gpt-convert\", \"result\": \"oops\"}]"))
                .contains("vms[0].faults[0].result must be one of"));
        assertTrue(fail("{\"subscriptions\": []}").contains("subscriptions is required"));
        assertTrue(fail("{\"subscriptions\": [{\"id\": \"x\"}], \"vms\": [{}]}").contains("vms[0].subscription is required"));
        assertTrue(fail("{nope").contains("not valid JSON"));
    }

    @Test
    void explicitLayoutsAreChecked() {
        String ok = rules().replace("\"layout\": \"linux-mbr-custom\"",
                "\"layout\": {\"sectorSize\": 512, \"sectors\": 62914560, \"partitions\": [{\"type\": \"83\", \"start\": 2048, "
                        + "\"sectors\": 62912512, \"active\": true}]}");
        Fleet.parse(ok, "f.json");
        String bad = ok.replace("\"sectors\": 62912512", "\"sectors\": 72912512");
        assertTrue(fail(bad).contains("must lie inside the disk"), fail(bad));
    }

    @Test
    void generatorIsDeterministicForASeedAndLoads() {
        String a = FleetGenerator.generate(300, 7).toJson();
        String b = FleetGenerator.generate(300, 7).toJson();
        String c = FleetGenerator.generate(300, 8).toJson();
        assertEquals(a, b);
        assertNotEquals(a, c);
        Fleet parsed = Fleet.parse(a, "generated");
        assertEquals(300, parsed.vms().size());
    }

    @Test
    void generatedFleetsHaveTheRealisticMix() {
        Fleet f = Fleet.parse(FleetGenerator.generate(3000, 1).toJson(), "generated");
        Map<String, Long> os = f.vms().stream().collect(Collectors.groupingBy(VmSpec::osName, Collectors.counting()));
        for (String name : new String[] {"Windows Server 2019 Datacenter", "Windows Server 2022 Datacenter",
                "Windows Server 2016 Datacenter", "Windows 10 Enterprise", "Windows 11 Enterprise", "ubuntu", "redhat",
                "sles", "debian"}) {
            assertTrue(os.getOrDefault(name, 0L) > 0, "no " + name);
        }
        assertTrue(count(f, v -> v.size().equals("Standard_A2_v2")) > 0);
        assertTrue(count(f, v -> v.osDisk().layout().asText().equals("windows-4-partitions")) > 0);
        assertTrue(count(f, v -> v.osDisk().layout().asText().equals("windows-extended")) > 0);
        assertTrue(count(f, v -> v.osDisk().layout().asText().equals("linux-mbr-custom")) > 0);
        assertTrue(count(f, v -> v.backup() != null && v.backup().policyType().equals("Standard")) > 0);
        assertTrue(count(f, v -> "ade".equals(v.osDisk().encryption())) > 0);
        assertTrue(count(f, v -> Boolean.TRUE.equals(v.asr())) > 0);
        assertTrue(count(f, v -> v.locks().contains("ReadOnly")) > 0);
        assertTrue(count(f, v -> !v.powerState().equals("running")) > 0);
        assertTrue(count(f, v -> !v.agent().equals("Ready")) > 0);
        assertTrue(count(f, v -> "TrustedLaunch".equals(v.securityType())) > 0);
        assertTrue(count(f, v -> v.securityType() == null && "V2".equals(v.osDisk().hyperVGeneration())) > 0);
        assertTrue(count(f, v -> v.guest().freeSpaceMb() != null && v.guest().freeSpaceMb() < 100) > 0, "no-room VMs");
    }

    private static long count(Fleet f, Function<VmSpec, Boolean> p) {
        return f.vms().stream().filter(p::apply).count();
    }

    @Test
    void theDemoFleetLoads() throws Exception {
        try (InputStream in = Fleet.class.getResourceAsStream("/fleets/demo.json")) {
            Fleet demo = Fleet.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "demo.json");
            assertTrue(demo.vms().size() >= 12);
            try (SandboxServer s = SandboxServer.start(demo, 0)) {
                assertEquals(200, new ArmClient(s.endpoint()).get("/_sandbox/state").status());
            }
        }
    }
}
