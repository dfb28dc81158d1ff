package dev.trustlift.core.upgrade.steps;

import static dev.trustlift.core.upgrade.steps.WindowCloud.SUB;
import static dev.trustlift.core.upgrade.steps.WindowCloud.WIN;
import static dev.trustlift.core.upgrade.steps.WindowCloud.WIN2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.core.assess.VmFacts;
import dev.trustlift.core.cloud.CloudException;
import dev.trustlift.core.cloud.FeatureState;
import dev.trustlift.core.cloud.OperationKind;
import dev.trustlift.core.cloud.OsType;
import dev.trustlift.core.cloud.PowerState;
import dev.trustlift.core.cloud.SecurityType;
import dev.trustlift.core.journal.SqliteJournal;
import dev.trustlift.core.upgrade.StepHarness;
import dev.trustlift.core.upgrade.StepResult;
import dev.trustlift.core.upgrade.VmUpgrade;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** set-trusted-launch, verify-profile and the register-feature detour. */
class ProfileStepsTest {
    static final String REFUSAL = "The subscription '" + SUB + "' is not registered for feature"
            + " 'Microsoft.Compute/Gen1ToTLMigrationPreview', which changing the security type of a VM requires.";

    @TempDir
    Path dir;
    SqliteJournal journal;
    StepHarness harness;
    WindowCloud cloud;

    @BeforeEach
    void open() {
        harness = new StepHarness(dir);
        journal = harness.journal();
        cloud = new WindowCloud().addVm(WIN, OsType.WINDOWS, PowerState.DEALLOCATED).addVm(WIN2, OsType.WINDOWS,
                PowerState.DEALLOCATED);
        cloud.clock = harness.clock();
    }

    @AfterEach
    void close() {
        journal.close();
    }

    @Test
    void theProfileIsPatchedOnceWithSecureBootAsAssessDecided() {
        harness.completed(WIN, "assess", "{\"secureBoot\": false}");
        SetTrustedLaunchStep step = new SetTrustedLaunchStep(cloud);
        VmUpgrade vm = harness.begin(WIN, SetTrustedLaunchStep.NAME);
        StepResult r = step.run(vm);
        assertEquals(OperationKind.SET_SECURITY_PROFILE, assertInstanceOf(StepResult.Await.class, r).operation().kind());
        assertEquals(1, cloud.count("beginSetSecurityProfile win01 SecurityProfileChange[securityType=TRUSTED_LAUNCH,"
                + " secureBootEnabled=false, vTpmEnabled=true]"), cloud.calls.toString());
        cloud.end(vm, r);
        StepResult.Done done = assertInstanceOf(StepResult.Done.class, step.run(vm));
        assertEquals("TrustedLaunch", done.detail().path("securityType").asText());
        assertFalse(done.detail().path("secureBootEnabled").asBoolean(true));
        assertEquals(1, cloud.count("beginSetSecurityProfile"));
    }

    @Test
    void secureBootIsOnWhenAssessSaidNothing() {
        VmUpgrade vm = harness.begin(WIN, SetTrustedLaunchStep.NAME);
        new SetTrustedLaunchStep(cloud).run(vm);
        assertEquals(1, cloud.count("beginSetSecurityProfile win01 SecurityProfileChange[securityType=TRUSTED_LAUNCH,"
                + " secureBootEnabled=true"), cloud.calls.toString());
    }

    @Test
    void aVmAlreadyTrustedLaunchIsDoneWithoutAPatch() {
        cloud.setProfile(WIN, SecurityType.TRUSTED_LAUNCH, true, true, "Succeeded");
        assertInstanceOf(StepResult.Done.class, new SetTrustedLaunchStep(cloud).run(harness.begin(WIN, SetTrustedLaunchStep.NAME)));
        assertEquals(0, cloud.count("beginSetSecurityProfile"));
    }

    @Test
    void aPatchAcceptedBeforeACrashIsWaitedForNotSentAgain() {
        new SetTrustedLaunchStep(cloud).run(harness.begin(WIN, SetTrustedLaunchStep.NAME));
        // ARM took the PATCH (the model shows it, still Updating); the journal never heard of it.
        cloud.setProfile(WIN, SecurityType.TRUSTED_LAUNCH, true, true, "Updating");
        VmUpgrade resumed = harness.restart(WIN);
        SetTrustedLaunchStep step = new SetTrustedLaunchStep(cloud);
        assertInstanceOf(StepResult.Later.class, step.run(resumed));
        cloud.setProfile(WIN, SecurityType.TRUSTED_LAUNCH, true, true, "Succeeded");
        assertInstanceOf(StepResult.Done.class, step.run(resumed));
        assertEquals(1, cloud.count("beginSetSecurityProfile"));
    }

