package dev.trustlift.azure;

import static dev.trustlift.azure.AdapterReadTest.MY_VM;
import static dev.trustlift.azure.AdapterReadTest.VM_PATH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.azure.FakeArm.Answer;
import dev.trustlift.core.cloud.CloudException;
import dev.trustlift.core.cloud.SecurityProfileChange;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** ARM's errors reach callers as CloudException with code, message, HTTP status and request id. */
class ErrorMappingTest extends AdapterOnFakeArm {

    @Test
    void conflictOnUpdateKeepsCodeStatusAndRequestId() {
        String message = "Operation 'update' is not allowed on VM 'myVM' since the VM is running. Deallocate the VM first.";
        arm.on("PATCH", VM_PATH, Answer.json(409, FakeArm.error("OperationNotAllowed", message))
                .with("x-ms-request-id", "3f2b1c9e-0000-4000-8000-000000000409"));
        CloudException e = assertThrows(CloudException.class,
                () -> cloud.setSecurityProfile(MY_VM, SecurityProfileChange.trustedLaunch(true)));
        assertEquals("OperationNotAllowed", e.code());
        assertEquals(409, e.httpStatus());
        assertEquals("3f2b1c9e-0000-4000-8000-000000000409", e.requestId());
        assertEquals(message, e.armMessage());
        assertFalse(e.isThrottled());
        assertEquals("OperationNotAllowed (HTTP 409, request 3f2b1c9e-0000-4000-8000-000000000409): " + message,
                e.getMessage());
        assertEquals(1, arm.count("PATCH", VM_PATH), "a 409 is not retried");
    }

    @Test
    void missingVmIsNotFound() {
        arm.on("GET", VM_PATH, Answer.json(404, FakeArm.error("ResourceNotFound",
                "The Resource 'Microsoft.Compute/virtualMachines/myVM' under resource group 'myResourceGroup' was not found.")));
        CloudException e = assertThrows(CloudException.class, () -> cloud.getVm(MY_VM));
        assertTrue(e.isNotFound());
        assertEquals("ResourceNotFound", e.code());
        assertTrue(e.requestId().startsWith("req-"), e.requestId());
    }

    @Test
    void backupErrorsCarryTheSameFields() {
        arm.on("POST", ".*/backupStatus", Answer.json(403, FakeArm.error("AuthorizationFailed", "no access to vault"))
                .with("x-ms-request-id", "rid-403"));
        CloudException e = assertThrows(CloudException.class, () -> cloud.getBackupProtection(MY_VM, "westus"));
        assertEquals("AuthorizationFailed", e.code());
        assertEquals(403, e.httpStatus());
        assertEquals("rid-403", e.requestId());
    }

    @Test
    void unreachableEndpointIsOneClearError() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        AzureCloudAdapter nowhere = new AzureCloudAdapter(AzureConnection.open(
                ConnectionSettings.endpoint(URI.create("http://127.0.0.1:" + port), false)));
        CloudException e = assertThrows(CloudException.class, () -> nowhere.getVm(MY_VM));
        assertEquals(CloudException.UNREACHABLE, e.code());
        assertEquals(0, e.httpStatus());
        assertNull(e.requestId());
        assertTrue(e.getMessage().contains("cannot reach ARM"), e.getMessage());
    }
}
