package dev.trustlift.azure;

/**
 * Keeps the SDK (and Netty, reactor) quiet unless --verbose. slf4j-simple reads its level once,
 * when the first logger is made, so this runs before any SDK class is touched. A level set by the
 * user (-Dorg.slf4j.simpleLogger.defaultLogLevel=...) is left alone.
 */
final class SdkLogging {

    static final String LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

    private SdkLogging() {
    }

    static void configure(boolean verbose) {
        if (System.getProperty(LEVEL_PROPERTY) == null) {
            System.setProperty(LEVEL_PROPERTY, verbose ? "info" : "off");
        }
        if (System.getProperty("org.slf4j.simpleLogger.logFile") == null) {
            System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        }
    }
}
