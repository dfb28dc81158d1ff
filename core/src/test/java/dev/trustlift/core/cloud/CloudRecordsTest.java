package dev.trustlift.core.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CloudRecordsTest {

    @Test
    void vmIdRoundTripsAndIgnoresCasingOfFixedSegments() {
        VmRef ref = VmRef.parse("/SUBSCRIPTIONS/s1/resourcegroups/rg-App/providers/microsoft.compute/VIRTUALMACHINES/web01");
        assertEquals(new VmRef("s1", "rg-App", "web01"), ref);
        assertEquals("/subscriptions/s1/resourceGroups/rg-App/providers/Microsoft.Compute/virtualMachines/web01", ref.id());
        assertEquals(ref, VmRef.parse(ref.id()));
        assertThrows(IllegalArgumentException.class,
                () -> VmRef.parse("/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/disks/d1"));
    }

    @Test
    void skuCapabilitiesAnswerTheTrustedLaunchQuestions() {
        ResourceSku sku = new ResourceSku("Standard_A1_v2", "eastus",
                Map.of("HyperVGenerations", "V1", "TrustedLaunchDisabled", "True"),
                List.of(new ResourceSku.Restriction("Zone", List.of("eastus"), "NotAvailableForSubscription")));
        assertEquals(Set.of(HyperVGeneration.V1), sku.hyperVGenerations());
        assertTrue(sku.trustedLaunchDisabled());
        assertTrue(sku.availableForSubscription(), "a zone restriction leaves the size usable in the region");
        ResourceSku restricted = new ResourceSku("Standard_D2s_v5", "eastus", Map.of("HyperVGenerations", "V1,V2"),
                List.of(new ResourceSku.Restriction("Location", List.of("eastus"), "NotAvailableForSubscription")));
        assertFalse(restricted.availableForSubscription());
        assertFalse(restricted.trustedLaunchDisabled());
    }

    @Test
    void securityTypesFromVmsAndDisks() {
        assertEquals(SecurityType.STANDARD, SecurityType.parse(null));
        assertEquals(SecurityType.TRUSTED_LAUNCH, SecurityType.parse("TrustedLaunch"));
        assertEquals(SecurityType.CONFIDENTIAL_VM, SecurityType.parse("ConfidentialVM_VMGuestStateOnlyEncryptedWithPlatformKey"));
        assertThrows(IllegalArgumentException.class, () -> SecurityType.parse("Quantum"));
    }

    @Test
    void absentNullAndStandardSecurityTypeAreAllStandard() {
        // api-version 2025-11-01 and later send "Standard"; older versions omit the property.
        assertEquals(SecurityType.STANDARD, SecurityType.parse(null), "absent");
        assertEquals(SecurityType.STANDARD, SecurityType.parse(""), "empty");
        assertEquals(SecurityType.STANDARD, SecurityType.parse("Standard"), "2025-11-01 and later");
        assertEquals(SecurityType.STANDARD, SecurityType.parse("standard"));
        Vm vm = new Vm(VmRef.parse("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/v"),
                "eastus", "Standard_D2s_v5", List.of(), null, OsType.WINDOWS, null, false, false, Map.of(), null, null,
                false, "Succeeded");
        assertEquals(SecurityType.STANDARD, vm.securityType(), "a VM record without a security type");
    }

    @Test
    void anUnknownGenerationIsUnknownNeverV1() {
        assertEquals(HyperVGeneration.UNKNOWN, HyperVGeneration.parse(null));
        assertEquals(HyperVGeneration.UNKNOWN, HyperVGeneration.parse(" "));
        assertEquals(HyperVGeneration.UNKNOWN, HyperVGeneration.parse("V3"));
        assertEquals(HyperVGeneration.V1, HyperVGeneration.parse("v1"));
        assertEquals(HyperVGeneration.V2, HyperVGeneration.parse("V2"));
        assertEquals(HyperVGeneration.UNKNOWN, new InstanceView(PowerState.DEALLOCATED, null, null, null, null, null)
                .hyperVGeneration());
        assertEquals(HyperVGeneration.UNKNOWN, new OsDisk("d", "d", "eastus", 0, null, null, SecurityType.STANDARD, null)
                .hyperVGeneration());
        assertFalse(HyperVGeneration.UNKNOWN.known());
    }

    @Test
    void powerStateFromStatusCodes() {
        assertEquals(PowerState.DEALLOCATED, PowerState.fromStatusCode("PowerState/deallocated"));
        assertEquals(PowerState.UNKNOWN, PowerState.fromStatusCode("ProvisioningState/succeeded"));
        assertEquals(PowerState.UNKNOWN, PowerState.fromStatusCode("PowerState/hibernated-ish"));
    }

    @Test
    void cloudExceptionMessageIsOneLineWithCodeStatusAndRequest() {
        CloudException e = new CloudException("OperationNotAllowed", "first line\nsecond", 409, "rid", null);
        assertEquals("OperationNotAllowed (HTTP 409, request rid): first line", e.getMessage());
        assertTrue(new CloudException("OperationNotAllowed", "busy", 429, null, null).isThrottled());
        assertTrue(new CloudException("ResourceNotFound", "gone", 404, null, null).isNotFound());
        assertEquals("EndpointUnreachable: x", new CloudException(CloudException.UNREACHABLE, "x", 0, null, null).getMessage());
    }

    @Test
    void scopeTagFiltersMatchAll() {
        CloudScope scope = new CloudScope(List.of("s"), null, Map.of("env", "prod", "tl", "yes"));
        assertTrue(scope.matchesTags(Map.of("env", "prod", "tl", "yes", "x", "y")));
        assertFalse(scope.matchesTags(Map.of("env", "prod")));
        assertThrows(IllegalArgumentException.class, () -> CloudScope.of(List.of(), null));
    }
}