    @Test
    void aSecureBootSettingThatDiffersIsPatchedAgain() {
        cloud.setProfile(WIN, SecurityType.TRUSTED_LAUNCH, false, true, "Succeeded");
        assertInstanceOf(StepResult.Await.class, new SetTrustedLaunchStep(cloud).run(harness.begin(WIN, SetTrustedLaunchStep.NAME)));
    }

    @Test
    void anUnregisteredFeatureRefusedAtTheRequestIsExactlyTheDetourCode() {
        cloud.throwNext("beginSetSecurityProfile", new CloudException("SubscriptionNotRegisteredForFeature", REFUSAL, 400,
                "req-refused", null));
        VmUpgrade vm = harness.begin(WIN, SetTrustedLaunchStep.NAME);
        StepResult.Failed f = assertInstanceOf(StepResult.Failed.class, new SetTrustedLaunchStep(cloud).run(vm));
        assertEquals("SubscriptionNotRegisteredForFeature", f.code());
        assertEquals("Microsoft.Compute/Gen1ToTLMigrationPreview", f.detail().path("feature").asText());
        assertEquals(java.util.List.of("req-refused"), f.requestIds());
        assertEquals("Microsoft.Compute/Gen1ToTLMigrationPreview", vm.memo().get(SetTrustedLaunchStep.MEMO_FEATURE));
    }

    @Test
    void anUnregisteredFeatureReportedByTheOperationIsTheDetourCodeToo() {
        cloud.failNextOperation(OperationKind.SET_SECURITY_PROFILE, "SubscriptionNotRegisteredForFeature",
                "Subscription is not registered for feature Microsoft.Compute/OtherGate required for this change.");
        SetTrustedLaunchStep step = new SetTrustedLaunchStep(cloud);
        VmUpgrade vm = harness.begin(WIN, SetTrustedLaunchStep.NAME);
        cloud.end(vm, step.run(vm));
        StepResult.Failed f = assertInstanceOf(StepResult.Failed.class, step.run(vm));
        assertEquals("SubscriptionNotRegisteredForFeature", f.code());
        assertEquals("Microsoft.Compute/OtherGate", vm.memo().get(SetTrustedLaunchStep.MEMO_FEATURE));
    }

    @Test
    void otherRefusalsAreRetryableOnlyWhenArmMayChangeItsMind() {
        cloud.failNextOperation(OperationKind.SET_SECURITY_PROFILE, "InternalExecutionError", "try later");
        SetTrustedLaunchStep step = new SetTrustedLaunchStep(cloud);
        VmUpgrade vm = harness.begin(WIN, SetTrustedLaunchStep.NAME);
        cloud.end(vm, step.run(vm));
        StepResult.Failed internal = assertInstanceOf(StepResult.Failed.class, step.run(vm));
        assertEquals("InternalExecutionError", internal.code());
        assertTrue(internal.retryable());
        harness.journalEnd(vm, internal);

        cloud.failNextOperation(OperationKind.SET_SECURITY_PROFILE, "InvalidParameter", "TrustedLaunch is not supported");
        VmUpgrade next = harness.begin(WIN, SetTrustedLaunchStep.NAME);
        cloud.end(next, step.run(next));
        StepResult.Failed invalid = assertInstanceOf(StepResult.Failed.class, step.run(next));
        assertEquals("InvalidParameter", invalid.code());
        assertFalse(invalid.retryable());
        assertEquals("Standard", invalid.detail().path("securityType").asText(), "what ARM shows");

        // A refusal at the request itself goes to the runner, which maps it by HTTP status.
        cloud.throwNext("beginSetSecurityProfile", new CloudException("BadRequest", "no", 400, "r", null));
        harness.journalEnd(next, invalid);
        VmUpgrade third = harness.begin(WIN, SetTrustedLaunchStep.NAME);
        CloudException thrown = org.junit.jupiter.api.Assertions.assertThrows(CloudException.class, () -> step.run(third));
        assertEquals("BadRequest", thrown.code());
    }

    @Test
    void verifyProfileReadsTheProfileBack() {
        VerifyProfileStep step = new VerifyProfileStep(cloud);
        cloud.setProfile(WIN, SecurityType.TRUSTED_LAUNCH, true, true, "Succeeded");
        StepResult.Done done = assertInstanceOf(StepResult.Done.class, step.run(harness.begin(WIN, VerifyProfileStep.NAME)));
        assertTrue(done.detail().path("vTpmEnabled").asBoolean());

        harness.completed(WIN2, "assess", "{\"secureBoot\": false}");
        cloud.setProfile(WIN2, SecurityType.TRUSTED_LAUNCH, true, true, "Succeeded");
        StepResult.Failed f = assertInstanceOf(StepResult.Failed.class, step.run(harness.begin(WIN2, VerifyProfileStep.NAME)));
        assertEquals("ProfileMismatch", f.code());
        assertFalse(f.retryable());
        assertTrue(f.message().contains("secureBootEnabled true; wanted TrustedLaunch, vTpmEnabled true, secureBootEnabled false"),
                f.message());
    }

