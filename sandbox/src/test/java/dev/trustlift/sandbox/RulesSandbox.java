package dev.trustlift.sandbox;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A sandbox serving the rules.json fleet (or another test fleet) and a client for it, as a JUnit extension. Registered on
 * a static field it lives for the whole class (tests that only read); on an instance field each
 * test gets a fresh one, because JUnit calls the all-callbacks only for static registrations.
 */
final class RulesSandbox implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private final String fleet;
    private boolean perClass;
    private SandboxServer server;
    private ArmClient arm;

    RulesSandbox() {
        this("rules.json");
    }

    RulesSandbox(String fleet) {
        this.fleet = fleet;
    }

    SandboxServer server() {
        return server;
    }

    ArmClient arm() {
        return arm;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        perClass = true;
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (!perClass) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            server.close();
        }
    }

    private void start() throws Exception {
        server = SandboxServer.start(Fleets.load(fleet), 0);
        arm = new ArmClient(server.endpoint());
    }
}
