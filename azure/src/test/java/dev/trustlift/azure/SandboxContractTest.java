package dev.trustlift.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustlift.core.cloud.BackupProtection;
import dev.trustlift.core.cloud.CloudException;
import dev.trustlift.core.cloud.CloudScope;
import dev.trustlift.core.cloud.FeatureState;
import dev.trustlift.core.assess.BitLockerState;
import dev.trustlift.core.assess.GuestFacts;
import dev.trustlift.core.assess.gather.GuestProbe;
import dev.trustlift.core.assess.gather.ProbeOutput;
import dev.trustlift.core.cloud.GuestScript;
import dev.trustlift.core.cloud.HyperVGeneration;
import dev.trustlift.core.cloud.InstanceView;
import dev.trustlift.core.cloud.OsDisk;
import dev.trustlift.core.cloud.OsType;
import dev.trustlift.core.cloud.PowerState;
import dev.trustlift.core.cloud.ResourceLock;
import dev.trustlift.core.cloud.ResourceSku;
import dev.trustlift.core.cloud.RestorePoint;
import dev.trustlift.core.cloud.ScriptResult;
import dev.trustlift.core.cloud.SecurityProfileChange;
import dev.trustlift.core.cloud.SecurityType;
import dev.trustlift.core.cloud.Snapshot;
import dev.trustlift.core.cloud.Vm;
import dev.trustlift.core.cloud.VmRef;
import dev.trustlift.sandbox.SandboxServer;
import dev.trustlift.sandbox.fleet.Fleet;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract tests: the real SDK clients, through the adapter, against the sandbox. What the sandbox
 * really did is read back from its own /_sandbox/ endpoints, not taken from the adapter's word.
 */
class SandboxContractTest {

    static final String SUB = "11111111-1111-1111-1111-111111111111";
    static final String SUB_B = "22222222-2222-2222-2222-222222222222";
    static final String SUB_T = "33333333-3333-3333-3333-333333333333";
    static final VmRef WEB01 = new VmRef(SUB, "rg-app", "web01");
    static final VmRef WEB02 = new VmRef(SUB, "rg-app", "web02");
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static SandboxServer sandbox;
    static AzureCloudAdapter cloud;