    @Test
    void verifyProfileFailsOnAStandardVm() {
        StepResult.Failed f = assertInstanceOf(StepResult.Failed.class,
                new VerifyProfileStep(cloud).run(harness.begin(WIN, VerifyProfileStep.NAME)));
        assertTrue(f.message().startsWith("ARM shows securityType Standard"), f.message());
    }

    @Test
    void theFeatureIsRegisteredOncePerSubscriptionAndTheProviderAfterItIsRegistered() {
        RegisterFeatureStep step = new RegisterFeatureStep(cloud);
        VmUpgrade first = harness.begin(WIN, RegisterFeatureStep.NAME);
        first.memo().put(SetTrustedLaunchStep.MEMO_FEATURE, "Microsoft.Compute/Gen1ToTLMigrationPreview");
        VmUpgrade second = harness.begin(WIN2, RegisterFeatureStep.NAME);
        assertInstanceOf(StepResult.Later.class, step.run(first));
        // ARM still says NotRegistered for a moment: the second VM does not register again.
        cloud.features.put(SUB + "|Microsoft.Compute/Gen1ToTLMigrationPreview", FeatureState.Registration.NOT_REGISTERED);
        assertInstanceOf(StepResult.Later.class, step.run(second));
        assertEquals(1, cloud.count("registerFeature"));
        cloud.features.put(SUB + "|Microsoft.Compute/Gen1ToTLMigrationPreview", FeatureState.Registration.REGISTERED);
        // Registered: Compute is re-registered once, and both wait until ARM reports it Registered again.
        assertInstanceOf(StepResult.Later.class, step.run(first));
        assertInstanceOf(StepResult.Later.class, step.run(second));
        assertEquals(1, cloud.count("registerResourceProvider Microsoft.Compute"));
        cloud.providers.put(SUB + "|Microsoft.Compute", FeatureState.Registration.REGISTERED);
        StepResult.Done done = assertInstanceOf(StepResult.Done.class, step.run(first));
        assertEquals("Microsoft.Compute/Gen1ToTLMigrationPreview", done.detail().path("feature").asText());
        assertEquals("Registered", done.detail().path("providerState").asText());
        assertInstanceOf(StepResult.Done.class, step.run(second));
        assertEquals(1, cloud.count("registerResourceProvider Microsoft.Compute"));
    }

    @Test
    void withoutANamedFeatureTheMigrationFlagIsRegistered() {
        RegisterFeatureStep step = new RegisterFeatureStep(cloud);
        assertInstanceOf(StepResult.Later.class, step.run(harness.begin(WIN, RegisterFeatureStep.NAME)));
        assertEquals(1, cloud.count("registerFeature " + VmFacts.MIGRATION_FEATURE));
    }

    @Test
    void aRegisteringFeatureIsNotRegisteredAgainAfterARestart() {
        cloud.features.put(SUB + "|" + VmFacts.MIGRATION_FEATURE, FeatureState.Registration.REGISTERING);
        assertInstanceOf(StepResult.Later.class, new RegisterFeatureStep(cloud).run(harness.begin(WIN, RegisterFeatureStep.NAME)));
        assertEquals(0, cloud.count("registerFeature"));
    }

    @Test
    void aFeatureThatNeedsApprovalOrNeverRegistersFails() {
        RegisterFeatureStep step = new RegisterFeatureStep(cloud);
        cloud.features.put(SUB + "|" + VmFacts.MIGRATION_FEATURE, FeatureState.Registration.PENDING);
        StepResult.Failed pending = assertInstanceOf(StepResult.Failed.class, step.run(harness.begin(WIN, RegisterFeatureStep.NAME)));
        assertEquals("FeatureApprovalPending", pending.code());

        cloud.features.put(SUB + "|" + VmFacts.MIGRATION_FEATURE, FeatureState.Registration.REGISTERING);
        VmUpgrade vm = harness.begin(WIN2, RegisterFeatureStep.NAME);
        assertInstanceOf(StepResult.Later.class, step.run(vm));
        harness.clock().advance(RegisterFeatureStep.LIMIT.plus(Duration.ofSeconds(1)));
        assertEquals("FeatureRegistrationTimedOut", assertInstanceOf(StepResult.Failed.class, step.run(vm)).code());
    }

    @Test
    void theFeatureNameIsReadFromArmsMessage() {
        assertEquals("Microsoft.Compute/Gen1ToTLMigrationPreview", FeatureName.from(REFUSAL));
        assertEquals("Microsoft.Compute/EncryptionAtHost", FeatureName.from(
                "Subscription 'x' is not registered for feature Microsoft.Compute/EncryptionAtHost required to carry out the requested operation."));
        assertEquals(VmFacts.MIGRATION_FEATURE, FeatureName.from("refused"));
        assertEquals(VmFacts.MIGRATION_FEATURE, FeatureName.from(null));
    }
}
