package dev.trustlift.sandbox.fleet;

/** Azure Backup protection of a VM: policyType "Standard" (policy V1) or "Enhanced" (V2). */
public record BackupSpec(String policyType) {
}