    @BeforeAll
    static void start() throws IOException {
        String fleet;
        try (InputStream in = SandboxContractTest.class.getResourceAsStream("/fleets/contract.json")) {
            fleet = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        sandbox = SandboxServer.start(Fleet.parse(fleet, "contract.json"), 0);
        cloud = new AzureCloudAdapter(AzureConnection.open(
                ConnectionSettings.endpoint(URI.create(sandbox.endpoint()), false).withPollInterval(Duration.ofMillis(50))));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.reset();
    }

    static JsonNode control(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.endpoint() + "_sandbox/" + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    static JsonNode truth(String vm) throws Exception {
        return control("state?vm=" + vm).at("/vms/0");
    }

    static List<JsonNode> calls() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        control("calls").path("calls").forEach(out::add);
        return out;
    }

    static long count(List<JsonNode> calls, String method, String pathPart) {
        return calls.stream().filter(c -> c.path("method").asText().equals(method)
                && c.path("path").asText().contains(pathPart)).count();
    }

    @Test
    void listsAndQueriesSeeTheSameFleet() {
        List<String> listed = cloud.listVms(CloudScope.of(List.of(SUB), null)).stream().map(v -> v.ref().name()).sorted().toList();
        assertEquals(List.of("bk01", "bk02", "enc01", "flaky01", "lin01", "locked01", "web01", "web02"), listed);
        List<String> graph = cloud.queryVms(CloudScope.of(List.of(SUB, SUB_B), null)).stream().map(v -> v.ref().name())
                .sorted().toList();
        assertEquals(List.of("bk01", "bk02", "enc01", "flaky01", "lin01", "locked01", "nofeat01", "web01", "web02"), graph);
        assertEquals(List.of("lin01"), cloud.listVms(CloudScope.of(List.of(SUB), "rg-linux")).stream()
                .map(v -> v.ref().name()).toList());
        assertEquals(List.of("web01"), cloud.listVms(new CloudScope(List.of(SUB), null, Map.of("app", "web"))).stream()
                .map(v -> v.ref().name()).toList());
        // the scope's filters travel in the KQL; the sandbox evaluates them as Resource Graph does
        assertEquals(List.of("lin01"), cloud.queryVms(CloudScope.of(List.of(SUB, SUB_B), "RG-LINUX")).stream()
                .map(v -> v.ref().name()).toList());
        assertEquals(List.of("web01"), cloud.queryVms(new CloudScope(List.of(SUB, SUB_B), null, Map.of("app", "web"))).stream()
                .map(v -> v.ref().name()).toList());
        assertEquals(List.of(), cloud.queryVms(new CloudScope(List.of(SUB), null, Map.of("app", "web' or type =~ '"))),
                "a quote in a tag value stays inside its literal");
    }

    @Test
    void vmInstanceViewAndDiskCarryWhatAssessNeeds() throws Exception {
        Vm vm = cloud.getVm(WEB01);
        assertEquals("eastus", vm.location());
        assertEquals("Standard_D2s_v3", vm.size());
        assertEquals(List.of("1"), vm.zones());
        assertEquals(OsType.WINDOWS, vm.osType());
        assertEquals(SecurityType.STANDARD, vm.securityType());
        assertTrue(vm.osDisk().managed());
        assertEquals("MicrosoftWindowsServer:WindowsServer:2019-Datacenter:latest", vm.image().toString());
        assertEquals(Map.of("app", "web"), vm.tags());

        InstanceView view = cloud.getInstanceView(WEB01);
        assertEquals(PowerState.RUNNING, view.powerState());
        assertTrue(view.agentReady());
        assertEquals("Windows Server 2019 Datacenter", view.osName());
        assertEquals("10.0.17763.6054", view.osVersion());
        assertEquals(HyperVGeneration.V1, view.hyperVGeneration());
        assertEquals(PowerState.DEALLOCATED, cloud.getInstanceView(WEB02).powerState());

        OsDisk disk = cloud.getDisk(vm.osDisk().id());
        assertEquals(HyperVGeneration.V1, disk.hyperVGeneration());
        assertEquals(127, disk.sizeGb());
        assertEquals(truth("web01").at("/osDisk/hyperVGeneration").asText(), disk.hyperVGeneration().name());
        assertEquals("AzureMonitorWindowsAgent", cloud.listExtensions(WEB01).get(0).type());
    }

    @Test
    void skusFeaturesBackupAndLocks() {
        List<ResourceSku> skus = cloud.listSkus(SUB, "eastus");
        ResourceSku d2 = skus.stream().filter(s -> s.name().equals("Standard_D2s_v3")).findFirst().orElseThrow();
        assertTrue(d2.hyperVGenerations().contains(HyperVGeneration.V2));
        assertFalse(d2.trustedLaunchDisabled());
        ResourceSku a2 = skus.stream().filter(s -> s.name().equals("Standard_A2_v2")).findFirst().orElseThrow();
        assertEquals(java.util.Set.of(HyperVGeneration.V1), a2.hyperVGenerations());

        String feature = "Microsoft.Compute/Gen1ToTLMigrationPreview";
        assertEquals(FeatureState.Registration.NOT_REGISTERED, cloud.getFeature(SUB_B, feature).state());
        assertEquals(FeatureState.Registration.REGISTERING, cloud.registerFeature(SUB_B, feature).state());
        assertTrue(cloud.getFeature(SUB, feature).registered());

        assertEquals(BackupProtection.PolicyType.STANDARD,
                cloud.getBackupProtection(new VmRef(SUB, "rg-app", "bk01"), "eastus").policyType());
        assertEquals(BackupProtection.PolicyType.ENHANCED,
                cloud.getBackupProtection(new VmRef(SUB, "rg-app", "bk02"), "eastus").policyType());
        assertFalse(cloud.getBackupProtection(WEB01, "eastus").isProtected());

        List<ResourceLock> locks = cloud.findLocks(new VmRef(SUB, "rg-app", "locked01"));
        assertEquals(1, locks.size(), locks.toString());
        assertEquals(ResourceLock.Level.READ_ONLY, locks.get(0).level());
        assertTrue(cloud.findLocks(WEB01).isEmpty());
    }

    @Test
    void windowsUpgradeRunsThroughPollersAndChangesTheRealState() throws Exception {
        ScriptResult validate = cloud.runScript(WEB01, new GuestScript(OsType.WINDOWS,
                List.of("MBR2GPT.exe /validate /allowFullOS"), Duration.ofSeconds(60)));
        assertEquals(0, validate.exitCode(), validate.stdout() + validate.stderr());
        assertTrue(validate.stdout().contains("Validation completed successfully"), validate.stdout());
        assertFalse(validate.stdout().contains("TRUSTLIFT_EXIT"), "the marker is consumed");

        RestorePoint rp = cloud.createRestorePoint(WEB01, "trustlift-web01", "pre-upgrade");
        assertTrue(rp.pointId().endsWith("/restorePoints/pre-upgrade"), rp.pointId());
        assertFalse(rp.diskRestorePointIds().isEmpty());

        ScriptResult convert = cloud.runScript(WEB01, new GuestScript(OsType.WINDOWS,
                List.of("MBR2GPT.exe /convert /allowFullOS"), Duration.ofSeconds(60)));
        assertEquals(0, convert.exitCode(), convert.stdout() + convert.stderr());

        CloudException running = assertThrows(CloudException.class,
                () -> cloud.setSecurityProfile(WEB01, SecurityProfileChange.trustedLaunch(true)));
        assertEquals("OperationNotAllowed", running.code());
        assertEquals(409, running.httpStatus());
        assertNotNull(running.requestId());
        assertTrue(calls().stream().anyMatch(c -> running.requestId().equals(c.path("requestId").asText())),
                "the request id is the sandbox's own");

        cloud.deallocate(WEB01);
        assertEquals("deallocated", truth("web01").path("power").asText());
        Vm tl = cloud.setSecurityProfile(WEB01, SecurityProfileChange.trustedLaunch(true));
        assertEquals(SecurityType.TRUSTED_LAUNCH, tl.securityType());
        assertTrue(tl.secureBootEnabled() && tl.vTpmEnabled());
        cloud.start(WEB01);
        JsonNode truth = truth("web01");
        assertEquals("running", truth.path("power").asText());
        assertEquals("TrustedLaunch", truth.path("securityType").asText());
        assertEquals("V2", truth.at("/osDisk/hyperVGeneration").asText());

        List<JsonNode> calls = calls();
        assertTrue(count(calls, "GET", "/operations/") >= 4, "deallocate, update, start and run commands were polled");
        assertEquals(1, count(calls, "POST", "/deallocate"));
        assertEquals(1, count(calls, "POST", "/start"));
        assertTrue(calls.stream().filter(c -> !c.path("path").asText().startsWith("/_sandbox/"))
                .allMatch(c -> c.path("authorization").asBoolean()), "every ARM call carried a bearer header");
    }

    @Test
    void failingGuestCommandGivesItsExitCodeNotAnException() {
        ScriptResult validate = cloud.runScript(new VmRef(SUB, "rg-app", "enc01"), new GuestScript(OsType.WINDOWS,
                List.of("MBR2GPT.exe /validate /allowFullOS"), Duration.ofSeconds(60)));
        assertTrue(validate.exitCode() > 0, "exit " + validate.exitCode() + ": " + validate.stdout());
        assertFalse(validate.succeeded());
        assertTrue(validate.stdout().contains("MBR2GPT"), validate.stdout());
    }

    @Test
    void transientServerErrorIsRetriedOnce() throws Exception {
        VmRef flaky = new VmRef(SUB, "rg-flaky", "flaky01");
        cloud.deallocate(flaky);
        assertEquals("deallocated", truth("flaky01").path("power").asText());
        List<JsonNode> posts = calls().stream().filter(c -> c.path("method").asText().equals("POST")
                && c.path("path").asText().endsWith("/flaky01/deallocate")).toList();
        assertEquals(List.of(500, 202), posts.stream().map(c -> c.path("status").asInt()).toList());
    }

    @Test
    void guestProbesReadWhatTheSandboxHolds() throws Exception {
        for (String[] vm : new String[][] {{"rg-linux", "lin01"}, {"rg-app", "enc01"}}) {
            VmRef ref = new VmRef(SUB, vm[0], vm[1]);
            OsType os = vm[1].startsWith("lin") ? OsType.LINUX : OsType.WINDOWS;
            ScriptResult probe = cloud.runScript(ref, GuestProbe.script(os));
            assertEquals(0, probe.exitCode(), probe.stdout() + probe.stderr());
            assertFalse(probe.stdout().contains("TRUSTLIFT_EXIT"));
            assertTrue(probe.stdout().getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 4096,
                    "Run Command keeps only the last 4,096 bytes of stdout: " + probe.stdout().length());
            GuestFacts facts = ProbeOutput.parse(probe.stdout());
            JsonNode truth = truth(vm[1]);
            JsonNode layout = truth.at("/osDisk/layout");
            assertEquals(layout.path("scheme").asText(), facts.layout().style().name(), vm[1]);
            assertEquals(layout.path("sectors").asLong(), facts.layout().totalSectors(), vm[1]);
            List<String> expected = new ArrayList<>();
            layout.path("partitions").forEach(p -> expected.add(p.path("number").asInt() + " " + p.path("type").asText() + " "
                    + p.path("start").asLong() + " " + p.path("sectors").asLong() + " " + p.path("active").asBoolean() + " "
                    + p.path("logical").asBoolean()));
            List<String> probed = facts.layout().partitions().stream().map(p -> p.number() + " " + p.type() + " " + p.startLba()
                    + " " + p.sectors() + " " + p.active() + " " + p.logical()).toList();
            assertEquals(expected.stream().sorted().toList(), probed.stream().sorted().toList(), vm[1]);
            assertEquals(truth.at("/guest/freeSpaceMb").asLong(), facts.freeMb(), vm[1]);
            assertTrue(facts.layout().osPartition().isPresent(), vm[1]);
        }
        GuestFacts enc = ProbeOutput.parse(cloud.runScript(new VmRef(SUB, "rg-app", "enc01"), GuestProbe.script(OsType.WINDOWS))
                .stdout());
        assertEquals(BitLockerState.ON, enc.bitLocker());
        assertEquals(0L, enc.unmovableTailMb());
        GuestFacts lin = ProbeOutput.parse(cloud.runScript(new VmRef(SUB, "rg-linux", "lin01"), GuestProbe.script(OsType.LINUX))
                .stdout());
        assertEquals(false, lin.espInFstab());
    }

    @Test
    void disksGrowSnapshotAndSwap() throws Exception {
        String diskId = cloud.getVm(WEB02).osDisk().id();
        OsDisk before = cloud.getDisk(diskId);
        OsDisk grown = cloud.growDisk(diskId, before.sizeGb() + 1);
        assertEquals(before.sizeGb() + 1, grown.sizeGb());
        assertEquals(before.sizeGb() + 1, cloud.getDisk(diskId).sizeGb());

        Snapshot snap = cloud.createIncrementalSnapshot(diskId, "web02-pre");
        assertTrue(snap.incremental());
        assertEquals(diskId.toLowerCase(), snap.sourceDiskId().toLowerCase());

        OsDisk copy = cloud.createDisk(WEB02, snap.id(), "web02-restored");
        assertEquals("web02-restored", copy.name());
        assertEquals(HyperVGeneration.V1, copy.hyperVGeneration(), "a copy keeps the source's generation");
        Vm swapped = cloud.swapOsDisk(WEB02, copy.id());
        assertEquals(copy.id().toLowerCase(), swapped.osDisk().id().toLowerCase());
        assertEquals(copy.id().toLowerCase(), truth("web02").at("/osDisk/id").asText().toLowerCase());
    }

    @Test
    void burstBeyondTheReadBucketIsRetriedAfterRetryAfter() throws Exception {
        VmRef busy = new VmRef(SUB_T, "rg-t", "busy01");
        for (int i = 0; i < 5; i++) {
            assertEquals("busy01", cloud.getVm(busy).ref().name());
        }
        List<JsonNode> gets = calls().stream().filter(c -> c.path("path").asText().endsWith("/busy01")).toList();
        long ok = gets.stream().filter(c -> c.path("status").asInt() == 200).count();
        long throttled = gets.stream().filter(c -> c.path("status").asInt() == 429).count();
        assertEquals(5, ok);
        assertTrue(throttled >= 1 && throttled <= 3, "the bucket of 3 throttled the burst, retries waited: " + throttled);
        assertNotNull(cloud.rateLimits(SUB_T).remainingReads(), "ratelimit headers were observed");
    }
}
