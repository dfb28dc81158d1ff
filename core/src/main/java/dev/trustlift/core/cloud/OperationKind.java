package dev.trustlift.core.cloud;

/** What a journaled long-running operation does; stored by name, so names never change. */
public enum OperationKind {
    DEALLOCATE,
    START,
    SET_SECURITY_PROFILE,
    CREATE_RESTORE_POINT,
    RESTORE_DISK,
    SWAP_OS_DISK,
    TAG_DISK,
    RUN_COMMAND,
    DELETE_RUN_COMMAND,
    RESTART
}
